/**
 * The open file changing on disk: the page tells the host which file it has open (file.watch), and
 * when another program changes it (file.changedOnDisk) does what VS Code does. A document without
 * unsaved changes (and no run going) is reloaded at once, with a note in the status line; one with
 * unsaved changes asks: reload (losing them) or keep mine (the next Save overwrites the file). A
 * deleted file asks too: keep it open (it counts as unsaved, so Save writes it back) or close it.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { AppEvent } from '../../../shared/protocol/messages';
import { getHost } from '../host-client/host';
import { editorStore } from '../store/use-editor';
import { closeDocument, refreshRecent } from './actions';

export interface DiskPrompt {
  path: string;
  change: 'changed' | 'deleted';
}

export const diskPromptStore = createStore<{ prompt: DiskPrompt | null }>()(() => ({ prompt: null }));

export function useDiskPrompt(): DiskPrompt | null {
  return useStore(diskPromptStore, (s) => s.prompt);
}

const editor = () => editorStore.getState();

/** This page's name to the host (a page has at most one file open). */
const WATCHER = globalThis.crypto?.randomUUID?.() ?? `page-${Date.now()}-${Math.random()}`;

/** Keeps the host told which file this page has open; returns the function that stops it. */
export function installDiskWatch(): () => void {
  let watched: string | null = null;
  const sync = () => {
    const path = editor().graph === null ? null : editor().path;
    if (path === watched) return;
    watched = path;
    // A host that cannot watch (an older one) just never says the file changed.
    void getHost()
      .request({ type: 'file.watch', watcher: WATCHER, path })
      .catch(() => undefined);
    // The prompt is about the file that was open.
    if (diskPromptStore.getState().prompt?.path !== path) diskPromptStore.setState({ prompt: null });
  };
  sync();
  const unsubscribe = editorStore.subscribe(sync);
  return () => {
    unsubscribe();
    if (watched !== null)
      void getHost()
        .request({ type: 'file.watch', watcher: WATCHER, path: null })
        .catch(() => undefined);
  };
}

const fileName = (path: string) => path.split(/[\\/]/).at(-1) ?? path;

export function onDiskChange(event: Extract<AppEvent, { type: 'file.changedOnDisk' }>): void {
  const { graph, path, dirty, run } = editor();
  if (graph === null || path !== event.path) return; // another page's file (browser mode)
  const running = run.status === 'running' || run.status === 'starting';
  if (event.change === 'changed' && !dirty && !running && diskPromptStore.getState().prompt === null) {
    void reloadFromDisk(path);
    return;
  }
  diskPromptStore.setState({ prompt: { path: event.path, change: event.change } });
}

/** Opens the file's text on disk in place of the document; keeps the document if it no longer reads as a workflow. */
export async function reloadFromDisk(path: string): Promise<void> {
  try {
    const result = await getHost().request({ type: 'file.read', path });
    if (editor().path !== path) return; // another document was opened meanwhile
    if (result.ok) {
      editor().openDocument(result.graph, result.path);
      editor().say(`Reloaded ${fileName(path)}: it changed on disk.`);
      void refreshRecent();
    } else {
      const why =
        result.reason === 'unreadable' ? result.message : (result.problems[0]?.message ?? 'it has problems');
      editor().say(
        `${fileName(path)} changed on disk but cannot be opened (${why}); what is open is kept.`,
        'error',
      );
    }
  } catch (error) {
    editor().say(
      `Could not reload ${fileName(path)}: ${error instanceof Error ? error.message : String(error)}`,
      'error',
    );
  }
}

/** The person's answer to the prompt. */
export function answerDiskPrompt(answer: 'reload' | 'keep' | 'close'): void {
  const prompt = diskPromptStore.getState().prompt;
  diskPromptStore.setState({ prompt: null });
  if (prompt === null || editor().path !== prompt.path) return;
  if (answer === 'reload') void reloadFromDisk(prompt.path);
  else if (answer === 'close')
    closeDocument(); // asks first if there are unsaved changes
  else if (prompt.change === 'deleted') {
    // What is open is now the only copy: it counts as unsaved, so closing asks and Save writes it back.
    editorStore.setState({ dirty: true });
    editor().say(`${fileName(prompt.path)} is no longer on disk; Save writes it back.`);
  } else editor().say(`Kept your changes; saving overwrites ${fileName(prompt.path)} on disk.`);
}
