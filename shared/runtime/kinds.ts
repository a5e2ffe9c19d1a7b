/** One coroutine per node, as its kind's run.ts (shared/kinds/) says (docs/run-semantics.md). */
import type { Coro } from '../loop';
import type { Graph, GraphNode, JsonValue, NodeKind } from '../graph/types';
import type { Demand, KindRunner, NodeServices, RunContext } from '../kinds/runner';
import { KIND_RUNNERS } from '../kinds/runners';
import { withRetries } from './retry';

export type { Demand, NodeServices } from '../kinds/runner';

/** Whether some node of `graph` runs JavaScript, as its kind's runner says: the run then needs the sandbox. */
export function graphNeedsSandbox(graph: Graph): boolean {
  return graph.nodes.some(
    (node) => (KIND_RUNNERS[node.kind] as KindRunner<NodeKind>).usesSandbox?.(node.params) === true,
  );
}

export function nodeCoroutine(
  node: GraphNode,
  argIds: readonly string[],
  demand: Demand,
  services: NodeServices,
): Coro<JsonValue> {
  const ctx: RunContext = { nodeId: node.id, argIds, demand, services };
  const runner = KIND_RUNNERS[node.kind] as KindRunner<NodeKind>;
  const { retry } = node;
  if (retry === undefined) return runner.run(node.params, ctx);
  return withRetries(
    retry,
    () => runner.run(node.params, ctx),
    (notice) => services.onRetry?.(node.id, notice),
  );
}
