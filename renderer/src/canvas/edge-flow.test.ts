import { describe, expect, it } from 'vitest';
import { GRAPH_FORMAT, type GraphEdge } from '../../../shared/graph';
import { createEditorStore } from '../store/editor-store';
import { decodeLook, deriveEdges, edgeLook, flowOf, lookOf } from './edge-flow';

const a: GraphEdge = { source: 'a', target: 'c', input: 0 };
const b: GraphEdge = { source: 'b', target: 'c', input: 1 };

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

describe('an edge’s look', () => {
  it('carries the mark, waits (dashed) while the source is pending or running, and pulses only live', () => {
    expect(decodeLook(lookOf('done', true))).toEqual({ flow: 'value', pulse: true, waiting: false });
    expect(decodeLook(lookOf('failed', false))).toEqual({ flow: 'error', pulse: false, waiting: false });
    expect(decodeLook(lookOf('cancelled', false))).toEqual({
      flow: 'cancelled',
      pulse: false,
      waiting: false,
    });
    expect(decodeLook(lookOf('running', true))).toEqual({ flow: null, pulse: false, waiting: true });
    expect(decodeLook(lookOf('pending', false))).toEqual({ flow: null, pulse: false, waiting: true });
    expect(decodeLook(lookOf(undefined, true))).toEqual({ flow: null, pulse: false, waiting: false });
  });

  it('follows the run live, and the replayed instant while the timeline is scrubbed', () => {
    const store = createEditorStore();
    store.getState().runStarting();
    store.getState().runStarted('r');
    store.getState().applyHostEvent({
      type: 'run.events',
      runId: 'r',
      holder: null,
      warnings: [],
      now: 1,
      states: [
        { seq: 0, t: 0, node: 'a', state: 'pending' },
        { seq: 1, t: 1, node: 'a', state: 'done' },
      ],
    });
    expect(decodeLook(edgeLook(store.getState(), 'a'))).toEqual({
      flow: 'value',
      pulse: true,
      waiting: false,
    });
    store.getState().setReplay({ a: 'pending' });
    expect(decodeLook(edgeLook(store.getState(), 'a'))).toEqual({ flow: null, pulse: false, waiting: true });
    store.getState().setReplay({});
    expect(edgeLook(store.getState(), 'a')).toBe(lookOf(undefined, false));
  });

  it('plays no pulse in a large graph, where the marks still change live', () => {
    const store = createEditorStore();
    const nodes = Array.from({ length: 301 }, (_, i) => ({
      id: `n${i}`,
      kind: 'sleep' as const,
      params: { seconds: 0 },
      position: { x: 0, y: i * 80 },
    }));
    store.getState().openDocument({ format: GRAPH_FORMAT, name: 'large', nodes, edges: [] }, null);
    store.getState().runStarting();
    store.getState().runStarted('r');
    store.getState().applyHostEvent({
      type: 'run.events',
      runId: 'r',
      holder: null,
      warnings: [],
      now: 1,
      states: [{ seq: 0, t: 1, node: 'n0', state: 'done' }],
    });
    expect(decodeLook(edgeLook(store.getState(), 'n0'))).toEqual({
      flow: 'value',
      pulse: false,
      waiting: false,
    });
  });
});

describe('deriveEdges', () => {
  it('makes one xyflow edge per graph edge, named for both ends and the input', () => {
    const { edges } = deriveEdges({ edges: [a, b], selected: new Set(['b->c#1']) }, null);
    expect(edges[0]).toMatchObject({
      id: 'a->c#0',
      type: 'flow',
      source: 'a',
      target: 'c',
      sourceHandle: 'out',
      targetHandle: 'in-0',
      selected: false,
    });
    expect(edges[1]?.selected).toBe(true);
    expect(edges[1]?.ariaLabel).toBe('edge from b to input 1 of c');
  });

  it('hands back the previous derivation itself when nothing changed, so xyflow has nothing to do', () => {
    const edges = [a, b];
    const first = deriveEdges({ edges, selected: new Set() }, null);
    expect(deriveEdges({ edges, selected: new Set() }, first)).toBe(first);
  });

  it('reuses the objects of edges whose source edge and selection did not change', () => {
    const first = deriveEdges({ edges: [a, b], selected: new Set() }, null);
    const second = deriveEdges({ edges: [a, b], selected: new Set(['b->c#1']) }, first);
    expect(second.edges[0]).toBe(first.edges[0]);
    expect(second.edges[1]).not.toBe(first.edges[1]);
    expect(second.edges[1]?.selected).toBe(true);
  });

  it('after an edit, keeps the objects of the edges that stayed and drops those that left', () => {
    const c: GraphEdge = { source: 'a', target: 'd', input: 0 };
    const first = deriveEdges({ edges: [a, b], selected: new Set() }, null);
    const second = deriveEdges({ edges: [c, b], selected: new Set() }, first);
    expect(second.edges.map((e) => e.id)).toEqual(['a->d#0', 'b->c#1']);
    expect(second.edges[1]).toBe(first.edges[1]);
    const reordered = deriveEdges({ edges: [b, c], selected: new Set() }, second);
    expect(reordered).not.toBe(second);
    expect(reordered.edges[0]).toBe(second.edges[1]);
  });
});
