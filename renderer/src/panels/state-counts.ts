/** How many of the graph's nodes are in each state (a node the run has not reached is idle). */
import type { NodeState } from '../../../shared/runtime/types';

export function countStates(nodeIds: readonly string[], states: Readonly<Record<string, NodeState>>): Record<NodeState, number> {
  const counts: Record<NodeState, number> = { idle: 0, pending: 0, running: 0, done: 0, failed: 0, cancelled: 0 };
  for (const id of nodeIds) counts[states[id] ?? 'idle'] += 1;
  return counts;
}
