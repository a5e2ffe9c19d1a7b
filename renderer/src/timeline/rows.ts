/**
 * The timeline's rows and geometry, free of the DOM: one row per node that got a task, with the loop
 * times it was created, started and ended; the time ↔ pixel scale; which rows a scrolled view shows.
 */
import { noStateCounts, type NodeState, type StateEvent } from '../../../shared/runtime/types';
import { inOrder } from './replay';

export interface TimelineRow {
  node: string;
  /** First `pending` (task created); null when the first event seen was already past it. */
  created: number | null;
  /** First `running`. */
  started: number | null;
  /** First done/failed/cancelled. */
  ended: number | null;
  /** The last state the events give the node. */
  state: NodeState;
}

const ENDED: ReadonlySet<NodeState> = new Set(['done', 'failed', 'cancelled']);

/**
 * The timeline's rows: one per node with at least one event, in the order the nodes first changed
 * state, for a run whose events keep arriving. `update` takes the events array the store holds
 * after each batch and, when it continues the one taken before (the store appends to it), works
 * through only the new events. A live run's timeline then costs each frame its own events, where
 * rebuilding every row cost a pass over all of the run's events so far. Rows are updated in place.
 */
export class TimelineRows {
  /** In the order the nodes first changed state. */
  readonly rows: TimelineRow[] = [];
  /** Loop time of the latest event (0 for none). */
  end = 0;
  /** How many rows are in each state. */
  readonly counts: Record<NodeState, number> = noStateCounts();
  private readonly byNode = new Map<string, TimelineRow>();
  private taken: readonly StateEvent[] = [];
  private lastSeq = -Infinity;

  /** Brings the rows up to `events`; false when they were already. */
  update(events: readonly StateEvent[]): boolean {
    const from = this.taken.length;
    if (events === this.taken) return false;
    const continues =
      events.length >= from &&
      (from === 0 || (events[0] === this.taken[0] && events[from - 1] === this.taken[from - 1]));
    this.taken = events;
    if (continues && this.inOrderFrom(events, from)) {
      for (let index = from; index < events.length; index += 1) this.take(events[index] as StateEvent);
      return events.length > from;
    }
    // Another run, or events that arrived out of order: all again, in the order they happened.
    this.rows.length = 0;
    this.byNode.clear();
    this.end = 0;
    this.lastSeq = -Infinity;
    for (const state in this.counts) this.counts[state as NodeState] = 0;
    for (const event of inOrder(events)) this.take(event);
    return true;
  }

  private inOrderFrom(events: readonly StateEvent[], from: number): boolean {
    let last = this.lastSeq;
    for (let index = from; index < events.length; index += 1) {
      const seq = (events[index] as StateEvent).seq;
      if (seq < last) return false;
      last = seq;
    }
    return true;
  }

  private take(event: StateEvent): void {
    let row = this.byNode.get(event.node);
    if (!row) {
      row = { node: event.node, created: null, started: null, ended: null, state: event.state };
      this.byNode.set(event.node, row);
      this.rows.push(row);
    } else {
      this.counts[row.state] -= 1;
    }
    this.counts[event.state] += 1;
    row.state = event.state;
    if (event.state === 'pending' && row.created === null) row.created = event.t;
    else if (event.state === 'running' && row.started === null) row.started = event.t;
    else if (ENDED.has(event.state) && row.ended === null) row.ended = event.t;
    if (event.t > this.end) this.end = event.t;
    this.lastSeq = event.seq;
  }
}

/** Where a row's bar begins: its creation, else whatever came first. */
export function rowStart(row: TimelineRow): number {
  return row.created ?? row.started ?? row.ended ?? 0;
}

export interface TimeScale {
  /** Loop seconds shown across the plot. */
  duration: number;
  /** Pixel x of t = 0 and the plot's width in pixels. */
  left: number;
  width: number;
}

export function timeToX(scale: TimeScale, t: number): number {
  return scale.left + (scale.duration > 0 ? (t / scale.duration) * scale.width : 0);
}

/** Inverse of timeToX, clamped to [0, duration]. */
export function xToTime(scale: TimeScale, x: number): number {
  if (scale.width <= 0 || scale.duration <= 0) return 0;
  const t = ((x - scale.left) / scale.width) * scale.duration;
  return Math.min(scale.duration, Math.max(0, t));
}

/** Rows [first, end) that intersect a view of `height` px scrolled by `scrollTop` px. */
export function visibleRows(
  count: number,
  rowHeight: number,
  scrollTop: number,
  height: number,
): { first: number; end: number } {
  if (count === 0 || rowHeight <= 0) return { first: 0, end: 0 };
  const first = Math.max(0, Math.min(count, Math.floor(scrollTop / rowHeight)));
  const end = Math.max(first, Math.min(count, Math.ceil((scrollTop + height) / rowHeight)));
  return { first, end };
}

/** The row under a y offset within the scrolled content, or null. */
export function rowAt(count: number, rowHeight: number, y: number): number | null {
  const index = Math.floor(y / rowHeight);
  return index >= 0 && index < count ? index : null;
}

/** Axis ticks: a round step (1, 2 or 5 × 10^k seconds) giving about `target` ticks over the duration. */
export function axisTicks(duration: number, target = 8): number[] {
  if (!(duration > 0)) return [0];
  const raw = duration / target;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const ticks: number[] = [];
  for (let i = 0; i * step <= duration + step * 1e-9; i += 1) ticks.push(Number((i * step).toPrecision(12)));
  return ticks;
}

/** The smallest 1, 2 or 5 × 10^k at or above `t`: a live axis grows in steps instead of every frame. */
export function niceCeil(t: number): number {
  if (!(t > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(t));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= t * (1 - 1e-12)) ?? 10 * power;
  return Number(step.toPrecision(12));
}
