/**
 * One node's part of a run, for the inspector: the state events it went through and its times. While
 * a run goes on its events only grow, so the index reads each new event once per store update, however
 * many there are (a large graph streams tens of thousands a second), never the whole list again.
 */
import type { NodeReport, NodeState, StateEvent } from '../../../shared/runtime/types';

export interface NodeTimes {
  createdAt: number | null;
  startedAt: number | null;
  endedAt: number | null;
}

const NO_EVENTS: readonly StateEvent[] = [];

/** Each node's events of one run's event list, kept up to date as the list grows. */
export class NodeEventIndex {
  private source: readonly StateEvent[] = NO_EVENTS;
  private scanned = 0;
  private byNode = new Map<string, readonly StateEvent[]>();

  /**
   * The node's events in `events`, in the order they happened. The same array as last time while
   * the node got no new event, so a React selector on it re-renders only when the node changed.
   */
  eventsOf(events: readonly StateEvent[], node: string): readonly StateEvent[] {
    this.catchUp(events);
    return this.byNode.get(node) ?? NO_EVENTS;
  }

  private catchUp(events: readonly StateEvent[]): void {
    if (events === this.source) return;
    const grew =
      events.length >= this.scanned &&
      (this.scanned === 0 || events[this.scanned - 1] === this.source[this.scanned - 1]);
    if (!grew) {
      // Another run, or the final report's list: start over.
      this.byNode = new Map();
      this.scanned = 0;
    }
    const added = new Map<string, StateEvent[]>();
    for (let i = this.scanned; i < events.length; i++) {
      const event = events[i] as StateEvent;
      const list = added.get(event.node);
      if (list) list.push(event);
      else added.set(event.node, [event]);
    }
    for (const [node, list] of added) {
      const merged = [...(this.byNode.get(node) ?? NO_EVENTS), ...list];
      this.byNode.set(
        node,
        merged.sort((a, b) => a.seq - b.seq),
      );
    }
    this.source = events;
    this.scanned = events.length;
  }
}

/** Times as the events tell them: created at `pending`, started at `running`, ended at done/failed/cancelled. */
export function timesFromEvents(events: readonly StateEvent[]): NodeTimes {
  const times: NodeTimes = { createdAt: null, startedAt: null, endedAt: null };
  for (const event of events) {
    if (event.state === 'pending') times.createdAt ??= event.t;
    else if (event.state === 'running') times.startedAt ??= event.t;
    else times.endedAt ??= event.t;
  }
  return times;
}

/** The node's state: the report's once the run ended, else its last event's, else idle. */
export function stateOf(report: NodeReport | undefined, events: readonly StateEvent[]): NodeState {
  return report?.state ?? events[events.length - 1]?.state ?? 'idle';
}

/** The report's times when there is one, else the events' so far. */
export function timesOf(report: NodeReport | undefined, events: readonly StateEvent[]): NodeTimes {
  return report
    ? { createdAt: report.createdAt, startedAt: report.startedAt, endedAt: report.endedAt }
    : timesFromEvents(events);
}

/** Loop seconds for people: up to millisecond precision, no trailing zeros; a dash for none. */
export function loopSeconds(t: number | null): string {
  return t === null ? '—' : `${Number(t.toFixed(3))} s`;
}

/** How long the task lived, from its creation to its end (null while it has not ended). */
export function lifetime(times: NodeTimes): number | null {
  if (times.endedAt === null) return null;
  const from = times.createdAt ?? times.startedAt;
  return from === null ? null : times.endedAt - from;
}
