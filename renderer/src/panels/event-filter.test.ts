import { describe, expect, it } from 'vitest';
import type { StateEvent } from '../../../shared/runtime/types';
import { filterEvents, visibleRows } from './event-filter';

const events: StateEvent[] = [
  { seq: 1, t: 0, node: 'slow_call', state: 'pending' },
  { seq: 2, t: 0, node: 'fast_call', state: 'pending' },
  { seq: 3, t: 0, node: 'slow_call', state: 'running' },
  { seq: 4, t: 2, node: 'slow_call', state: 'cancelled' },
  { seq: 5, t: 2, node: 'Limit', state: 'failed' },
];

describe('filterEvents', () => {
  it('keeps every event with no filter', () => {
    expect(filterEvents(events, { text: '', state: 'all' })).toEqual(events);
  });
  it('keeps the events of nodes whose id contains the text, ignoring case', () => {
    expect(filterEvents(events, { text: 'SLOW', state: 'all' }).map((e) => e.seq)).toEqual([1, 3, 4]);
    expect(filterEvents(events, { text: 'limit', state: 'all' }).map((e) => e.seq)).toEqual([5]);
  });
  it('keeps one state', () => {
    expect(filterEvents(events, { text: '', state: 'pending' }).map((e) => e.seq)).toEqual([1, 2]);
    expect(filterEvents(events, { text: 'slow', state: 'cancelled' }).map((e) => e.seq)).toEqual([4]);
  });
});

describe('visibleRows', () => {
  it('draws the rows in view plus the overscan, within the list', () => {
    expect(visibleRows(1000, 0, 100, 20, 5)).toEqual({ first: 0, last: 10 });
    expect(visibleRows(1000, 400, 100, 20, 5)).toEqual({ first: 15, last: 30 });
    expect(visibleRows(12, 400, 100, 20, 5)).toEqual({ first: 12, last: 12 });
  });
});
