import { describe, it, expect } from 'vitest';
import { compareRuns, finalStates, sameJson } from './run-compare';
import type { NodeReport } from '../../../shared/runtime/types';

const done = (endedAt: number, result: NodeReport['result'] = null): NodeReport => ({
  state: 'done',
  result,
  error: null,
  createdAt: 0,
  startedAt: 0,
  endedAt,
});

describe('compareRuns', () => {
  it('finds nothing between two equal runs', () => {
    const nodes = { a: done(1, 'a'), b: done(2, { x: [1, 2] }) };
    expect(compareRuns(nodes, structuredClone(nodes))).toEqual([]);
  });

  it('lists the nodes whose state, end time, result or error changed, and what changed', () => {
    const a = {
      slow: done(3, 'slow'),
      quick: done(1, 'quick'),
      gather: done(3, ['slow', 'quick']),
      boom: done(1),
    };
    const b = {
      slow: done(3, 'slow'),
      quick: done(4, 'quick'),
      gather: { ...done(4, ['slow', 'QUICK']) },
      boom: { ...done(1), state: 'failed' as const, error: { type: 'ValueError', message: 'no' } },
    };
    const differences = compareRuns(a, b);
    expect(differences.map((d) => [d.node, d.changes])).toEqual([
      ['quick', ['endedAt']],
      ['gather', ['endedAt', 'result']],
      ['boom', ['state', 'error']],
    ]);
    expect(differences[0]).toMatchObject({ presence: 'both', a: { endedAt: 1 }, b: { endedAt: 4 } });
  });

  it('lists nodes present in only one run when the graph changed', () => {
    const differences = compareRuns({ kept: done(1), removed: done(2) }, { kept: done(1), added: done(5) });
    expect(differences).toEqual([
      { node: 'added', presence: 'only-b', a: null, b: done(5), changes: [] },
      { node: 'removed', presence: 'only-a', a: done(2), b: null, changes: [] },
    ]);
  });

  it('treats end times within the tolerance as equal, and null only equal to null', () => {
    const idle: NodeReport = {
      state: 'idle',
      result: null,
      error: null,
      createdAt: null,
      startedAt: null,
      endedAt: null,
    };
    expect(compareRuns({ a: done(1.0004) }, { a: done(1.0009) }, { timeTolerance: 0.001 })).toEqual([]);
    expect(compareRuns({ a: done(1.0004) }, { a: done(1.0009) })).toHaveLength(1);
    expect(compareRuns({ a: idle }, { a: { ...idle, state: 'cancelled' } }).map((d) => d.changes)).toEqual([
      ['state'],
    ]);
    expect(compareRuns({ a: idle }, { a: done(0) }).map((d) => d.changes)).toEqual([['state', 'endedAt']]);
  });
});

describe('sameJson', () => {
  it('compares deeply, ignoring key order', () => {
    expect(sameJson({ a: 1, b: [1, { c: null }] }, { b: [1, { c: null }], a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(sameJson([1, 2], [2, 1])).toBe(false);
    expect(sameJson([], {})).toBe(false);
    expect(sameJson(null, 0)).toBe(false);
    expect(sameJson('1', 1)).toBe(false);
  });
});

describe('finalStates', () => {
  it('maps each node to its final state', () => {
    expect(finalStates({ a: done(1), b: { ...done(1), state: 'cancelled' } })).toEqual({
      a: 'done',
      b: 'cancelled',
    });
  });
});
