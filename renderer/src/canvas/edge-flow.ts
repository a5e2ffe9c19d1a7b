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

export interface DerivedEdge {
  source: GraphEdge;
  selected: boolean;
  flow: EdgeFlow | null;
  pulse: boolean;
  animated: boolean;
  edge: FlowEdgeType;
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

/**
 * The xyflow edges for `view`, one pass over the edges. `previous` is what the last call returned
 * as `derived`: an edge whose inputs are all unchanged is the very same object as last time.
 */
export function deriveEdges(
  view: EdgeView,
  previous: ReadonlyMap<string, DerivedEdge>,
): { edges: FlowEdgeType[]; derived: Map<string, DerivedEdge> } {
  const derived = new Map<string, DerivedEdge>();
  const edges = view.edges.map((source) => {
    const id = edgeId(source);
    const state = view.states[source.source];
    const flow = flowOf(state);
    const pulse = view.live && flow !== null;
    const animated = state === 'running' || state === 'pending';
    const selected = view.selected.has(id);
    const last = previous.get(id);
    const edge =
      last && last.source === source && last.selected === selected && last.flow === flow && last.pulse === pulse && last.animated === animated
        ? last.edge
        : edgeOf(id, source, selected, flow, pulse, animated);
    derived.set(id, { source, selected, flow, pulse, animated, edge });
    return edge;
  });
  return { edges, derived };
}
