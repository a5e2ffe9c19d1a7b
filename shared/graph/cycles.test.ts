import { describe, expect, it } from 'vitest';
import { findCycles } from './cycles';

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
