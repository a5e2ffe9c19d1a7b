/**
 * The timeline's rows and geometry, free of the DOM: one row per node that got a task, with the loop
 * times it was created, started and ended; the time ↔ pixel scale; which rows a scrolled view shows.
 */
import type { NodeState, StateEvent } from '../../../shared/runtime/types';
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

/** One row per node with at least one event, in the order the nodes first changed state. */
export function buildRows(events: readonly StateEvent[]): TimelineRow[] {
  const rows = new Map<string, TimelineRow>();
  for (const event of inOrder(events)) {
    let row = rows.get(event.node);
    if (!row) {
      row = { node: event.node, created: null, started: null, ended: null, state: event.state };
      rows.set(event.node, row);
    }
    row.state = event.state;
    if (event.state === 'pending' && row.created === null) row.created = event.t;
    else if (event.state === 'running' && row.started === null) row.started = event.t;
    else if (ENDED.has(event.state) && row.ended === null) row.ended = event.t;
  }
  return [...rows.values()];
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
export function visibleRows(count: number, rowHeight: number, scrollTop: number, height: number): { first: number; end: number } {
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
