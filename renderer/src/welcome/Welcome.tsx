/** Shown when no document is open: new, open, recent files, the examples gallery and unsaved work to recover. */
import { useEffect, useState } from 'react';
import type { Example, RecoverableWork } from '../../../shared/protocol/messages';
import { useApp } from '../app/app-store';
import { newDocument, openDocument, openPath, openText, refreshRecent } from '../app/actions';
import { getHost } from '../host-client/host';

export function Welcome() {
  const recent = useApp((s) => s.recent);
  const [examples, setExamples] = useState<Example[] | null>(null);
  const [recoverable, setRecoverable] = useState<RecoverableWork[]>([]);

  useEffect(() => {
    const host = getHost();
    void refreshRecent();
    host.request({ type: 'examples.list' }).then(
      (r) => setExamples(r.examples),
      () => setExamples([]),
    );
    host.request({ type: 'autosave.list' }).then(
      (r) => setRecoverable(r.items),
      () => setRecoverable([]),
    );
  }, []);

  const discard = (key: string) => {
    setRecoverable((items) => items.filter((item) => item.key !== key));
    void getHost()
      .request({ type: 'autosave.discard', key })
      .catch(() => undefined);
  };

  return (
    <main className="welcome" aria-label="Welcome">
      <h1>Flowloop</h1>
      <p className="muted">
        Design, run and understand asynchronous workflows — asyncio semantics, live on a canvas.
      </p>
      <div className="welcome-actions">
        <button type="button" onClick={newDocument}>
          New workflow
        </button>
        <button type="button" onClick={() => void openDocument()}>
          Open…
        </button>
      </div>
      {recoverable.length > 0 && (
        <section aria-label="Recover unsaved work" className="welcome-section recover">
          <h2>Unsaved work</h2>
          <ul>
            {recoverable.map((item) => (
              <li key={item.key}>
                <span>
                  {item.path ?? 'Untitled'}{' '}
                  <span className="muted">({new Date(item.savedAt).toLocaleString()})</span>
                </span>
                <button
                  type="button"
                  onClick={() => openText(item.text, item.path, { dirty: true, autosaveKey: item.key })}
                >
                  Recover
                </button>
                <button
                  type="button"
                  onClick={() => discard(item.key)}
                  aria-label={`Discard unsaved work of ${item.path ?? 'Untitled'}`}
                >
                  Discard
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-label="Recent files" className="welcome-section">
        <h2>Recent files</h2>
        {recent.length === 0 ? (
          <p className="muted">None yet.</p>
        ) : (
          <ul>
            {recent.map((path) => (
              <li key={path}>
                <button type="button" className="link" onClick={() => void openPath(path)}>
                  {path}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-label="Examples" className="welcome-section">
        <h2>Examples</h2>
        {examples === null ? (
          <p className="muted">Loading…</p>
        ) : (
          <ul className="examples">
            {examples.map((example) => (
              <li key={example.id}>
                <button type="button" className="example" onClick={() => openText(example.text, null)}>
                  <strong>{example.name}</strong>
                  <span>{example.description}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}
