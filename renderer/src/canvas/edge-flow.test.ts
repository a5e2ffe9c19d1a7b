import { describe, expect, it } from 'vitest';
import type { GraphEdge } from '../../../shared/graph';
import type { NodeState } from '../../../shared/runtime/types';
import { deriveEdges, flowOf, type EdgeView } from './edge-flow';

const a: GraphEdge = { source: 'a', target: 'c', input: 0 };
const b: GraphEdge = { source: 'b', target: 'c', input: 1 };
const view = (states: Record<string, NodeState>, extra: Partial<EdgeView> = {}): EdgeView => ({
  edges: [a, b],
  selected: new Set(),
  states,
  live: false,
  ...extra,
});

describe('flowOf', () => {
  it('marks what the source handed on: its value, its exception or its cancellation', () => {
    expect(flowOf('done')).toBe('value');
    expect(flowOf('failed')).toBe('error');
    expect(flowOf('cancelled')).toBe('cancelled');
  });
  it('marks nothing before the source ends', () => {
    expect(flowOf(undefined)).toBeNull();
    expect(flowOf('idle')).toBeNull();
    expect(flowOf('pending')).toBeNull();
    expect(flowOf('running')).toBeNull();
  });
});

describe('deriveEdges', () => {
  it('puts the mark on the edge as a class, a data-flow attribute and in its accessible name', () => {
    const { edges } = deriveEdges(view({ a: 'done', b: 'failed' }), null);
    expect(edges.map((e) => e.data?.flow)).toEqual(['value', 'error']);
    expect(edges[0]?.className).toBe('flow-value');
    expect(edges[0]?.domAttributes).toEqual({ 'data-flow': 'value' });
    expect(edges[1]?.ariaLabel).toBe('edge from b to input 1 of c, carried an exception');
    expect(edges[0]).toMatchObject({ id: 'a->c#0', type: 'flow', sourceHandle: 'out', targetHandle: 'in-0' });
  });

  it('leaves an edge unmarked (no attribute, no class) until its source ends; animates it while the source runs', () => {
    const { edges } = deriveEdges(view({ a: 'running' }), null);
    expect(edges[0]?.domAttributes).toBeUndefined();
    expect(edges[0]?.className).toBeUndefined();
    expect(edges[0]?.animated).toBe(true);
    expect(edges[1]?.animated).toBe(false);
  });

  it('pulses only while a run is watched live', () => {
    expect(deriveEdges(view({ a: 'done' }, { live: true }), null).edges[0]?.data?.pulse).toBe(true);
    expect(deriveEdges(view({ a: 'done' }, { live: false }), null).edges[0]?.data?.pulse).toBe(false);
    expect(deriveEdges(view({}, { live: true }), null).edges[0]?.data?.pulse).toBe(false);
  });

  it('reuses the edge objects whose mark, selection and source did not change', () => {
    const first = deriveEdges(view({ a: 'running', b: 'running' }), null);
    const second = deriveEdges(view({ a: 'done', b: 'running' }), first);
    expect(second.edges[0]).not.toBe(first.edges[0]);
    expect(second.edges[1]).toBe(first.edges[1]);
    const third = deriveEdges(view({ a: 'done', b: 'running' }, { selected: new Set(['b->c#1']) }), second);
    expect(third.edges[0]).toBe(second.edges[0]);
    expect(third.edges[1]?.selected).toBe(true);
  });

  it('hands back the previous derivation itself when no edge changed, so xyflow has nothing to do', () => {
    const edges = [a, b];
    const first = deriveEdges({ ...view({ a: 'done' }), edges }, null);
    const again = deriveEdges({ ...view({ a: 'done', c: 'running' }), edges }, first);
    expect(again).toBe(first);
    expect(again.edges).toBe(first.edges);
  });

  it('shows a replayed instant exactly: scrubbing back to the start clears every mark', () => {
    const after = deriveEdges(view({ a: 'done', b: 'cancelled' }), null);
    const atStart = deriveEdges(view({}), after);
    expect(atStart.edges.map((e) => e.data?.flow)).toEqual([null, null]);
    expect(atStart.edges.every((e) => e.domAttributes === undefined)).toBe(true);
  });

  it('after an edit, keeps the objects of the edges that stayed and drops those that left', () => {
    const c: GraphEdge = { source: 'a', target: 'd', input: 0 };
    const first = deriveEdges(view({ a: 'done' }), null);
    const second = deriveEdges({ ...view({ a: 'done' }), edges: [c, b] }, first);
    expect(second.ids).toEqual(['a->d#0', 'b->c#1']);
    expect(second.edges[1]).toBe(first.edges[1]);
    expect(second.edges[0]?.data?.flow).toBe('value');
  });
});
