/**
 * The app's commands, shared by the toolbar, keyboard shortcuts and the host's menu: files, edits
 * through the clipboard, runs. Each says what happened in the status line.
 */
import { parseGraph, type Graph } from '../../../shared/graph';
import type { ClockMode, MenuCommand, RunStartResult } from '../../../shared/protocol/messages';
import type { HistoryDocument } from '../../../shared/protocol/run-history';
import { workflowInputs } from '../../../shared/graph/inputs';
import { appStore, askPath, setTheme } from './app-store';
import { askInputs, type InputValues } from './run-inputs';
import { getHost } from '../host-client/host';
import { editorStore } from '../store/use-editor';

const editor = () => editorStore.getState();

export function documentText(graph: Graph): string {
  return `${JSON.stringify(graph, null, 2)}\n`;
}

function failure(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function confirmDiscard(): boolean {
  if (!editor().dirty) return true;
  return window.confirm('The open workflow has unsaved changes. Discard them?');
}

export async function refreshRecent(): Promise<void> {
  try {
    const { paths } = await getHost().request({ type: 'file.recent' });
    appStore.setState({ recent: paths });
  } catch {
    // The welcome screen simply shows no recent files.
  }
}

export function newDocument(): void {
  if (confirmDiscard()) editor().newDocument();
}

export async function openPath(path: string): Promise<void> {
  try {
    const result = await getHost().request({ type: 'file.read', path });
    if (result.ok) {
      editor().openDocument(result.graph, result.path);
      editor().say(`Opened ${result.path}.`);
      void refreshRecent();
    } else if (result.reason === 'unreadable') {
      editor().say(`Could not open ${path}: ${result.message}`, 'error');
    } else {
      const first = result.problems
        .slice(0, 3)
        .map((p) => p.message)
        .join('; ');
      editor().say(
        `${path} is not a valid workflow (${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}): ${first}`,
        'error',
      );
    }
  } catch (error) {
    editor().say(`Could not open ${path}: ${failure(error)}`, 'error');
  }
}

export async function openDocument(): Promise<void> {
  if (!confirmDiscard()) return;
  let path: string | null;
  if (appStore.getState().info?.shell === 'electron') {
    path = (await getHost().request({ type: 'file.chooseOpen' })).path;
  } else {
    path = await askPath('open', appStore.getState().recent[0] ?? '');
  }
  if (path) await openPath(path);
}

/** Opens workflow text that is not a file yet (an example, recovered work). */
export function openText(
  text: string,
  path: string | null,
  options: { dirty?: boolean; autosaveKey?: string } = {},
): boolean {
  const result = parseGraph(text);
  if (!result.ok) {
    editor().say(`That workflow has problems: ${result.problems[0]?.message ?? 'unknown'}`, 'error');
    return false;
  }
  editor().openDocument(result.graph, path, options);
  return true;
}

export async function saveDocument(forceChoose = false): Promise<void> {
  const { graph, path, autosaveKey } = editor();
  if (!graph) return;
  let target = forceChoose ? null : path;
  if (!target) {
    const suggested = `${(graph.name ?? 'untitled').replace(/[^A-Za-z0-9_. -]+/g, '_') || 'untitled'}.flow.json`;
    if (appStore.getState().info?.shell === 'electron') {
      target = (await getHost().request({ type: 'file.chooseSave', suggestedName: suggested })).path;
    } else {
      target = await askPath('save', path ?? suggested);
    }
  }
  if (!target) return;
  try {
    const saved = await getHost().request({ type: 'file.save', path: target, text: documentText(graph) });
    // Only what was saved is clean: an edit made while saving keeps the document dirty.
    if (editor().graph === graph) editor().markSaved(saved.path);
    else editorStore.setState({ path: saved.path });
    editor().say(`Saved ${saved.path}.`);
    void getHost()
      .request({ type: 'autosave.discard', key: autosaveKey })
      .catch(() => undefined);
    void refreshRecent();
  } catch (error) {
    editor().say(`Could not save: ${failure(error)}`, 'error');
  }
}

export function closeDocument(): void {
  if (!confirmDiscard()) return;
  const key = editor().autosaveKey;
  editor().closeDocument();
  void getHost()
    .request({ type: 'autosave.discard', key })
    .catch(() => undefined);
  void refreshRecent();
}

export async function copySelection(): Promise<void> {
  const text = editor().copy();
  if (text) await navigator.clipboard?.writeText(text).catch(() => undefined);
}

export async function cutSelection(): Promise<void> {
  const text = editor().cut();
  if (text) await navigator.clipboard?.writeText(text).catch(() => undefined);
}

export async function pasteClipboard(): Promise<void> {
  let text: string | null = null;
  try {
    text = (await navigator.clipboard?.readText()) ?? null;
  } catch {
    text = null; // No permission: the in-app clipboard is used.
  }
  editor().paste(text && text.trim() !== '' ? text : null);
}

/**
 * The graph of the last run this page started, and that run's id: running the same graph again (the
 * usual next Run) names that run (run.again) instead of sending the graph, a megabyte of text at
 * 5,000 nodes that the page encodes and sends and the host reads, parses and checks.
 */
let lastRun: { graph: Graph; runId: string } | null = null;

/** Whether `next` runs as `ran` did: the same graph, but for the viewport (moving around replaces the graph object, not what runs). */
export function runsAlike(ran: Graph, next: Graph): boolean {
  if (ran === next) return true;
  const fields = (graph: Graph) => new Map(Object.entries(graph).filter(([key]) => key !== 'view'));
  const [a, b] = [fields(ran), fields(next)];
  return a.size === b.size && [...a].every(([key, value]) => b.has(key) && b.get(key) === value);
}

async function requestRun(
  graph: Graph,
  clock: ClockMode,
  document: HistoryDocument,
  inputs: InputValues,
): Promise<RunStartResult> {
  if (lastRun !== null && runsAlike(lastRun.graph, graph)) {
    try {
      return await getHost().request({ type: 'run.again', runId: lastRun.runId, clock, document, inputs });
    } catch {
      // The host no longer keeps that run's graph (it keeps the last few), or it was restarted: send it.
    }
  }
  // Compact: the host only parses it (and keeps it with the run's history); a 5,000-node graph is
  // half the size without the indentation a saved file has for people to read.
  return getHost().request({ type: 'run.start', text: JSON.stringify(graph), clock, document, inputs });
}

/** The values for `graph`'s inputs: asked in the Run dialog when it has any ({} when none; null: cancelled). */
async function askRunInputs(graph: Graph, document: HistoryDocument): Promise<InputValues | null> {
  const inputs = workflowInputs(graph);
  if (inputs.length === 0) return {};
  const last = await getHost()
    .request({ type: 'inputs.last', document })
    .then((answer) => answer.values)
    .catch(() => null); // a host that cannot say starts from the defaults
  return askInputs(inputs, last);
}

export async function runWorkflow(): Promise<void> {
  const { graph, problems, run } = editor();
  if (!graph) return;
  if (run.status === 'running' || run.status === 'starting') {
    editor().say('A run is already going; Stop it first.');
    return;
  }
  if (problems.length > 0) {
    appStore.setState({ problemsOpen: true });
    editor().say(
      `Run refused: fix ${problems.length} problem${problems.length === 1 ? '' : 's'} first.`,
      'error',
    );
    return;
  }
  if (graph.nodes.length === 0) {
    editor().say('Nothing to run: add a node first.', 'error');
    return;
  }
  const document = { path: editor().path, key: editor().autosaveKey };
  const inputs = await askRunInputs(graph, document);
  if (inputs === null) return; // the person cancelled the Run dialog
  editor().runStarting();
  const clock = appStore.getState().clock;
  appStore.setState({ runClock: clock });
  try {
    const started = await requestRun(graph, clock, document, inputs);
    if (started.ok) {
      lastRun = { graph, runId: started.runId };
      editor().runStarted(started.runId);
    } else {
      editor().runRefused();
      editorStore.setState({ problems: started.problems });
      appStore.setState({ problemsOpen: true });
      editor().say(
        `Run refused: ${started.problems.length} problem${started.problems.length === 1 ? '' : 's'}.`,
        'error',
      );
    }
  } catch (error) {
    editor().runRefused();
    editor().say(`Could not start the run: ${failure(error)}`, 'error');
  }
}

/**
 * Some of run `runId`'s state events never reached the page (its end counted more than arrived):
 * the page takes the host's whole report instead, so the canvas, timeline and event log are right.
 */
export async function recoverRunReport(runId: string, lost: number): Promise<void> {
  const missing = `${lost} state event${lost === 1 ? '' : 's'} of this run never reached the page`;
  try {
    const { report } = await getHost().request({ type: 'run.report', runId });
    if (report === null) throw new Error('the host no longer keeps its report');
    editor().adoptReport(runId, report);
    editor().say(`${missing}; it shows the host's report of the run instead.`, 'error');
  } catch (error) {
    editor().say(
      `${missing}, and its report could not be fetched (${failure(error)}): the final states, timeline and event log may be incomplete.`,
      'error',
    );
  }
}

export async function stopWorkflow(): Promise<void> {
  const { run } = editor();
  if (run.runId === null || run.status !== 'running') return;
  try {
    await getHost().request({ type: 'run.stop', runId: run.runId });
  } catch (error) {
    editor().say(`Could not stop the run: ${failure(error)}`, 'error');
  }
}

export function cycleTheme(): void {
  const order = ['system', 'light', 'dark'] as const;
  const at = order.indexOf(appStore.getState().theme);
  setTheme(order[(at + 1) % order.length] ?? 'system');
}

/** Viewport commands are carried out by the canvas, which owns the viewport. */
export const viewCommands = new EventTarget();

/** The viewport command that centres a node (the command palette's go-to-node): a CustomEvent whose detail is the node's id. */
export const CENTER_NODE = 'view.centerNode';

export function runMenuCommand(command: MenuCommand): void {
  const has = editor().graph !== null;
  switch (command) {
    case 'file.new':
      return newDocument();
    case 'file.open':
      return void openDocument();
    case 'file.save':
      return void saveDocument();
    case 'file.saveAs':
      return void saveDocument(true);
    case 'file.close':
      return closeDocument();
    case 'edit.undo':
      return editor().undo();
    case 'edit.redo':
      return editor().redo();
    case 'edit.cut':
      return void cutSelection();
    case 'edit.copy':
      return void copySelection();
    case 'edit.paste':
      return void pasteClipboard();
    case 'edit.duplicate':
      return editor().duplicate();
    case 'edit.delete':
      return editor().deleteSelection();
    case 'edit.selectAll':
      return editor().selectAll();
    case 'view.zoomIn':
    case 'view.zoomOut':
    case 'view.fit':
      if (has) viewCommands.dispatchEvent(new Event(command));
      return;
    case 'view.theme':
      return cycleTheme();
    case 'run.run':
      return void runWorkflow();
    case 'run.stop':
      return void stopWorkflow();
    case 'help.examples':
      if (confirmDiscard()) editor().closeDocument();
      return;
    case 'help.about': {
      const info = appStore.getState().info;
      editor().say(`Flowloop ${info?.version ?? ''}: asyncio semantics on a TypeScript event loop.`);
      return;
    }
  }
}
