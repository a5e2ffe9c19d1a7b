/**
 * What each edge shows of a run: an edge source → target carries the source's outcome into the
 * target (spec §2: the source's value is an argument of the target). Once the source is done the edge
 * carried a value; failed, its exception; cancelled, its cancellation. Derived from the node states the
 * canvas shows (the run's, or the replayed instant's while the timeline is scrubbed), reusing the edge
 * objects whose look did not change so xyflow re-renders only the edges that did.
 */
import type { Edge } from '@xyflow/react';
import type { GraphEdge } from '../../../shared/graph';
import type { NodeState } from '../../../shared/runtime/types';
import { edgeId } from '../store/editor-store';

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

export interface FlowEdgeData extends Record<string, unknown> {
  flow: EdgeFlow | null;
  /** The mark arrived while the run is watched live: the edge plays its pulse once. */
  pulse: boolean;
}

export type FlowEdgeType = Edge<FlowEdgeData, 'flow'>;

export interface EdgeView {
  edges: readonly GraphEdge[];
  selected: ReadonlySet<string>;
  /** Node states as the canvas shows them. */
  states: Readonly<Record<string, NodeState>>;
  /** A run is going on and the canvas shows it live (not a replayed instant). */
  live: boolean;
}

/** What an edge's look depends on, packed in one small number so a pass over 10,000 edges allocates nothing. */
function lookKey(flow: EdgeFlow | null, pulse: boolean, animated: boolean, selected: boolean): number {
  const flowCode = flow === null ? 0 : flow === 'value' ? 1 : flow === 'error' ? 2 : 3;
  return flowCode | (pulse ? 4 : 0) | (animated ? 8 : 0) | (selected ? 16 : 0);
}

/** xyflow spreads these onto the edge's <g>; its type lists only SVG attributes, not data-*. */
function flowAttributes(flow: EdgeFlow): FlowEdgeType['domAttributes'] {
  return { 'data-flow': flow } as FlowEdgeType['domAttributes'];
}

function edgeOf(id: string, source: GraphEdge, selected: boolean, flow: EdgeFlow | null, pulse: boolean, animated: boolean): FlowEdgeType {
  const label = `edge from ${source.source} to input ${source.input} of ${source.target}`;
  return {
    id,
    type: 'flow',
    source: source.source,
    target: source.target,
    sourceHandle: 'out',
    targetHandle: `in-${source.input}`,
    selected,
    animated,
    data: { flow, pulse },
    ariaLabel: flow ? `${label}, ${FLOW_LABELS[flow]}` : label,
    ...(flow ? { className: `flow-${flow}`, domAttributes: flowAttributes(flow) } : {}),
  };
}

/** What one derivation made, for the next one to reuse. */
export interface DerivedEdges {
  /** The graph's edges they were made from (the very array). */
  source: readonly GraphEdge[];
  ids: readonly string[];
  keys: readonly number[];
  /** The xyflow edges, in the graph's order. */
  edges: FlowEdgeType[];
}

/**
 * The xyflow edges for `view`, in one pass over the edges. An edge whose source edge and look are
 * unchanged since `previous` is the very same object; when no edge changed, `previous` itself comes
 * back (same `edges` array), so xyflow has nothing to do.
 */
export function deriveEdges(view: EdgeView, previous: DerivedEdges | null): DerivedEdges {
  const sameEdges = previous !== null && previous.source === view.edges;
  // After an edit the edges moved: find each one's previous index by id (edits are rare, runs are not).
  let previousIndex: Map<string, number> | null = null;
  if (previous !== null && !sameEdges) {
    previousIndex = new Map();
    for (let j = 0; j < previous.ids.length; j++) previousIndex.set(previous.ids[j] as string, j);
  }
  const checkSelection = view.selected.size > 0;
  const count = view.edges.length;
  const ids = sameEdges ? previous.ids : new Array<string>(count);
  const keys = new Array<number>(count);
  const edges = new Array<FlowEdgeType>(count);
  let changed = !sameEdges;
  for (let i = 0; i < count; i++) {
    const source = view.edges[i] as GraphEdge;
    const id = sameEdges ? (ids[i] as string) : edgeId(source);
    if (!sameEdges) (ids as string[])[i] = id;
    const state = view.states[source.source];
    const flow = flowOf(state);
    const pulse = view.live && flow !== null;
    const animated = state === 'running' || state === 'pending';
    const selected = checkSelection && view.selected.has(id);
    const key = lookKey(flow, pulse, animated, selected);
    keys[i] = key;
    const j = sameEdges ? i : previousIndex?.get(id);
    if (previous !== null && j !== undefined && previous.keys[j] === key && previous.source[j] === source) {
      edges[i] = previous.edges[j] as FlowEdgeType;
    } else {
      edges[i] = edgeOf(id, source, selected, flow, pulse, animated);
      changed = true;
    }
  }
  if (!changed && previous !== null) return previous;
  return { source: view.edges, ids, keys, edges };
}
