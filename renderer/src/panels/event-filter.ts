/** Which state events the event log shows: node id containing the text (case-insensitive), and one state or all. */
import type { StateEvent } from '../../../shared/runtime/types';

export type StateFilter = StateEvent['state'] | 'all';

export interface EventFilter {
  text: string;
  state: StateFilter;
}

export function filterEvents(events: readonly StateEvent[], filter: EventFilter): StateEvent[] {
  const text = filter.text.trim().toLowerCase();
  return events.filter(
    (e) =>
      (filter.state === 'all' || e.state === filter.state) &&
      (text === '' || e.node.toLowerCase().includes(text)),
  );
}

/** Rows a virtualised list draws: those in view plus a few either side. */
export function visibleRows(
  count: number,
  scrollTop: number,
  viewHeight: number,
  rowHeight: number,
  overscan = 5,
): { first: number; last: number } {
  const first = Math.min(count, Math.max(0, Math.floor(scrollTop / rowHeight) - overscan));
  const last = Math.min(count, Math.ceil((scrollTop + viewHeight) / rowHeight) + overscan);
  return { first, last: Math.max(first, last) };
}
