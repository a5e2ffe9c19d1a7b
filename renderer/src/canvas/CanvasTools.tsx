/**
 * The canvas's own tools, top right over it (the top left is where people and tests click the empty
 * pane): Note (adds a sticky note in the middle of the view, ready to type; key N on the canvas),
 * Group (a group of the selected nodes, its title ready to type; Ctrl+G) and Ungroup (the selected
 * group, or the selected nodes' groups; Ctrl+Shift+G).
 */
import { useEffect, type RefObject } from 'react';
import { Panel, useReactFlow } from '@xyflow/react';
import { NOTE_SIZE } from '../store/annotations';
import { editorStore, useEditor } from '../store/use-editor';
import { startEditing } from './AnnotationNodes';
import { FRAME_PREFIX, NOTE_PREFIX } from './annotation-layer';

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) ||
    target.closest('.cm-editor') !== null
  );
}

export function groupSelectedNodes(): void {
  const id = editorStore.getState().groupSelection('Group');
  if (id !== null) startEditing(`${FRAME_PREFIX}${id}`);
}

export function ungroupSelected(): void {
  editorStore.getState().ungroupSelection();
}

export function CanvasTools({ wrapper }: { wrapper: RefObject<HTMLDivElement | null> }) {
  const flow = useReactFlow();
  const canGroup = useEditor((s) => s.selection.nodes.length > 0);
  const canUngroup = useEditor((s) => {
    if ((s.selection.groups?.length ?? 0) > 0) return true;
    const selected = new Set(s.selection.nodes);
    return s.graph?.groups?.some((group) => group.nodes.some((id) => selected.has(id))) ?? false;
  });

  useEffect(() => {
    const addNote = () => {
      const box = wrapper.current?.getBoundingClientRect();
      if (!box) return;
      const middle = flow.screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 3 });
      const id = editorStore
        .getState()
        .addNote({ x: middle.x - NOTE_SIZE.width / 2, y: middle.y - NOTE_SIZE.height / 2 });
      if (id !== null) startEditing(`${NOTE_PREFIX}${id}`);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.repeat || isEditable(event.target)) return;
      if (document.querySelector('[aria-modal="true"]') !== null) return;
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      if (mod && key === 'g') {
        event.preventDefault();
        if (event.shiftKey) ungroupSelected();
        else groupSelectedNodes();
      } else if (!mod && !event.shiftKey && key === 'n') {
        // On the canvas only (or nothing focused), so N stays a letter everywhere else.
        const target = event.target;
        const onCanvas =
          target === document.body ||
          (target instanceof Node && (wrapper.current?.contains(target) ?? false));
        if (!onCanvas) return;
        event.preventDefault();
        addNote();
      }
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('flowloop.addNote', addNote);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('flowloop.addNote', addNote);
    };
  }, [flow, wrapper]);

  return (
    <Panel position="top-right" className="canvas-tools" aria-label="Canvas tools">
      <button
        type="button"
        title="Add a sticky note (N)"
        aria-label="Note"
        aria-keyshortcuts="N"
        onClick={() => window.dispatchEvent(new Event('flowloop.addNote'))}
      >
        <span aria-hidden="true" className="canvas-tools-icon note-icon" />
        <span className="canvas-tools-label">Note</span>
      </button>
      <button
        type="button"
        title="Group the selected nodes (Ctrl+G)"
        aria-label="Group selection"
        aria-keyshortcuts="Control+G"
        disabled={!canGroup}
        onClick={groupSelectedNodes}
      >
        <span aria-hidden="true" className="canvas-tools-icon group-icon" />
        <span className="canvas-tools-label">Group</span>
      </button>
      <button
        type="button"
        title="Remove the selected group; its nodes stay (Ctrl+Shift+G)"
        aria-label="Ungroup"
        aria-keyshortcuts="Control+Shift+G"
        disabled={!canUngroup}
        onClick={ungroupSelected}
      >
        <span aria-hidden="true" className="canvas-tools-icon ungroup-icon" />
        <span className="canvas-tools-label">Ungroup</span>
      </button>
    </Panel>
  );
}
