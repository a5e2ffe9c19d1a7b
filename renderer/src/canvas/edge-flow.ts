/**
 * What each edge shows of a run: an edge source → target carries the source's outcome into the
 * target (docs/run-semantics.md: the source's value is an argument of the target). Once the source is done the edge
 * carried a value; failed, its exception; cancelled, its cancellation; while the source is pending or
 * running the edge is dashed and moving.
 *
 * The xyflow edges array depends only on the graph and the selection (deriveEdges): every new array
 * costs xyflow a pass over all edges, so a run must not make one per frame. Instead run-marks.ts
 * writes each edge's mark onto its element from its source's state, and the edge component reads
 * only whether it pulses (edgeLook).
 */
import type { Edge } from '@xyflow/react';
import type { GraphEdge } from '../../../shared/graph';
import type { NodeState } from '../../../shared/runtime/types';
import type { EditorState } from '../store/editor-store';
import { edgeId } from '../store/editor-store';
import { isLargeGraph } from './large-graph';

export type EdgeFlow = 'value' | 'error' | 'cancelled';

export const FLOW_LABELS: Record<EdgeFlow, string> = {
  value: 'carried a value',
  error: 'carried an exception',
  cancelled: 'carried a cancellation',
};

/** What flowed along an edge whose source is in `state`; null while nothing has. */
export function flowOf(state: NodeState | undefined): EdgeFlow | null {
  switch (state) {
    case 'done':
      return 'value';
    case 'failed':
      return 'error';
    case 'cancelled':
      return 'cancelled';
    default:
      return null;
  }
}

/** An edge's look as one small number, so a store selector can return it and React compare it cheaply. */
export type EdgeLook = number;
const FLOWS: readonly (EdgeFlow | null)[] = [null, 'value', 'error', 'cancelled'];
const PULSE = 4;
const WAITING = 8;

/**
 * The look of an edge whose source is in `state`. `live`: a run is going on and the canvas shows it
 * (not a replayed instant), so an edge that gets its mark plays one pulse.
 */
export function lookOf(state: NodeState | undefined, live: boolean): EdgeLook {
  const flow = flowOf(state);
  const flowCode = flow === null ? 0 : FLOWS.indexOf(flow);
  return (
    flowCode |
    (live && flow !== null ? PULSE : 0) |
    (state === 'running' || state === 'pending' ? WAITING : 0)
  );
}

export function decodeLook(look: EdgeLook): { flow: EdgeFlow | null; pulse: boolean; waiting: boolean } {
  return { flow: FLOWS[look & 3] ?? null, pulse: (look & PULSE) !== 0, waiting: (look & WAITING) !== 0 };
}

/**
 * The look of the edge from `source` in the store's state: the replayed instant while the timeline
 * is scrubbed. A large graph's edges play no pulse (large-graph.ts): hundreds of travelling dots
 * added and removed in a frame cost more than the canvas has.
 */
export function edgeLook(state: EditorState, source: string): EdgeLook {
  const run = state.run;
  const live =
    run.replay === null &&
    (run.status === 'running' || run.status === 'starting') &&
    !isLargeGraph(state.graph?.nodes.length ?? 0);
  return lookOf((run.replay ?? run.states)[source], live);
}

export type FlowEdgeType = Edge<Record<string, never>, 'flow'>;

export interface EdgeView {
  edges: readonly GraphEdge[];
  selected: ReadonlySet<string>;
}

function edgeOf(id: string, source: GraphEdge, selected: boolean): FlowEdgeType {
  return {
    id,
    type: 'flow',
    source: source.source,
    target: source.target,
    sourceHandle: 'out',
    targetHandle: `in-${source.input}`,
    selected,
    ariaLabel: `edge from ${source.source} to input ${source.input} of ${source.target}`,
  };
}

/** What one derivation made, for the next one to reuse. */
export interface DerivedEdges {
  /** The graph's edges they were made from (the very array). */
  source: readonly GraphEdge[];
  edges: FlowEdgeType[];
}

/**
 * The xyflow edges for `view`. An edge whose graph edge and selection are unchanged since `previous`
 * is the very same object; when no edge changed, `previous` itself comes back (same `edges` array).
 */
export function deriveEdges(view: EdgeView, previous: DerivedEdges | null): DerivedEdges {
  const before = new Map<string, FlowEdgeType>();
  const sourceOf = new Map<FlowEdgeType, GraphEdge>();
  if (previous !== null) {
    previous.edges.forEach((edge, i) => {
      before.set(edge.id, edge);
      sourceOf.set(edge, previous.source[i] as GraphEdge);
    });
  }
  let changed = previous === null || previous.edges.length !== view.edges.length;
  const edges = view.edges.map((source, i) => {
    const id = edgeId(source);
    const selected = view.selected.has(id);
    const last = before.get(id);
    if (last !== undefined && sourceOf.get(last) === source && (last.selected ?? false) === selected) {
      if (previous?.edges[i] !== last) changed = true;
      return last;
    }
    changed = true;
    return edgeOf(id, source, selected);
  });
  if (!changed && previous !== null) return previous;
  return { source: view.edges, edges };
}
