import { describe, expect, it } from 'vitest';
import { prng } from '../../test/prng';
import { findCycles, indexGraph, isAcyclic } from './algorithms';
import type { Graph } from './types';

const graph = (pairs: [string, string][]) => {
  const successors = new Map<string, string[]>();
  for (const [from, to] of pairs) successors.set(from, [...(successors.get(from) ?? []), to]);
  return successors;
};

describe('findCycles', () => {
  it('finds nothing in a DAG', () => {
    expect(
      findCycles(
        ['a', 'b', 'c', 'd'],
        graph([
          ['a', 'b'],
          ['a', 'c'],
          ['b', 'd'],
          ['c', 'd'],
        ]),
      ),
    ).toEqual([]);
  });

  it('finds each tangle once, with its shortest loop from the earliest node', () => {
    const ids = ['x', 'a', 'b', 'c', 's', 'd'];
    const edges = graph([
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'a'],
      ['b', 'a'],
      ['s', 's'],
      ['c', 'd'],
      ['x', 'a'],
    ]);
    expect(findCycles(ids, edges)).toEqual([
      { loop: ['a', 'b', 'a'], members: ['a', 'b', 'c'] },
      { loop: ['s', 's'], members: ['s'] },
    ]);
  });

  it('handles a chain of 30 000 nodes closed into one loop without deep recursion', () => {
    const ids = Array.from({ length: 30_000 }, (_, i) => `n${i}`);
    const edges = graph(ids.map((id, i) => [id, ids[(i + 1) % ids.length] as string]));
    const [cycle, ...rest] = findCycles(ids, edges);
    expect(rest).toEqual([]);
    expect(cycle?.loop.length).toBe(30_001);
    expect(cycle?.loop[0]).toBe('n0');
    expect(cycle?.loop[1]).toBe('n1');
  });
});

describe('isAcyclic', () => {
  const pairs = (list: [number, number][]) => ({
    sources: Int32Array.from(list.map(([from]) => from)),
    targets: Int32Array.from(list.map(([, to]) => to)),
  });

  it('tells a DAG from a loop, a self-loop included, and skips edges with an end below 0', () => {
    const dag = pairs([
      [0, 1],
      [0, 2],
      [1, 3],
      [2, 3],
    ]);
    expect(isAcyclic(4, dag.sources, dag.targets)).toBe(true);
    const loop = pairs([
      [0, 1],
      [1, 2],
      [2, 0],
    ]);
    expect(isAcyclic(3, loop.sources, loop.targets)).toBe(false);
    const self = pairs([[1, 1]]);
    expect(isAcyclic(2, self.sources, self.targets)).toBe(false);
    const dangling = pairs([
      [0, -1],
      [-1, 0],
      [0, 1],
    ]);
    expect(isAcyclic(2, dangling.sources, dangling.targets)).toBe(true);
    expect(isAcyclic(0, new Int32Array(0), new Int32Array(0))).toBe(true);
  });

  it('agrees with findCycles on random graphs', () => {
    const random = prng(11);
    for (let round = 0; round < 300; round++) {
      const count = 1 + Math.floor(random() * 12);
      const list: [number, number][] = [];
      const edgeCount = Math.floor(random() * count * 1.5);
      for (let e = 0; e < edgeCount; e++)
        list.push([Math.floor(random() * count), Math.floor(random() * count)]);
      const { sources, targets } = pairs(list);
      const ids = Array.from({ length: count }, (_, i) => `n${i}`);
      const named = findCycles(ids, graph(list.map(([from, to]) => [`n${from}`, `n${to}`])));
      expect(isAcyclic(count, sources, targets), JSON.stringify(list)).toBe(named.length === 0);
    }
  });
});

describe('indexGraph', () => {
  it("lists each node's arguments in input order, gaps dropped, and the terminals in file order", () => {
    const workflow: Graph = {
      format: 'flowloop.graph/2',
      nodes: [
        { id: 'a', kind: 'value', params: { value: 1 } },
        { id: 'b', kind: 'value', params: { value: 2 } },
        { id: 'all', kind: 'gather', params: {} },
        { id: 'lone', kind: 'sleep', params: { seconds: 0 } },
      ],
      edges: [
        { source: 'b', target: 'all', input: 5 },
        { source: 'a', target: 'all', input: 0 },
      ],
    };
    const index = indexGraph(workflow);
    expect(index.argumentsOf.get('all')).toEqual(['a', 'b']);
    expect(index.argumentsOf.get('a')).toEqual([]);
    expect(index.terminals).toEqual(['all', 'lone']);
    expect(index.nodes.get('lone')?.kind).toBe('sleep');
  });
});
