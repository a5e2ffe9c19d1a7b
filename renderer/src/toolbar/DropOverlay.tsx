/** The drop target shown while a file is dragged over the window (app/file-drop.ts opens it). */
import { useFileDragOver } from '../app/file-drop';
import './disk-prompt.css';

export function DropOverlay() {
  const over = useFileDragOver();
  if (!over) return null;
  return (
    <div className="drop-overlay" aria-hidden="true">
      <p>Drop a .flow.json file to open it</p>
    </div>
  );
}
