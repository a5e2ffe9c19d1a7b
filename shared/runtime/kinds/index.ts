/** One coroutine per node: awaits its arguments as its kind says, then does its work (docs/run-semantics.md). */
import { sleep, type Coro, type EventLoop, type Future } from '../../loop';
import type { GraphNode, JsonValue } from '../../graph/types';
import type { HttpClient, TransformSandbox } from '../services';
import { NamedError } from '../error-info';
import {
  asCompletedNode,
  gatherNode,
  raceNode,
  sequenceNode,
  shieldNode,
  waitForNode,
  waitNode,
  type Demand,
} from './combinators';
import { failNode, sleepResult, valueNode } from './coroutines';
import { fetchNode } from './fetch';
import { transformNode } from './transform';

export type { Demand } from './combinators';

/** What node kinds may use from the run. */
export interface NodeServices {
  loop: EventLoop;
  http: HttpClient | null;
  sandbox: TransformSandbox | null;
  maxResponseBytes: number;
}

/** A coroutine node awaits its arguments one at a time, in order: synchronous code is ordered. */
function* awaitArguments(argIds: readonly string[], demand: Demand): Coro<JsonValue[]> {
  const args: JsonValue[] = [];
  if (argIds.length === 0) return args;
  for (const id of argIds) args.push(yield* demand(id));
  return args;
}

export function nodeCoroutine(
  node: GraphNode,
  argIds: readonly string[],
  demand: Demand,
  services: NodeServices,
): Coro<JsonValue> {
  // A sleep with no arguments (a leaf of the graph) is the sleep itself: `await
  // asyncio.sleep(seconds)` then its result. The same steps and events as the generator below,
  // without a generator kept alive per sleeping node.
  if (node.kind === 'sleep' && argIds.length === 0)
    return sleep(node.params.seconds, sleepResult(node.params, []));
  return nodeGenerator(node, argIds, demand, services);
}

function* nodeGenerator(
  node: GraphNode,
  argIds: readonly string[],
  demand: Demand,
  services: NodeServices,
): Coro<JsonValue> {
  switch (node.kind) {
    case 'value':
      yield* awaitArguments(argIds, demand);
      return valueNode(node.params);
    case 'sleep': {
      const args = yield* awaitArguments(argIds, demand);
      yield* sleep(node.params.seconds);
      return sleepResult(node.params, args);
    }
    case 'fail':
      yield* awaitArguments(argIds, demand);
      return yield* failNode(node.params);
    case 'transform':
      return transformNode(node.params, yield* awaitArguments(argIds, demand), services.sandbox);
    case 'fetch': {
      const args = yield* awaitArguments(argIds, demand);
      if (services.http === null)
        throw new NamedError('RuntimeError', `fetch node ${node.id} has no HTTP client in this run`);
      return yield* fetchNode(node.params, args, {
        loop: services.loop,
        http: services.http,
        maxResponseBytes: services.maxResponseBytes,
      });
    }
    case 'sequence':
      return yield* sequenceNode(argIds, demand);
    default: {
      // The other combinators demand every argument at once, in order.
      const tasks: Future<JsonValue>[] = argIds.map(demand);
      switch (node.kind) {
        case 'gather':
          return yield* gatherNode(node.params, tasks);
        case 'wait':
          return yield* waitNode(node.params, tasks);
        case 'wait_for':
          return yield* waitForNode(node.params, tasks);
        case 'race':
          return yield* raceNode(tasks);
        case 'as_completed':
          return yield* asCompletedNode(tasks);
        case 'shield':
          return yield* shieldNode(tasks);
      }
    }
  }
}
