import { describe, expect, it } from 'vitest';
import { GRAPH_FORMAT, type Graph } from '../../../shared/graph';
import { layoutGraph } from './layout';

const sleep = (id: string) => ({
  id,
  kind: 'sleep' as const,
  params: { seconds: 1 },
  position: { x: 0, y: 0 },
});

describe('layoutGraph', () => {
  it('puts the arguments of a combinator top to bottom in input order, whatever order the file lists them in', () => {
    for (const order of [
      ['a', 'b', 'c'],
      ['c', 'b', 'a'],
      ['b', 'c', 'a'],
    ]) {
      const graph: Graph = {
        format: GRAPH_FORMAT,
        nodes: [...order.map(sleep), { id: 'all', kind: 'gather', params: {}, position: { x: 0, y: 0 } }],
        edges: [
          { source: 'c', target: 'all', input: 2 },
          { source: 'a', target: 'all', input: 0 },
          { source: 'b', target: 'all', input: 1 },
        ],
      };
      const laid = layoutGraph(graph);
      const at = (id: string) => laid.nodes.find((n) => n.id === id)?.position ?? { x: NaN, y: NaN };
      expect(at('a').y).toBeLessThan(at('b').y);
      expect(at('b').y).toBeLessThan(at('c').y);
      expect(at('a').x).toBe(at('c').x);
      expect(at('all').x).toBeGreaterThan(at('a').x);
    }
  });

  it('orders four arguments by input number, so their edges into the node do not cross', () => {
    const graph: Graph = {
      format: GRAPH_FORMAT,
      nodes: [
        ...['y2', 'x2', 'y1', 'x1'].map(sleep),
        { id: 'join', kind: 'gather', params: {}, position: { x: 0, y: 0 } },
      ],
      edges: [
        { source: 'x1', target: 'join', input: 0 },
        { source: 'y1', target: 'join', input: 1 },
        { source: 'x2', target: 'join', input: 2 },
        { source: 'y2', target: 'join', input: 3 },
      ],
    };
    const laid = layoutGraph(graph);
    const ys = ['x1', 'y1', 'x2', 'y2'].map((id) => laid.nodes.find((n) => n.id === id)?.position?.y ?? NaN);
    expect([...ys].sort((a, b) => a - b)).toEqual(ys);
  });
});
