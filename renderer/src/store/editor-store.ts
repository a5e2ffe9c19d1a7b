/**
 * The editor's store (zustand, vanilla so the tests need no DOM): the open document, the selection,
 * undo/redo of every edit, the clipboard and live problems; and the view of the current run, which
 * only the run-view reducer (model/run-view.ts) changes: the run actions here hand it their action and
 * publish what it returns, one store update per action that changed something.
 *
 * Every edit goes through `commit`, which records the previous document for undo, marks the document
 * dirty and re-validates it. A drag records one undo step however many moves it sends.
 */
import { createStore } from 'zustand/vanilla';
import {
  GRAPH_FORMAT,
  isValidNodeId,
  validateGraph,
  type Graph,
  type GraphEdge,
  type AnnotationColor,
  type GraphNode,
  type NodeKind,
  type NoteSize,
  type ParamsByKind,
  type Problem,
  type Retry,
  type Viewport,
} from '../../../shared/graph';
import type { AppEvent } from '../../../shared/protocol/messages';
import type { NodeState, RunReport } from '../../../shared/runtime/types';
import { idleRun, runView, type RunAction, type RunView } from '../model/run-view';
import { copyText, pasteInto, readClipboardText } from './clipboard';
import { connectionRefusal, type ConnectionRequest } from './connection-rules';
import { freshIdForKind } from './ids';
import { newNode } from './kinds';
import { layoutGraph } from './layout';
import * as annotations from './annotations';

export const GRID = 16;
const HISTORY_LIMIT = 300;
const PASTE_OFFSET = { x: 32, y: 32 };

export interface StatusMessage {
  text: string;
  tone: 'info' | 'error';
  /** Grows with every message, so the same text twice still shows twice. */
  serial: number;
}

export interface Selection {
  nodes: string[];
  edges: string[];
  /** Selected sticky notes and group frames, by their ids in the document (absent: none). */
  notes?: string[];
  groups?: string[];
}

/** A note moved or resized on the canvas. */
export interface NoteChange {
  id: string;
  position?: { x: number; y: number };
  size?: NoteSize;
}

export interface EditorState {
  graph: Graph | null;
  path: string | null;
  /** Key under which unsaved work of this document is autosaved. */
  autosaveKey: string;
  dirty: boolean;
  selection: Selection;
  past: Graph[];
  future: Graph[];
  dragging: boolean;
  problems: Problem[];
  snap: boolean;
  status: StatusMessage | null;
  /** The in-app clipboard, used when the system clipboard is not available. */
  clipboard: string | null;
  /** The current run as the page shows it; changed only through the run-view reducer (model/run-view.ts). */
  run: RunView;
}

export interface EditorActions {
  newDocument(): void;
  openDocument(graph: Graph, path: string | null, options?: { dirty?: boolean; autosaveKey?: string }): void;
  closeDocument(): void;
  setName(name: string): void;
  setView(view: Viewport): void;
  addNode(kind: NodeKind, position: { x: number; y: number }): string | null;
  deleteSelection(): void;
  /**
   * Moves nodes (and moves or resizes notes); `dragging` true while a drag or resize goes on (one
   * undo step for the whole gesture).
   */
  moveNodes(
    updates: readonly { id: string; position: { x: number; y: number } }[],
    dragging: boolean,
    notes?: readonly NoteChange[],
  ): void;
  /** Adds a sticky note (selected alone); gives its id. */
  addNote(position: { x: number; y: number }, text?: string): string | null;
  setNoteText(id: string, text: string): void;
  /** Makes a group of the selected nodes (they leave other groups), selected alone; says why not. */
  groupSelection(title?: string): string | null;
  /** Removes the selected groups, else the groups of the selected nodes (the nodes stay). */
  ungroupSelection(): void;
  setGroupTitle(id: string, title: string): void;
  /** A note's or group's colour; its default (yellow for notes, gray for groups) is not written. */
  setAnnotationColor(kind: 'note' | 'group', id: string, color: AnnotationColor): void;
  /** Moves a group's nodes together (one undo step). */
  moveGroup(id: string, dx: number, dy: number): void;
  nudge(dx: number, dy: number): void;
  /** Adds an edge, or says why not (and shows it as the status message). */
  connect(request: ConnectionRequest): string | null;
  setParams<K extends NodeKind>(id: string, params: ParamsByKind[K]): void;
  setLabel(id: string, label: string): void;
  /** Sets a node's retry (docs/file-format.md, Retries); undefined removes it. */
  setRetry(id: string, retry: Retry | undefined): void;
  /** Gives a node a new id (edges follow); says why not when the id is taken or not an identifier. */
  renameNode(id: string, next: string): string | null;
  setSelection(selection: Selection): void;
  selectAll(): void;
  copy(): string | null;
  cut(): string | null;
  paste(text: string | null): void;
  duplicate(): void;
  undo(): void;
  redo(): void;
  autoLayout(sizes?: ReadonlyMap<string, { width: number; height: number }>): void;
  setSnap(snap: boolean): void;
  markSaved(path: string): void;
  say(text: string, tone?: StatusMessage['tone']): void;
  runStarting(): void;
  runStarted(runId: string): void;
  runRefused(): void;
  /** Shows replayed node states on the canvas (timeline scrubbing); null goes back to the run's states. */
  setReplay(states: Record<string, NodeState> | null): void;
  applyHostEvent(event: AppEvent): void;
  /** Applies events that arrived together (one animation frame's worth) in one store update. */
  applyHostEvents(events: readonly AppEvent[]): void;
  /** The host's whole report of run `runId` (run.report), for a run whose page missed some events. */
  adoptReport(runId: string, report: RunReport): void;
}

export type EditorStore = EditorState & EditorActions;

export function edgeId(edge: GraphEdge): string {
  return `${edge.source}->${edge.target}#${edge.input}`;
}

export function emptyGraph(): Graph {
  return { format: GRAPH_FORMAT, name: 'Untitled', nodes: [], edges: [] };
}

function problemsOf(graph: Graph | null): Problem[] {
  if (!graph) return [];
  const result = validateGraph(graph);
  return result.ok ? [] : result.problems;
}

function snapped(value: number, snap: boolean): number {
  return snap ? Math.round(value / GRID) * GRID : value;
}

let autosaveSerial = 0;
function newAutosaveKey(): string {
  autosaveSerial += 1;
  return `doc-${Date.now().toString(36)}-${autosaveSerial}`;
}

export function createEditorStore() {
  return createStore<EditorStore>()((set, get) => {
    /** Records an edit: undo step, dirty flag, fresh problems. */
    const commit = (graph: Graph, extra: Partial<EditorState> = {}) => {
      const previous = get().graph;
      if (!previous) return;
      set({
        graph,
        past: [...get().past, previous].slice(-HISTORY_LIMIT),
        future: [],
        dirty: true,
        problems: problemsOf(graph),
        ...extra,
      });
    };
    let serial = 0;
    const say = (text: string, tone: StatusMessage['tone'] = 'info') => {
      serial += 1;
      set({ status: { text, tone, serial } });
    };
    const selectedIds = () => new Set(get().selection.nodes);

    /** Hands `action` to the run-view reducer; publishes the new view if it is one. */
    const dispatch = (action: RunAction) => {
      const before = get().run;
      const run = runView(before, action);
      if (run !== before) set({ run });
    };

    return {
      graph: null,
      path: null,
      autosaveKey: newAutosaveKey(),
      dirty: false,
      selection: { nodes: [], edges: [] },
      past: [],
      future: [],
      dragging: false,
      problems: [],
      snap: true,
      status: null,
      clipboard: null,
      run: idleRun(),

      newDocument() {
        get().openDocument(emptyGraph(), null);
      },
      openDocument(graph, path, options = {}) {
        set({
          graph,
          path,
          autosaveKey: options.autosaveKey ?? newAutosaveKey(),
          dirty: options.dirty ?? false,
          selection: { nodes: [], edges: [] },
          past: [],
          future: [],
          dragging: false,
          problems: problemsOf(graph),
          run: idleRun(),
        });
      },
      closeDocument() {
        set({
          graph: null,
          path: null,
          dirty: false,
          past: [],
          future: [],
          problems: [],
          selection: { nodes: [], edges: [] },
          run: idleRun(),
        });
      },
      setName(name) {
        const graph = get().graph;
        if (graph && graph.name !== name) commit({ ...graph, name });
      },
      setView(view) {
        const graph = get().graph;
        // The viewport is kept in the file but moving around is not an edit: no undo step, not dirty.
        if (graph) set({ graph: { ...graph, view } });
      },
      addNode(kind, position) {
        const graph = get().graph;
        if (!graph) return null;
        const id = freshIdForKind(kind, new Set(graph.nodes.map((node) => node.id)));
        const snap = get().snap;
        const node = newNode(kind, id, { x: snapped(position.x, snap), y: snapped(position.y, snap) });
        commit({ ...graph, nodes: [...graph.nodes, node] }, { selection: { nodes: [id], edges: [] } });
        return id;
      },
      deleteSelection() {
        const graph = get().graph;
        if (!graph) return;
        const nodes = selectedIds();
        const edges = new Set(get().selection.edges);
        const notes = new Set(get().selection.notes ?? []);
        const groups = get().selection.groups ?? [];
        if (nodes.size === 0 && edges.size === 0 && notes.size === 0 && groups.length === 0) return;
        const kept = annotations.forgetDeleted(annotations.ungroup(graph, groups), nodes, notes);
        commit(
          {
            ...kept,
            nodes: graph.nodes.filter((node) => !nodes.has(node.id)),
            edges: graph.edges.filter(
              (edge) => !edges.has(edgeId(edge)) && !nodes.has(edge.source) && !nodes.has(edge.target),
            ),
          },
          { selection: { nodes: [], edges: [] } },
        );
      },
      moveNodes(updates, dragging, noteChanges = []) {
        const { graph, snap } = get();
        if (!graph) return;
        if (updates.length === 0 && noteChanges.length === 0) {
          if (!dragging) set({ dragging: false });
          return;
        }
        const byId = new Map(updates.map((update) => [update.id, update.position]));
        const nodes =
          updates.length === 0
            ? graph.nodes
            : graph.nodes.map((node): GraphNode => {
                const position = byId.get(node.id);
                return position
                  ? { ...node, position: { x: snapped(position.x, snap), y: snapped(position.y, snap) } }
                  : node;
              });
        const notes = new Map(
          noteChanges.map(({ id, position, size }) => [
            id,
            {
              ...(position
                ? { position: { x: snapped(position.x, snap), y: snapped(position.y, snap) } }
                : {}),
              ...(size ? { size: { width: Math.round(size.width), height: Math.round(size.height) } } : {}),
            },
          ]),
        );
        const moved = annotations.changeNotes({ ...graph, nodes }, notes);
        if (get().dragging) {
          // Inside a drag: the undo step was recorded when it began.
          set({ graph: moved, dragging, dirty: true });
        } else {
          commit(moved, { dragging });
        }
      },
      nudge(dx, dy) {
        const graph = get().graph;
        if (!graph) return;
        const ids = selectedIds();
        const updates = graph.nodes
          .filter((node) => ids.has(node.id))
          .map((node) => ({
            id: node.id,
            position: { x: (node.position?.x ?? 0) + dx, y: (node.position?.y ?? 0) + dy },
          }));
        // Nudges move by whole grid steps, so snapping must not pull them back.
        const snap = get().snap;
        set({ snap: false });
        get().moveNodes(updates, false);
        set({ snap });
      },
      connect(request) {
        const graph = get().graph;
        if (!graph) return 'No document is open.';
        const refusal = connectionRefusal(graph, request);
        if (refusal) {
          say(refusal, 'error');
          return refusal;
        }
        commit({
          ...graph,
          edges: [...graph.edges, { source: request.source, target: request.target, input: request.input }],
        });
        return null;
      },
      setParams(id, params) {
        const graph = get().graph;
        if (!graph) return;
        commit({
          ...graph,
          nodes: graph.nodes.map((node) => (node.id === id ? ({ ...node, params } as GraphNode) : node)),
        });
      },
      setRetry(id, retry) {
        const graph = get().graph;
        if (!graph) return;
        commit({
          ...graph,
          nodes: graph.nodes.map((node): GraphNode => {
            if (node.id !== id) return node;
            if (retry === undefined) {
              const { retry: _dropped, ...rest } = node;
              return rest as GraphNode;
            }
            return { ...node, retry };
          }),
        });
      },
      setLabel(id, label) {
        const graph = get().graph;
        if (!graph) return;
        commit({
          ...graph,
          nodes: graph.nodes.map((node): GraphNode => {
            if (node.id !== id) return node;
            if (label === '') {
              const { label: _dropped, ...rest } = node;
              return rest as GraphNode;
            }
            return { ...node, label };
          }),
        });
      },
      renameNode(id, next) {
        const graph = get().graph;
        if (!graph || id === next) return null;
        const refusal = !isValidNodeId(next)
          ? `${JSON.stringify(next)} cannot be a node id: use letters, digits and _ (not first a digit), and no reserved word.`
          : graph.nodes.some((node) => node.id === next)
            ? `There is already a node ${next}.`
            : null;
        if (refusal) {
          say(refusal, 'error');
          return refusal;
        }
        const follow = (name: string) => (name === id ? next : name);
        commit(
          {
            ...annotations.renameInGroups(graph, id, next),
            nodes: graph.nodes.map((node) => (node.id === id ? { ...node, id: next } : node)),
            edges: graph.edges.map((edge) => ({
              ...edge,
              source: follow(edge.source),
              target: follow(edge.target),
            })),
          },
          { selection: { nodes: get().selection.nodes.map(follow), edges: [] } },
        );
        return null;
      },
      setSelection(selection) {
        set({ selection });
      },
      addNote(position, text = '') {
        const graph = get().graph;
        if (!graph) return null;
        const snap = get().snap;
        const added = annotations.addNote(
          graph,
          { x: snapped(position.x, snap), y: snapped(position.y, snap) },
          text,
        );
        commit(added.graph, { selection: { nodes: [], edges: [], notes: [added.id] } });
        return added.id;
      },
      setNoteText(id, text) {
        const graph = get().graph;
        const note = graph?.notes?.find((n) => n.id === id);
        if (graph && note && note.text !== text) commit(annotations.updateNote(graph, id, { text }));
      },
      groupSelection(title) {
        const graph = get().graph;
        if (!graph) return null;
        const grouped = annotations.groupNodes(graph, get().selection.nodes, title);
        if (!grouped) {
          say('Select the nodes to group first.', 'error');
          return null;
        }
        commit(grouped.graph, { selection: { nodes: [], edges: [], groups: [grouped.id] } });
        return grouped.id;
      },
      ungroupSelection() {
        const graph = get().graph;
        if (!graph) return;
        const { selection } = get();
        const ids =
          selection.groups && selection.groups.length > 0
            ? selection.groups
            : annotations.groupsOf(graph, selection.nodes).map((group) => group.id);
        if (ids.length === 0) {
          say('Select a group, or nodes in one, to ungroup.', 'error');
          return;
        }
        commit(annotations.ungroup(graph, ids), { selection: { ...selection, groups: [] } });
      },
      setGroupTitle(id, title) {
        const graph = get().graph;
        const group = graph?.groups?.find((g) => g.id === id);
        if (!graph || !group || group.title === title) return;
        commit({
          ...graph,
          groups: (graph.groups ?? []).map((g) => (g.id === id ? { ...g, title } : g)),
        });
      },
      setAnnotationColor(kind, id, color) {
        const graph = get().graph;
        if (!graph) return;
        const next = annotations.withColor(graph, kind, id, color);
        if (next !== graph) commit(next);
      },
      moveGroup(id, dx, dy) {
        const graph = get().graph;
        if (!graph) return;
        get().moveNodes(annotations.groupMoves(graph, id, dx, dy), false);
      },
      selectAll() {
        const graph = get().graph;
        if (graph)
          set({ selection: { nodes: graph.nodes.map((n) => n.id), edges: graph.edges.map(edgeId) } });
      },
      copy() {
        const graph = get().graph;
        const ids = selectedIds();
        if (!graph || ids.size === 0) return null;
        const text = copyText(graph, ids);
        set({ clipboard: text });
        say(`Copied ${ids.size} node${ids.size === 1 ? '' : 's'}.`);
        return text;
      },
      cut() {
        const text = get().copy();
        if (text) get().deleteSelection();
        return text;
      },
      paste(text) {
        const graph = get().graph;
        const source = text ?? get().clipboard;
        if (!graph || source === null) return;
        const content =
          readClipboardText(source) ??
          (text !== null && get().clipboard ? readClipboardText(get().clipboard as string) : null);
        if (!content || content.nodes.length === 0) {
          say('The clipboard holds no Flowloop nodes.', 'error');
          return;
        }
        const pasted = pasteInto(graph, content, PASTE_OFFSET);
        commit(pasted.graph, {
          selection: { nodes: pasted.ids, edges: [] },
          clipboard: copyText(pasted.graph, new Set(pasted.ids)),
        });
      },
      duplicate() {
        const graph = get().graph;
        const ids = selectedIds();
        if (!graph || ids.size === 0) return;
        const content = readClipboardText(copyText(graph, ids));
        if (!content) return;
        const pasted = pasteInto(graph, content, PASTE_OFFSET);
        commit(pasted.graph, { selection: { nodes: pasted.ids, edges: [] } });
      },
      undo() {
        const { past, graph, future } = get();
        const previous = past[past.length - 1];
        if (!graph || !previous) return;
        set({
          graph: previous,
          past: past.slice(0, -1),
          future: [graph, ...future],
          dirty: true,
          problems: problemsOf(previous),
          dragging: false,
        });
      },
      redo() {
        const { past, graph, future } = get();
        const next = future[0];
        if (!graph || !next) return;
        set({
          graph: next,
          past: [...past, graph],
          future: future.slice(1),
          dirty: true,
          problems: problemsOf(next),
          dragging: false,
        });
      },
      autoLayout(sizes) {
        const graph = get().graph;
        if (graph && graph.nodes.length > 0) commit(layoutGraph(graph, sizes));
      },
      setSnap(snap) {
        set({ snap });
      },
      markSaved(path) {
        set({ path, dirty: false });
      },
      say,
      runStarting() {
        dispatch({ type: 'starting', nodeIds: get().graph?.nodes.map((n) => n.id) ?? [] });
      },
      runStarted(runId) {
        dispatch({ type: 'started', runId });
      },
      setReplay(states) {
        dispatch({ type: 'replay', states });
      },
      runRefused() {
        dispatch({ type: 'refused' });
      },
      applyHostEvent(event) {
        get().applyHostEvents([event]);
      },
      applyHostEvents(events) {
        // One store update per batch: every node's state and the run status change together.
        dispatch({ type: 'host', events });
      },
      adoptReport(runId, report) {
        dispatch({ type: 'adopt', runId, report });
      },
    };
  });
}

export type EditorStoreApi = ReturnType<typeof createEditorStore>;
