/**
 * The Secrets dialog: the `{env.NAME}` variables the workflow's fetch nodes read, each with whether it
 * is set and where from (kept in the app for this workflow file, or the environment the app was
 * started in), a masked field to keep a value in the app, and a button to forget it. Values go to the
 * host and never come back: the page cannot show one, only that it is set.
 */
import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import type { SecretState } from '../../../shared/protocol/messages';
import { getHost } from '../host-client/host';
import { useEditor } from '../store/use-editor';
import { closeSecrets, useSecretsDialog, workflowEnvNames } from './secrets';
import './secrets.css';

export function SecretsDialog() {
  const open = useSecretsDialog((s) => s.open);
  const path = useEditor((s) => s.path);
  // One string, so that the dialog is drawn again only when the names change, not at every edit.
  const names = useEditor((s) => workflowEnvNames(s.graph).join('\n'));
  if (!open) return null;
  return <SecretsBody key={`${path ?? ''}\n${names}`} path={path} namesText={names} />;
}

const SOURCE_TEXT: Record<string, string> = {
  app: 'set in the app for this workflow',
  environment: 'set in the environment',
  none: 'not set',
};

function SecretsBody({ path, namesText }: { path: string | null; namesText: string }) {
  const names = useMemo(() => (namesText === '' ? [] : namesText.split('\n')), [namesText]);
  const from = useSecretsDialog((s) => s.from);
  const [secrets, setSecrets] = useState<SecretState[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      const listed = await getHost().request({ type: 'secrets.list', path, names: [...names] });
      setSecrets(listed.secrets);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  }, [path, names]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const change = async (request: () => Promise<unknown>, done: string): Promise<boolean> => {
    setProblem(null);
    setNotice(null);
    try {
      await request();
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
      return false;
    }
    setNotice(done);
    await refresh();
    return true;
  };

  return (
    <div className="modal-backdrop">
      <div
        className="modal secrets"
        role="dialog"
        aria-modal="true"
        aria-label="Secrets"
        onKeyDown={(event) => {
          if (event.key === 'Escape') closeSecrets();
        }}
      >
        <h2>Secrets{from !== null ? <span className="muted"> — used by {from}</span> : null}</h2>
        <p className="muted">
          A fetch reads <code>{'{env.NAME}'}</code> from the environment when it runs. A value kept here is
          for this workflow file only, stored in the app&apos;s data folder (never in the workflow, its
          history or its exports), and wins over the environment.
        </p>
        {path === null && (
          <p className="secrets-unsaved">
            Save the workflow to keep values in the app; until then its runs read the environment only.
          </p>
        )}
        {names.length === 0 && (secrets?.length ?? 0) === 0 && (
          <p className="muted">No fetch node of this workflow uses {'{env.NAME}'}.</p>
        )}
        {secrets === null && problem === null && <p className="muted">Reading…</p>}
        {secrets !== null && secrets.length > 0 && (
          <ul className="secrets-list" aria-label="Variables">
            {secrets.map((secret) => (
              <SecretRow
                key={secret.name}
                secret={secret}
                canKeep={path !== null}
                onSet={(value) =>
                  change(
                    () =>
                      getHost().request({ type: 'secrets.set', path: path ?? '', name: secret.name, value }),
                    `${secret.name} is kept in the app for this workflow.`,
                  )
                }
                onClear={() =>
                  change(
                    () => getHost().request({ type: 'secrets.clear', path: path ?? '', name: secret.name }),
                    `${secret.name} is no longer kept in the app.`,
                  )
                }
              />
            ))}
          </ul>
        )}
        {problem !== null && (
          <p className="field-error" role="alert">
            {problem}
          </p>
        )}
        {notice !== null && (
          <p className="muted" role="status">
            {notice}
          </p>
        )}
        <div className="modal-buttons">
          <button type="button" onClick={closeSecrets} autoFocus>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}

function SecretRow({
  secret,
  canKeep,
  onSet,
  onClear,
}: {
  secret: SecretState;
  canKeep: boolean;
  onSet(value: string): Promise<boolean>;
  onClear(): Promise<boolean>;
}) {
  const id = useId();
  const [value, setValue] = useState('');
  const source = secret.source ?? 'none';
  return (
    <li className="secret" data-secret={secret.name} data-secret-source={source}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (value === '') return;
          // The field is emptied once the host has the value: the page keeps no copy.
          void onSet(value).then((ok) => ok && setValue(''));
        }}
      >
        <label htmlFor={id}>
          <code>{secret.name}</code>{' '}
          <span className={`secret-source secret-source-${source}`}>{SOURCE_TEXT[source]}</span>
          {!secret.used && <span className="muted"> (no longer used by this workflow)</span>}
        </label>
        <div className="secret-edit">
          <input
            id={id}
            type="password"
            autoComplete="off"
            spellCheck={false}
            aria-label={`Value of ${secret.name}`}
            placeholder={
              secret.source === 'app' ? '••••••••  (kept; type to replace)' : 'a value to keep in the app'
            }
            disabled={!canKeep}
            value={value}
            onChange={(event) => setValue(event.target.value)}
          />
          <button type="submit" disabled={!canKeep || value === ''} aria-label={`Set ${secret.name}`}>
            Set
          </button>
          <button
            type="button"
            disabled={secret.source !== 'app'}
            aria-label={`Clear ${secret.name}`}
            onClick={() => void onClear()}
          >
            Clear
          </button>
        </div>
      </form>
    </li>
  );
}
