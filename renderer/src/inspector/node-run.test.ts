import { describe, expect, it } from 'vitest';
import type { NodeReport, StateEvent } from '../../../shared/runtime/types';
import { lifetime, loopSeconds, NodeEventIndex, stateOf, timesFromEvents, timesOf } from './node-run';

const ev = (seq: number, t: number, node: string, state: StateEvent['state']): StateEvent => ({
  seq,
  t,
  node,
  state,
});

describe('NodeEventIndex', () => {
  it('gives each node its events in order, reading only what was appended since last time', () => {
    const index = new NodeEventIndex();
    const first = [ev(1, 0, 'a', 'pending'), ev(2, 0, 'b', 'pending'), ev(3, 0, 'a', 'running')];
    const aBefore = index.eventsOf(first, 'a');
    expect(aBefore.map((e) => e.state)).toEqual(['pending', 'running']);
    const bBefore = index.eventsOf(first, 'b');

    const grown = [...first, ev(4, 1.5, 'a', 'done')];
    const aAfter = index.eventsOf(grown, 'a');
    expect(aAfter.map((e) => e.state)).toEqual(['pending', 'running', 'done']);
    expect(aAfter).not.toBe(aBefore);
    // b got nothing new: the very same array, so a selector on it does not re-render.
    expect(index.eventsOf(grown, 'b')).toBe(bBefore);
    expect(index.eventsOf(grown, 'nobody')).toEqual([]);
  });

  it('starts over when the list is another run’s (or the final report’s)', () => {
    const index = new NodeEventIndex();
    index.eventsOf([ev(1, 0, 'a', 'pending'), ev(2, 0, 'a', 'running')], 'a');
    const next = [ev(1, 0, 'b', 'pending'), ev(2, 0.5, 'a', 'pending'), ev(3, 1, 'a', 'running')];
    expect(index.eventsOf(next, 'a').map((e) => e.t)).toEqual([0.5, 1]);
    expect(index.eventsOf([], 'a')).toEqual([]);
  });

  it('orders a node’s events by sequence number whatever order they arrived in', () => {
    const index = new NodeEventIndex();
    expect(index.eventsOf([ev(5, 1, 'a', 'done'), ev(2, 0, 'a', 'pending')], 'a').map((e) => e.seq)).toEqual([
      2, 5,
    ]);
  });
});

describe('times', () => {
  const report: NodeReport = {
    state: 'done',
    result: 1,
    error: null,
    createdAt: 0,
    startedAt: 0.25,
    endedAt: 2,
  };

  it('reads created, started and ended from the events while the run goes on', () => {
    expect(timesFromEvents([ev(1, 0.5, 'a', 'pending'), ev(2, 1, 'a', 'running')])).toEqual({
      createdAt: 0.5,
      startedAt: 1,
      endedAt: null,
    });
    expect(
      timesFromEvents([ev(1, 0, 'a', 'pending'), ev(2, 0, 'a', 'running'), ev(3, 3, 'a', 'failed')]).endedAt,
    ).toBe(3);
  });

  it('prefers the report once the run ended', () => {
    expect(timesOf(report, [])).toEqual({ createdAt: 0, startedAt: 0.25, endedAt: 2 });
    expect(stateOf(report, [ev(1, 0, 'a', 'running')])).toBe('done');
    expect(stateOf(undefined, [ev(1, 0, 'a', 'pending'), ev(2, 0, 'a', 'running')])).toBe('running');
    expect(stateOf(undefined, [])).toBe('idle');
  });

  it('measures the task’s life from creation to end', () => {
    expect(lifetime({ createdAt: 0.5, startedAt: 1, endedAt: 3 })).toBe(2.5);
    expect(lifetime({ createdAt: 0.5, startedAt: 1, endedAt: null })).toBeNull();
  });

  it('writes loop seconds to the millisecond', () => {
    expect(loopSeconds(1.23456)).toBe('1.235 s');
    expect(loopSeconds(3)).toBe('3 s');
    expect(loopSeconds(null)).toBe('—');
  });
});
