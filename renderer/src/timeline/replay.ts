/**
 * Replaying a finished (or running) run: every node's state at a loop time, derived from the run's
 * recorded state events. A node with no event at or before `t` is idle (not yet demanded).
 */
import type { NodeState, StateEvent } from '../../../shared/runtime/types';

/** Events in the order they happened (seq), whatever order they arrived in; as they are when already so (the usual case). */
export function inOrder(events: readonly StateEvent[]): readonly StateEvent[] {
  for (let i = 1; i < events.length; i++) {
    if ((events[i] as StateEvent).seq < (events[i - 1] as StateEvent).seq)
      return [...events].sort((a, b) => a.seq - b.seq);
  }
  return events;
}

/**
 * Each node's state at loop time `t`: its last event with `event.t <= t`. Events at exactly `t`
 * count as having happened, so scrubbing to a task's end time shows it ended.
 */
export function statesAt(events: readonly StateEvent[], t: number): Record<string, NodeState> {
  const states: Record<string, NodeState> = {};
  for (const event of inOrder(events)) {
    if (event.t <= t) states[event.node] = event.state;
  }
  return states;
}
