/** One coroutine per node, as its kind's run.ts (shared/kinds/) says (docs/run-semantics.md). */
import type { Coro } from '../loop';
import type { GraphNode, JsonValue, NodeKind } from '../graph/types';
import type { Demand, KindRunner, NodeServices, RunContext } from '../kinds/runner';
import { KIND_RUNNERS } from '../kinds/runners';

export type { Demand, NodeServices } from '../kinds/runner';

export function nodeCoroutine(
  node: GraphNode,
  argIds: readonly string[],
  demand: Demand,
  services: NodeServices,
): Coro<JsonValue> {
  const ctx: RunContext = { nodeId: node.id, argIds, demand, services };
  return (KIND_RUNNERS[node.kind] as KindRunner<NodeKind>).run(node.params, ctx);
}
