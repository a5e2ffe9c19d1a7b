/**
 * The document's notes and groups as xyflow nodes (AnnotationNodes.tsx), and xyflow's changes to
 * them turned into the editor store's edits. Their ids on the canvas are `note:ID` and `frame:ID`,
 * which no workflow node can have (node ids are identifiers).
 *
 * Frames sit far below everything (even selected, xyflow lifting selected nodes by 1000), notes
 * below the nodes; a frame is dragged by its title bar only, and dragging it moves its group's nodes
 * by as much: the frame follows, being drawn around them.
 */
import type { Node, NodeChange } from '@xyflow/react';
import type { Graph } from '../../../shared/graph';
import { NOTE_SIZE, groupFrame, groupMoves, type Frame } from '../store/annotations';
import type { NoteChange, Selection } from '../store/editor-store';
import type { Size } from '../store/measured-sizes';
import type { FrameNodeType, NoteNodeType } from './AnnotationNodes';

export const NOTE_PREFIX = 'note:';
export const FRAME_PREFIX = 'frame:';
const FRAME_Z = -2000;
const NOTE_Z = -1;

export type AnnotationNode = NoteNodeType | FrameNodeType;

export interface AnnotationLayer {
  nodes: AnnotationNode[];
  /** Each group's frame as drawn, by group id. */
  frames: Map<string, Frame>;
}

export const EMPTY_LAYER: AnnotationLayer = { nodes: [], frames: new Map() };

export function annotationLayer(
  graph: Graph,
  selection: Selection,
  sizeOf: (id: string) => Size | undefined,
): AnnotationLayer {
  if (!graph.notes && !graph.groups) return EMPTY_LAYER;
  const nodes: AnnotationNode[] = [];
  const frames = new Map<string, Frame>();
  const selectedGroups = new Set(selection.groups ?? []);
  const selectedNotes = new Set(selection.notes ?? []);
  if (graph.groups) {
    const byId = new Map(graph.nodes.map((node) => [node.id, node]));
    for (const group of graph.groups) {
      const frame = groupFrame(graph, group, sizeOf, byId);
      if (!frame) continue;
      frames.set(group.id, frame);
      const size = { width: frame.width, height: frame.height };
      nodes.push({
        id: `${FRAME_PREFIX}${group.id}`,
        type: 'frame',
        position: { x: frame.x, y: frame.y },
        data: { group },
        ...size,
        measured: size,
        zIndex: FRAME_Z,
        dragHandle: '.group-frame-title',
        className: 'frame-node',
        connectable: false,
        selected: selectedGroups.has(group.id),
        ariaLabel: `Group ${group.title.trim() === '' ? 'Untitled group' : group.title}`,
      });
    }
  }
  for (const note of graph.notes ?? []) {
    const size = note.size ?? NOTE_SIZE;
    nodes.push({
      id: `${NOTE_PREFIX}${note.id}`,
      type: 'note',
      position: note.position,
      data: { note },
      ...size,
      measured: size,
      zIndex: NOTE_Z,
      connectable: false,
      selected: selectedNotes.has(note.id),
      ariaRole: 'note',
      ariaLabel: `Note ${note.id}`,
    });
  }
  return { nodes, frames };
}

export interface SplitChanges<T extends Node> {
  /** The changes of workflow nodes, for the canvas as before. */
  rest: NodeChange<T>[];
  /** Moves of nodes whose group's frame was dragged. */
  moves: { id: string; position: { x: number; y: number } }[];
  notes: NoteChange[];
  /** A note or frame was moved or resized (or a drag of one ended). */
  positioned: boolean;
  /** A drag or resize of a note or frame goes on. */
  live: boolean;
  /** Notes and groups selected or not, when that changed. */
  selected: { notes: string[]; groups: string[] } | null;
}

/** Takes the changes of notes and frames out of xyflow's `changes`. */
export function splitAnnotationChanges<T extends Node>(
  changes: readonly NodeChange<T>[],
  graph: Graph | null,
  layer: AnnotationLayer,
  selection: Selection,
): SplitChanges<T> {
  const result: SplitChanges<T> = {
    rest: [],
    moves: [],
    notes: [],
    positioned: false,
    live: false,
    selected: null,
  };
  if (!graph || layer.nodes.length === 0) {
    result.rest = changes as NodeChange<T>[];
    return result;
  }
  const notes = new Set(selection.notes ?? []);
  const groups = new Set(selection.groups ?? []);
  let selectionChanged = false;
  const noteChanges = new Map<string, NoteChange>();
  const noteChange = (id: string) => {
    let change = noteChanges.get(id);
    if (!change) noteChanges.set(id, (change = { id }));
    return change;
  };
  for (const change of changes) {
    const id = 'id' in change ? change.id : '';
    const isNote = id.startsWith(NOTE_PREFIX);
    const isFrame = id.startsWith(FRAME_PREFIX);
    if (!isNote && !isFrame) {
      result.rest.push(change);
      continue;
    }
    const ownId = id.slice(isNote ? NOTE_PREFIX.length : FRAME_PREFIX.length);
    if (change.type === 'select') {
      selectionChanged = true;
      const set = isNote ? notes : groups;
      if (change.selected) set.add(ownId);
      else set.delete(ownId);
    } else if (change.type === 'position') {
      result.positioned = true;
      if (change.dragging) result.live = true;
      if (!change.position) continue; // the end of a drag, with no new position
      if (isNote) noteChange(ownId).position = change.position;
      else {
        const frame = layer.frames.get(ownId);
        if (!frame) continue;
        const dx = change.position.x - frame.x;
        const dy = change.position.y - frame.y;
        if (dx !== 0 || dy !== 0) result.moves.push(...groupMoves(graph, ownId, dx, dy));
      }
    } else if (change.type === 'dimensions' && isNote && change.resizing !== undefined && change.dimensions) {
      result.positioned = true;
      if (change.resizing) result.live = true;
      noteChange(ownId).size = change.dimensions;
    }
  }
  result.notes = [...noteChanges.values()];
  if (selectionChanged) result.selected = { notes: [...notes], groups: [...groups] };
  return result;
}
