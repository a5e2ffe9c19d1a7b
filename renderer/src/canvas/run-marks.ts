/**
 * A run's marks on the canvas — each node's state (its `data-state` and state mark), each edge's flow
 * (`data-flow`, `data-waiting` and its title) — written straight onto the elements in the page,
 * without React (zustand's "transient updates").
 *
 * Why not through React: a run changes every node and edge in view within a frame or two. Rendering
 * each of them (selectors, render, reconciliation, then class, attribute and text writes) cost about
 * 60 ms of the browser's CPU per run of the 5,000-node stream bench (bench/renderer-stream.ts), most
 * of it in the first frame after Run. Here a store update whose shown states are unchanged costs one
 * comparison; otherwise a pass over the mounted nodes and edges (large graphs mount only what is in
 * view) and only the writes of the marks that changed.
 *
 * Components attach their elements in a layout effect (painted before the browser shows them) and
 * render none of these attributes themselves, so React never writes over them. What the store holds
 * stays the one truth: the marks follow `run.replay ?? run.states` (the replayed instant while the
 * timeline is scrubbed). An edge's pulse stays a React element (FlowEdge), coloured by `data-flow`.
 */
import type { NodeState } from '../../../shared/runtime/types';
import { shownStates } from '../model/run-view';
import type { EditorStore } from '../store/editor-store';
import { decodeLook, FLOW_LABELS, lookOf, type EdgeLook } from './edge-flow';
import { STATE_MARKS } from './state-marks';

/** What the marks need of an element: the DOM's own methods, so a test can pass a small recorder. */
export interface MarkTarget {
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
  textContent: string | null;
}

/** The store as the marks read it: zustand's `getState` and `subscribe`. */
export interface MarksSource {
  getState(): EditorStore;
  subscribe(listener: (state: EditorStore) => void): () => void;
}

export interface RunMarks {
  /** Shows node `id`'s state on `element` (the node's box) and `mark` (its state mark) until the returned detach. */
  attachNode(id: string, element: MarkTarget, mark: MarkTarget): () => void;
  /** Shows on `element` (the edge's group) and `title` what flowed from `source` until the returned detach. */
  attachEdge(source: string, element: MarkTarget, title: MarkTarget): () => void;
  /** Stops following the store. */
  dispose(): void;
}

interface NodeMarks {
  id: string;
  element: MarkTarget;
  mark: MarkTarget;
  /** The state these elements show; null before the first paint. */
  shown: NodeState | null;
}

interface EdgeMarks {
  source: string;
  element: MarkTarget;
  title: MarkTarget;
  shown: EdgeLook | null;
}

type ShownStates = Readonly<Record<string, NodeState>>;

function paintNode(marks: NodeMarks, states: ShownStates): void {
  const state = states[marks.id] ?? 'idle';
  if (marks.shown === state) return;
  marks.shown = state;
  marks.element.setAttribute('data-state', state);
  marks.mark.textContent = STATE_MARKS[state];
  marks.mark.setAttribute('aria-label', `state ${state}`);
}

function paintEdge(marks: EdgeMarks, states: ShownStates): void {
  // The pulse is not drawn here (FlowEdge): the look without it.
  const look = lookOf(states[marks.source], false);
  if (marks.shown === look) return;
  const before = marks.shown === null ? null : decodeLook(marks.shown);
  const { flow, waiting } = decodeLook(look);
  marks.shown = look;
  if (before?.flow !== flow) {
    if (flow === null) marks.element.removeAttribute('data-flow');
    else marks.element.setAttribute('data-flow', flow);
    marks.title.textContent = flow === null ? '' : FLOW_LABELS[flow];
  }
  if (before?.waiting !== waiting) {
    if (waiting) marks.element.setAttribute('data-waiting', '');
    else marks.element.removeAttribute('data-waiting');
  }
}

export function createRunMarks(store: MarksSource): RunMarks {
  const nodes = new Set<NodeMarks>();
  const edges = new Set<EdgeMarks>();
  let states = shownStates(store.getState().run);
  const unsubscribe = store.subscribe((state) => {
    const next = shownStates(state.run);
    if (next === states) return; // most store updates: an edit, a selection, the loop clock
    states = next;
    for (const marks of nodes) paintNode(marks, states);
    for (const marks of edges) paintEdge(marks, states);
  });
  return {
    attachNode(id, element, mark) {
      const marks: NodeMarks = { id, element, mark, shown: null };
      nodes.add(marks);
      paintNode(marks, states);
      return () => void nodes.delete(marks);
    },
    attachEdge(source, element, title) {
      const marks: EdgeMarks = { source, element, title, shown: null };
      edges.add(marks);
      paintEdge(marks, states);
      return () => void edges.delete(marks);
    },
    dispose: unsubscribe,
  };
}
