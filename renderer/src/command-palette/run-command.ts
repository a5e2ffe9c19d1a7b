/** Carries out the command palette's commands and its "go to node": the same actions as the menus, toolbar and panels. */
import { appStore, chooseClock, setTheme } from '../app/app-store';
import { CENTER_NODE, runMenuCommand, viewCommands } from '../app/actions';
import { toggleDockPanel } from '../panels/dock-store';
import { measuredSizes } from '../store/measured-sizes';
import { editorStore } from '../store/use-editor';
import { toggleTimeline } from '../timeline/TimelinePanel';
import type { CommandContext, PaletteCommandId } from './commands';

export function commandContext(): CommandContext {
  const state = editorStore.getState();
  return {
    hasDocument: state.graph !== null,
    running: state.run.status === 'running' || state.run.status === 'starting',
    canUndo: state.past.length > 0,
    canRedo: state.future.length > 0,
    hasSelection: state.selection.nodes.length > 0 || state.selection.edges.length > 0,
  };
}

export function runPaletteCommand(id: PaletteCommandId): void {
  const editor = editorStore.getState();
  switch (id) {
    case 'edit.autoLayout':
      return editor.autoLayout(measuredSizes);
    case 'edit.toggleSnap':
      editor.setSnap(!editor.snap);
      return editor.say(`Snap to grid ${editor.snap ? 'off' : 'on'}.`);
    case 'view.themeSystem':
      return setTheme('system');
    case 'view.themeLight':
      return setTheme('light');
    case 'view.themeDark':
      return setTheme('dark');
    case 'view.problems':
      return appStore.setState((s) => ({ problemsOpen: !s.problemsOpen }));
    case 'view.timeline':
      return toggleTimeline();
    case 'view.code':
      return toggleDockPanel('code');
    case 'view.eventLog':
      return toggleDockPanel('log');
    case 'view.history':
      return toggleDockPanel('history');
    case 'run.clockReal':
      return chooseClock('real');
    case 'run.clockSlow':
      return chooseClock('slow');
    case 'run.clockInstant':
      return chooseClock('virtual');
    default:
      return runMenuCommand(id);
  }
}

/** Selects node `id` alone and centres the canvas on it. */
export function goToNode(id: string): void {
  const editor = editorStore.getState();
  if (!editor.graph?.nodes.some((node) => node.id === id)) return;
  editor.setSelection({ nodes: [id], edges: [] });
  viewCommands.dispatchEvent(new CustomEvent(CENTER_NODE, { detail: id }));
}
