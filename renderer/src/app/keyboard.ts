/**
 * Keyboard shortcuts in the page: F5/Shift+F5 and Ctrl+Enter, Ctrl+K (the command palette), the Edit
 * menu's keys, file keys, arrow-key nudging. Ctrl is Cmd on macOS.
 */
import type { MenuCommand } from '../../../shared/protocol/messages';
import { runMenuCommand } from './actions';
import { togglePalette } from './palette-store';
import { GRID } from '../store/editor-store';
import { editorStore } from '../store/use-editor';

/** Typing in a field or the code editor keeps its own keys. */
function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) ||
    target.closest('.cm-editor') !== null
  );
}

function commandFor(event: KeyboardEvent): MenuCommand | null {
  if (event.key === 'F5') return event.shiftKey ? 'run.stop' : 'run.run';
  const mod = event.ctrlKey || event.metaKey;
  if (!mod) return event.key === 'Delete' || event.key === 'Backspace' ? 'edit.delete' : null;
  switch (event.key.toLowerCase()) {
    case 'z':
      return event.shiftKey ? 'edit.redo' : 'edit.undo';
    case 'y':
      return 'edit.redo';
    case 'c':
      return 'edit.copy';
    case 'x':
      return 'edit.cut';
    case 'v':
      return 'edit.paste';
    case 'd':
      return 'edit.duplicate';
    case 'a':
      return 'edit.selectAll';
    case 's':
      return event.shiftKey ? 'file.saveAs' : 'file.save';
    case 'o':
      return 'file.open';
    default:
      return null;
  }
}

/** Whether a modal dialog (Open's path, the Run dialog, a prompt, the palette) has the page. */
function modalOpen(): boolean {
  return document.querySelector('[aria-modal="true"]') !== null;
}

/**
 * Ctrl+K and Ctrl+Enter work anywhere in the page, text fields and the code editor included (as
 * VS Code's palette key and a notebook's run key do), so they are taken before the focused element
 * sees them: the code editor would otherwise insert a line for Ctrl+Enter. Neither acts over a
 * modal dialog, which owns its keys (the palette closes on Ctrl+K itself), just as the toolbar's
 * Run cannot be pressed behind one.
 */
function onGlobalKey(event: KeyboardEvent): void {
  const mod = event.ctrlKey || event.metaKey;
  if (!mod || event.altKey || event.shiftKey || event.repeat) return;
  const key = event.key.toLowerCase();
  if (key !== 'k' && key !== 'enter') return;
  if (modalOpen()) return;
  event.preventDefault();
  event.stopPropagation();
  if (key === 'k') togglePalette();
  else if (editorStore.getState().graph) runMenuCommand('run.run');
}

const FILE_OR_RUN = new Set<MenuCommand>(['run.run', 'run.stop', 'file.save', 'file.saveAs', 'file.open']);

export function installKeyboard(): () => void {
  const onKeyDown = (event: KeyboardEvent) => {
    const editable = isEditable(event.target);
    const command = commandFor(event);
    if (command && (!editable || FILE_OR_RUN.has(command))) {
      if (!editorStore.getState().graph && command !== 'file.open') return;
      event.preventDefault();
      runMenuCommand(command);
      return;
    }
    if (editable || event.ctrlKey || event.metaKey || event.altKey) return;
    const arrows: Record<string, [number, number]> = {
      ArrowLeft: [-1, 0],
      ArrowRight: [1, 0],
      ArrowUp: [0, -1],
      ArrowDown: [0, 1],
    };
    const arrow = arrows[event.key];
    const state = editorStore.getState();
    if (arrow && state.selection.nodes.length > 0) {
      // xyflow moves a focused node with arrows itself; this covers the selection as a whole.
      if (event.target instanceof HTMLElement && event.target.closest('.react-flow__node')) return;
      const step = (event.shiftKey ? 4 : 1) * (state.snap ? GRID : 1);
      event.preventDefault();
      state.nudge(arrow[0] * step, arrow[1] * step);
    }
  };
  window.addEventListener('keydown', onGlobalKey, { capture: true });
  window.addEventListener('keydown', onKeyDown);
  return () => {
    window.removeEventListener('keydown', onGlobalKey, { capture: true });
    window.removeEventListener('keydown', onKeyDown);
  };
}
