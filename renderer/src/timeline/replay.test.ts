import { describe, expect, it } from 'vitest';
import type { StateEvent } from '../../../shared/runtime/types';
import { statesAt } from './replay';

// The engine's events for examples/sequence-vs-gather.flow.json on the virtual clock (abridged order kept).
const RAW: [number, string, StateEvent['state']][] = [
  [0, 'one_by_one', 'pending'],
  [0, 'all_at_once', 'pending'],
  [0, 'one_by_one', 'running'],
  [0, 'slow', 'pending'],
  [0, 'all_at_once', 'running'],
  [0, 'slow_2', 'pending'],
  [0, 'quick_2', 'pending'],
  [0, 'slow', 'running'],
  [0, 'slow_2', 'running'],
  [0, 'quick_2', 'running'],
  [1, 'quick_2', 'done'],
  [3, 'slow', 'done'],
  [3, 'slow_2', 'done'],
  [3, 'quick', 'pending'],
  [3, 'quick', 'running'],
  [3, 'all_at_once', 'done'],
  [4, 'quick', 'done'],
  [4, 'medium', 'pending'],
  [4, 'medium', 'running'],
  [6, 'medium', 'done'],
  [6, 'one_by_one', 'done'],
];
const EVENTS: StateEvent[] = RAW.map(([t, node, state], seq) => ({ seq, t, node, state }));

describe('statesAt', () => {
  it('gives each node its last state at or before t; nodes not yet demanded are absent (idle)', () => {
    const states = statesAt(EVENTS, 1.5);
    expect(states.slow).toBe('running');
    expect(states.quick_2).toBe('done');
    expect(states.quick).toBeUndefined();
    expect(states.one_by_one).toBe('running');
  });

  it('counts events at exactly t, in seq order when several share a time', () => {
    const states = statesAt(EVENTS, 3);
    expect(states.slow).toBe('done');
    expect(states.quick).toBe('running');
    expect(states.all_at_once).toBe('done');
  });

  it('does not depend on the order events arrived in', () => {
    const shuffled = [...EVENTS].reverse();
    expect(statesAt(shuffled, 4)).toEqual(statesAt(EVENTS, 4));
  });

  it('before the first event nothing has a state, at the end everything has its final one', () => {
    expect(statesAt(EVENTS, -1)).toEqual({});
    const end = statesAt(EVENTS, 6); // the last event's time
    expect(Object.values(end).every((state) => state === 'done')).toBe(true);
    expect(Object.keys(end)).toHaveLength(7);
  });
});
