/** Browser mode's Open and Save As: a path typed by the person, with the recent files to pick from. */
import { useId, useState } from 'react';
import { appStore, useApp } from '../app/app-store';

export function PathDialog() {
  const request = useApp((s) => s.pathDialog);
  const recent = useApp((s) => s.recent);
  if (!request) return null;
  return (
    <PathDialogBody
      key={request.initial + request.mode}
      initial={request.initial}
      mode={request.mode}
      recent={recent}
    />
  );
}

function PathDialogBody({
  initial,
  mode,
  recent,
}: {
  initial: string;
  mode: 'open' | 'save';
  recent: string[];
}) {
  const [path, setPath] = useState(initial);
  const id = useId();
  const finish = (value: string | null) => {
    const request = appStore.getState().pathDialog;
    appStore.setState({ pathDialog: null });
    request?.resolve(value && value.trim() !== '' ? value.trim() : null);
  };
  const title = mode === 'open' ? 'Open a workflow' : 'Save the workflow as';
  return (
    <div className="modal-backdrop">
      <form
        className="modal"
        role="dialog"
        aria-modal="true"
        aria-label={title}
        onSubmit={(event) => {
          event.preventDefault();
          finish(path);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape') finish(null);
        }}
      >
        <h2>{title}</h2>
        <label htmlFor={id}>Path of a .flow.json file on the machine running Flowloop</label>
        <input id={id} autoFocus type="text" value={path} onChange={(event) => setPath(event.target.value)} />
        {mode === 'open' && recent.length > 0 && (
          <ul className="recent-list" aria-label="Recent files">
            {recent.map((item) => (
              <li key={item}>
                <button type="button" className="link" onClick={() => finish(item)}>
                  {item}
                </button>
              </li>
            ))}
          </ul>
        )}
        <div className="modal-buttons">
          <button type="button" onClick={() => finish(null)}>
            Cancel
          </button>
          <button type="submit">{mode === 'open' ? 'Open' : 'Save'}</button>
        </div>
      </form>
    </div>
  );
}
