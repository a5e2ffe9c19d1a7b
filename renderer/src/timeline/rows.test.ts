import { describe, expect, it } from 'vitest';
import type { StateEvent } from '../../../shared/runtime/types';
import { axisTicks, buildRows, niceCeil, rowAt, rowStart, timeToX, visibleRows, xToTime } from './rows';

const ev = (seq: number, t: number, node: string, state: StateEvent['state']): StateEvent => ({ seq, t, node, state });

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
    const rows = buildRows([ev(0, 0, 'x', 'pending'), ev(1, 1, 'x', 'cancelled'), ev(2, 1, 'y', 'pending'), ev(3, 2, 'y', 'running')]);
    expect(rows[0]).toEqual({ node: 'x', created: 0, started: null, ended: 1, state: 'cancelled' });
    expect(rows[1]).toEqual({ node: 'y', created: 1, started: 2, ended: null, state: 'running' });
    expect(rowStart({ node: 'z', created: null, started: 4, ended: 5, state: 'done' })).toBe(4);
  });

  it('has no rows without events', () => {
    expect(buildRows([])).toEqual([]);
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
