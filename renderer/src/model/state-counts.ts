/** How many of the graph's nodes are in each state (a node the run has not reached is idle). */
import { noStateCounts, type NodeState } from '../../../shared/runtime/types';

export function countStates(
  nodeIds: readonly string[],
  states: Readonly<Record<string, NodeState>>,
): Record<NodeState, number> {
  const counts = noStateCounts();
  for (const id of nodeIds) counts[states[id] ?? 'idle'] += 1;
  return counts;
}
