/** Asks what to do when the open file changed on disk, or was deleted (app/disk-changes.ts). */
import { useId } from 'react';
import { answerDiskPrompt, useDiskPrompt } from '../app/disk-changes';
import './disk-prompt.css';

export function DiskChangePrompt() {
  const prompt = useDiskPrompt();
  const titleId = useId();
  const textId = useId();
  if (prompt === null) return null;
  const name = prompt.path.split(/[\\/]/).at(-1) ?? prompt.path;
  const deleted = prompt.change === 'deleted';
  return (
    <div className="modal-backdrop">
      <div
        className="modal disk-prompt"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={textId}
        data-disk-change={prompt.change}
        onKeyDown={(event) => {
          event.stopPropagation();
          if (event.key === 'Escape') answerDiskPrompt('keep');
        }}
      >
        <h2 id={titleId}>{deleted ? `${name} was deleted` : `${name} changed on disk`}</h2>
        <div id={textId}>
          <p className="disk-prompt-path">{prompt.path}</p>
          <p>
            {deleted
              ? 'Another program deleted or moved the file. The workflow stays open here as unsaved work: Save writes the file back.'
              : 'Another program changed the file, and the workflow here has changes of its own. Reload the file from disk, losing your changes, or keep yours: saving them then overwrites the file.'}
          </p>
        </div>
        <div className="modal-buttons">
          {deleted ? (
            <>
              <button type="button" onClick={() => answerDiskPrompt('close')}>
                Close it
              </button>
              <button type="button" autoFocus onClick={() => answerDiskPrompt('keep')}>
                Keep it open
              </button>
            </>
          ) : (
            <>
              <button type="button" onClick={() => answerDiskPrompt('reload')}>
                Reload from disk
              </button>
              <button type="button" autoFocus onClick={() => answerDiskPrompt('keep')}>
                Keep mine
              </button>
            </>
          )}
        </div>
      </div>
    </div>
  );
}
