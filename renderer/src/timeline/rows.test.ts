import { describe, expect, it } from 'vitest';
import type { StateEvent } from '../../../shared/runtime/types';
import { TimelineRows, axisTicks, niceCeil, rowAt, rowStart, timeToX, visibleRows, xToTime } from './rows';

const ev = (seq: number, t: number, node: string, state: StateEvent['state']): StateEvent => ({
  seq,
  t,
  node,
  state,
});

/** The rows of `events` taken all at once. */
function buildRows(events: readonly StateEvent[]) {
  const rows = new TimelineRows();
  rows.update(events);
  return rows.rows;
}

describe('buildRows', () => {
  it('makes one row per node with events, in first-change order, with created/started/ended times', () => {
    const rows = buildRows([
      ev(3, 1, 'b', 'running'),
      ev(0, 0, 'a', 'pending'),
      ev(1, 0.5, 'b', 'pending'),
      ev(2, 0.5, 'a', 'running'),
      ev(4, 2, 'a', 'done'),
      ev(5, 2.5, 'b', 'cancelled'),
    ]);
    expect(rows).toEqual([
      { node: 'a', created: 0, started: 0.5, ended: 2, state: 'done' },
      { node: 'b', created: 0.5, started: 1, ended: 2.5, state: 'cancelled' },
    ]);
  });

  it('keeps a task that never started (cancelled while pending) and one still running', () => {
    const rows = buildRows([
      ev(0, 0, 'x', 'pending'),
      ev(1, 1, 'x', 'cancelled'),
      ev(2, 1, 'y', 'pending'),
      ev(3, 2, 'y', 'running'),
    ]);
    expect(rows[0]).toEqual({ node: 'x', created: 0, started: null, ended: 1, state: 'cancelled' });
    expect(rows[1]).toEqual({ node: 'y', created: 1, started: 2, ended: null, state: 'running' });
    expect(rowStart({ node: 'z', created: null, started: 4, ended: 5, state: 'done' })).toBe(4);
  });

  it('has no rows without events', () => {
    expect(buildRows([])).toEqual([]);
  });
});

describe('TimelineRows', () => {
  const STATES = ['pending', 'running', 'done', 'failed', 'cancelled'] as const;
  /** A run's events as the store holds them batch after batch: a new array each time, the old events shared. */
  function batches(events: readonly StateEvent[], random: () => number): StateEvent[][] {
    const arrays: StateEvent[][] = [];
    let held: StateEvent[] = [];
    for (let next = 0; next < events.length;) {
      const batch = events.slice(next, (next += 1 + Math.floor(random() * 6)));
      held = held.concat(batch);
      arrays.push(held);
    }
    return arrays;
  }
  const counted = (rows: readonly { state: string }[]) => {
    const counts: Record<string, number> = {
      idle: 0,
      pending: 0,
      running: 0,
      done: 0,
      failed: 0,
      cancelled: 0,
    };
    for (const row of rows) counts[row.state] = (counts[row.state] ?? 0) + 1;
    return counts;
  };

  it('taken batch by batch, equals the rows of all the events at once, with the latest event time and the rows per state, in order or not', () => {
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let trial = 0; trial < 200; trial += 1) {
      const events: StateEvent[] = Array.from({ length: 1 + Math.floor(random() * 40) }, (_, seq) =>
        ev(
          seq,
          Math.floor(random() * 50) / 10,
          `n${Math.floor(random() * 8)}`,
          STATES[Math.floor(random() * STATES.length)] as StateEvent['state'],
        ),
      );
      // Now and then two events arrive swapped: then the rows are made again in the order they happened.
      if (trial % 3 === 0 && events.length > 2) {
        const i = Math.floor(random() * (events.length - 1));
        [events[i], events[i + 1]] = [events[i + 1] as StateEvent, events[i] as StateEvent];
      }
      const rows = new TimelineRows();
      for (const held of batches(events, random)) {
        rows.update(held);
        expect(rows.rows).toEqual(buildRows(held));
        expect(rows.end).toBe(Math.max(0, ...held.map((e) => e.t)));
        expect(rows.counts).toEqual(counted(rows.rows));
      }
    }
  });

  it('starts again for another run’s events, and reports whether anything changed', () => {
    const rows = new TimelineRows();
    const first = [ev(0, 0, 'a', 'pending'), ev(1, 1, 'a', 'done')];
    expect(rows.update(first)).toBe(true);
    expect(rows.update(first)).toBe(false);
    expect(rows.update([...first])).toBe(false); // the same events in a new array: nothing new
    expect(rows.update([])).toBe(true);
    expect(rows.rows).toEqual([]);
    expect(rows.update([ev(0, 0, 'b', 'running')])).toBe(true);
    expect(rows.rows).toEqual([{ node: 'b', created: null, started: 0, ended: null, state: 'running' }]);
    expect(rows.counts.running).toBe(1);
    expect(rows.counts.done).toBe(0);
  });
});

describe('geometry', () => {
  const scale = { duration: 6, left: 100, width: 600 };

  it('maps time to x and back, clamping outside the plot', () => {
    expect(timeToX(scale, 0)).toBe(100);
    expect(timeToX(scale, 1.5)).toBe(250);
    expect(xToTime(scale, 250)).toBe(1.5);
    expect(xToTime(scale, 0)).toBe(0);
    expect(xToTime(scale, 2000)).toBe(6);
    expect(xToTime({ duration: 0, left: 0, width: 100 }, 50)).toBe(0);
  });

  it('picks only the rows in view, so 5,000 rows draw a screenful', () => {
    expect(visibleRows(5000, 20, 0, 200)).toEqual({ first: 0, end: 10 });
    expect(visibleRows(5000, 20, 99_990, 200)).toEqual({ first: 4999, end: 5000 });
    expect(visibleRows(5000, 20, 30, 200)).toEqual({ first: 1, end: 12 });
    expect(visibleRows(3, 20, 0, 200)).toEqual({ first: 0, end: 3 });
    expect(visibleRows(0, 20, 0, 200)).toEqual({ first: 0, end: 0 });
  });

  it('finds the row under a y offset', () => {
    expect(rowAt(10, 20, 0)).toBe(0);
    expect(rowAt(10, 20, 39.9)).toBe(1);
    expect(rowAt(10, 20, 200)).toBeNull();
    expect(rowAt(10, 20, -1)).toBeNull();
  });

  it('ticks the axis at round steps covering the duration', () => {
    expect(axisTicks(6)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(axisTicks(0.3)).toEqual([0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3]);
    expect(axisTicks(100, 5)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(axisTicks(0)).toEqual([0]);
  });

  it('rounds a live duration up to 1, 2 or 5 × 10^k', () => {
    expect([0, 0.3, 1, 1.2, 2.5, 6, 10, 11].map(niceCeil)).toEqual([1, 0.5, 1, 2, 5, 10, 10, 20]);
  });
});
