/**
 * Notes and groups of a document (docs/file-format.md, "Notes and groups") as pure edits of a graph:
 * the editor store (editor-store.ts) commits what these return, so each is one undo step there.
 * A group's frame is never stored: groupFrame() draws it around its nodes.
 */
import type { AnnotationColor, Graph, Group, Note, NoteSize, Position } from '../../../shared/graph';
import type { Size } from './measured-sizes';

export const NOTE_SIZE: NoteSize = { width: 240, height: 160 };
/** Room between a group's nodes and its frame; the top holds the title bar too. */
export const FRAME_PADDING = { side: 16, top: 48, bottom: 16 } as const;
/** A node's size before xyflow measured it. */
const NODE_SIZE: Size = { width: 180, height: 64 };

/** A note's or group's id not yet taken: prefix1, prefix2, … */
export function freshId(prefix: string, taken: Iterable<{ id: string }>): string {
  const ids = new Set([...taken].map((item) => item.id));
  let n = 1;
  while (ids.has(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}

/** The document without an empty `notes` or `groups` list (the file keeps none). */
function tidy(graph: Graph): Graph {
  const { notes, groups, ...rest } = graph;
  return {
    ...rest,
    ...(notes && notes.length > 0 ? { notes } : {}),
    ...(groups && groups.length > 0 ? { groups } : {}),
  } as Graph;
}

export function addNote(graph: Graph, position: Position, text = ''): { graph: Graph; id: string } {
  const notes = graph.notes ?? [];
  const id = freshId('note', notes);
  return { graph: { ...graph, notes: [...notes, { id, text, position }] }, id };
}

export function updateNote(graph: Graph, id: string, change: Partial<Omit<Note, 'id'>>): Graph {
  return {
    ...graph,
    notes: (graph.notes ?? []).map((note) => (note.id === id ? { ...note, ...change } : note)),
  };
}

/** The colour a note or group has when the file gives none. */
export const DEFAULT_COLOR = { note: 'yellow', group: 'gray' } as const satisfies Record<
  string,
  AnnotationColor
>;

/** A note's or group's colour set (the default is written as no colour); the same graph when nothing changes. */
export function withColor(graph: Graph, kind: 'note' | 'group', id: string, color: AnnotationColor): Graph {
  const recolor = <T extends Note | Group>(item: T): T => {
    if (item.id !== id || (item.color ?? DEFAULT_COLOR[kind]) === color) return item;
    const { color: _old, ...rest } = item;
    return (color === DEFAULT_COLOR[kind] ? rest : { ...rest, color }) as T;
  };
  if (kind === 'note') {
    const notes = graph.notes?.map(recolor);
    return notes?.some((note, i) => note !== graph.notes?.[i]) ? { ...graph, notes } : graph;
  }
  const groups = graph.groups?.map(recolor);
  return groups?.some((group, i) => group !== graph.groups?.[i]) ? { ...graph, groups } : graph;
}

/** Moves and resizes notes; ids that are no note are ignored. */
export function changeNotes(
  graph: Graph,
  changes: ReadonlyMap<string, { position?: Position; size?: NoteSize }>,
): Graph {
  if (changes.size === 0 || !graph.notes) return graph;
  return {
    ...graph,
    notes: graph.notes.map((note) => {
      const change = changes.get(note.id);
      return change ? { ...note, ...change } : note;
    }),
  };
}

/**
 * A new group of `nodeIds` (in document order) titled `title`; the nodes leave the groups they were
 * in (a node is in one group at most), and groups left empty go. Null when no id is a node.
 */
export function groupNodes(
  graph: Graph,
  nodeIds: Iterable<string>,
  title = 'Group',
): { graph: Graph; id: string } | null {
  const wanted = new Set(nodeIds);
  const members = graph.nodes.filter((node) => wanted.has(node.id)).map((node) => node.id);
  if (members.length === 0) return null;
  const taken = new Set(members);
  const groups = (graph.groups ?? [])
    .map((group) => ({ ...group, nodes: group.nodes.filter((id) => !taken.has(id)) }))
    .filter((group) => group.nodes.length > 0);
  const id = freshId('group', graph.groups ?? []);
  return { graph: tidy({ ...graph, groups: [...groups, { id, title, nodes: members }] }), id };
}

/** Removes the groups `ids` (their nodes stay). */
export function ungroup(graph: Graph, ids: Iterable<string>): Graph {
  const gone = new Set(ids);
  return tidy({ ...graph, groups: (graph.groups ?? []).filter((group) => !gone.has(group.id)) });
}

/** The groups holding any of `nodeIds`. */
export function groupsOf(graph: Graph, nodeIds: Iterable<string>): Group[] {
  const wanted = new Set(nodeIds);
  return (graph.groups ?? []).filter((group) => group.nodes.some((id) => wanted.has(id)));
}

/** Deleted nodes leave their groups, deleted notes go; groups left empty go too. */
export function forgetDeleted(
  graph: Graph,
  nodeIds: ReadonlySet<string>,
  noteIds: ReadonlySet<string>,
): Graph {
  if (!graph.notes && !graph.groups) return graph;
  return tidy({
    ...graph,
    notes: (graph.notes ?? []).filter((note) => !noteIds.has(note.id)),
    groups: (graph.groups ?? [])
      .map((group) =>
        group.nodes.some((id) => nodeIds.has(id))
          ? { ...group, nodes: group.nodes.filter((id) => !nodeIds.has(id)) }
          : group,
      )
      .filter((group) => group.nodes.length > 0),
  });
}

/** A renamed node stays in its group. */
export function renameInGroups(graph: Graph, from: string, to: string): Graph {
  if (!graph.groups?.some((group) => group.nodes.includes(from))) return graph;
  return {
    ...graph,
    groups: graph.groups.map((group) => ({
      ...group,
      nodes: group.nodes.map((id) => (id === from ? to : id)),
    })),
  };
}

/** Where each member of group `id` goes when the group moves by (dx, dy). */
export function groupMoves(
  graph: Graph,
  id: string,
  dx: number,
  dy: number,
): { id: string; position: Position }[] {
  const members = new Set(graph.groups?.find((group) => group.id === id)?.nodes ?? []);
  return graph.nodes
    .filter((node) => members.has(node.id))
    .map((node) => ({
      id: node.id,
      position: { x: (node.position?.x ?? 0) + dx, y: (node.position?.y ?? 0) + dy },
    }));
}

export interface Frame {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The frame drawn around a group: its nodes' box (by their measured sizes) and the padding. */
export function groupFrame(
  graph: Graph,
  group: Group,
  sizeOf: (id: string) => Size | undefined,
  byId?: ReadonlyMap<string, Graph['nodes'][number]>,
): Frame | null {
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const id of group.nodes) {
    const node = byId ? byId.get(id) : graph.nodes.find((n) => n.id === id);
    if (!node) continue;
    const { x, y } = node.position ?? { x: 0, y: 0 };
    const size = sizeOf(id) ?? NODE_SIZE;
    left = Math.min(left, x);
    top = Math.min(top, y);
    right = Math.max(right, x + size.width);
    bottom = Math.max(bottom, y + size.height);
  }
  if (left === Infinity) return null;
  return {
    x: left - FRAME_PADDING.side,
    y: top - FRAME_PADDING.top,
    width: right - left + 2 * FRAME_PADDING.side,
    height: bottom - top + FRAME_PADDING.top + FRAME_PADDING.bottom,
  };
}
