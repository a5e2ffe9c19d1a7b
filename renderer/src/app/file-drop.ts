/**
 * A file dropped on the window: a `.flow.json` file opens (after asking about unsaved changes, as
 * Open does); anything else (another kind of file, a folder, several files, a broken workflow) is
 * refused with a message and changes nothing.
 *
 * The desktop app opens the dropped file itself, by its path (the preload's pathForFile, Electron's
 * webUtils): it is then the open file, saved in place and watched. A browser never tells a page where
 * a dropped file is, so browser mode reads the file's text in the page and opens it as an unsaved
 * copy: Save asks where to save it.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { parseGraph } from '../../../shared/graph';
import { describeMiB, MAX_DOCUMENT_BYTES } from '../../../shared/protocol/limits';
import { getHost } from '../host-client/host';
import { editorStore } from '../store/use-editor';
import { confirmDiscard, refreshRecent } from './actions';

const WORKFLOW_SUFFIX = '.flow.json';
const editor = () => editorStore.getState();

/** Electron's preload may add this to window.flowloop: the dropped file's path on disk, or '' when it has none. */
interface PathForFile {
  pathForFile?(file: File): string;
}

/** Whether files are being dragged over the window (the drop target shows). */
export const dropStore = createStore<{ over: boolean }>()(() => ({ over: false }));
export function useFileDragOver(): boolean {
  return useStore(dropStore, (s) => s.over);
}

/** Why `transfer` cannot be opened, or the one file to open. */
export function droppedWorkflow(transfer: DataTransfer): { file: File } | { refusal: string } {
  const files = [...transfer.files];
  if (files.length === 0)
    return { refusal: `Only a file can be dropped here: drop a ${WORKFLOW_SUFFIX} file to open it.` };
  if (files.length > 1)
    return { refusal: `${files.length} files were dropped: drop one ${WORKFLOW_SUFFIX} file at a time.` };
  const file = files[0] as File;
  const entry = transfer.items[0]?.webkitGetAsEntry?.() ?? null;
  if (entry?.isDirectory)
    return { refusal: `${file.name} is a folder: drop a ${WORKFLOW_SUFFIX} file to open it.` };
  if (!file.name.endsWith(WORKFLOW_SUFFIX))
    return { refusal: `${file.name} is not a workflow: Flowloop opens ${WORKFLOW_SUFFIX} files.` };
  if (file.size > MAX_DOCUMENT_BYTES)
    return {
      refusal: `${file.name} is too large: a workflow is at most ${describeMiB(MAX_DOCUMENT_BYTES)}.`,
    };
  return { file };
}

function problemsText(name: string, problems: readonly { message: string }[]): string {
  const first = problems
    .slice(0, 3)
    .map((p) => p.message)
    .join('; ');
  return `${name} is not a valid workflow (${problems.length} problem${problems.length === 1 ? '' : 's'}): ${first}. Nothing was opened.`;
}

export async function openDroppedFile(transfer: DataTransfer): Promise<void> {
  const dropped = droppedWorkflow(transfer);
  if ('refusal' in dropped) {
    editor().say(dropped.refusal, 'error');
    return;
  }
  const { file } = dropped;
  const path = (window.flowloop as PathForFile | undefined)?.pathForFile?.(file) ?? '';
  if (path !== '') {
    await openDroppedPath(path, file.name);
    return;
  }
  let text: string;
  try {
    text = await file.text();
  } catch {
    editor().say(
      `${file.name} could not be read (a folder, or a file that is gone?). Nothing was opened.`,
      'error',
    );
    return;
  }
  const result = parseGraph(text);
  if (!result.ok) {
    editor().say(problemsText(file.name, result.problems), 'error');
    return;
  }
  if (!confirmDiscard()) return;
  editor().openDocument(result.graph, null, { dirty: true });
  editor().say(
    `Opened ${file.name} as unsaved work: the browser does not tell the page where a dropped file is, so Save asks where to save it.`,
  );
}

/** The desktop app: the dropped file is opened from disk by the host, as Open would. */
async function openDroppedPath(path: string, name: string): Promise<void> {
  try {
    const result = await getHost().request({ type: 'file.read', path });
    if (!result.ok) {
      editor().say(
        result.reason === 'unreadable'
          ? `Could not open ${name}: ${result.message}`
          : problemsText(name, result.problems),
        'error',
      );
      return;
    }
    if (!confirmDiscard()) return;
    editor().openDocument(result.graph, result.path);
    editor().say(`Opened ${result.path}.`);
    void refreshRecent();
  } catch (error) {
    editor().say(
      `Could not open ${name}: ${error instanceof Error ? error.message : String(error)}`,
      'error',
    );
  }
}

const carriesFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;

/**
 * Takes files dropped anywhere on the window (a browser would otherwise leave the app to show the
 * file). Returns the function that stops it.
 */
export function installFileDrop(): () => void {
  let hide: ReturnType<typeof setTimeout> | null = null;
  const onDragOver = (event: DragEvent) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    if (!dropStore.getState().over) dropStore.setState({ over: true });
    // dragover repeats while the pointer is over the window; when it stops, the drag has left.
    if (hide !== null) clearTimeout(hide);
    hide = setTimeout(() => dropStore.setState({ over: false }), 250);
  };
  const onDrop = (event: DragEvent) => {
    if (!carriesFiles(event) || !event.dataTransfer) return;
    event.preventDefault();
    if (hide !== null) clearTimeout(hide);
    dropStore.setState({ over: false });
    void openDroppedFile(event.dataTransfer);
  };
  window.addEventListener('dragover', onDragOver);
  window.addEventListener('drop', onDrop);
  return () => {
    window.removeEventListener('dragover', onDragOver);
    window.removeEventListener('drop', onDrop);
    if (hide !== null) clearTimeout(hide);
  };
}
