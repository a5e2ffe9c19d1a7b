/**
 * The combinator kinds (docs/run-semantics.md): each demands all its arguments at once, in
 * order, and combines the tasks exactly as the Python meaning in docs/run-semantics.md says.
 */
import { asCompleted, gather, race, shield, wait, waitFor, type Coro, type Future } from '../../loop';
import type { GatherParams, JsonValue, WaitParams, WaitForParams } from '../../graph/types';
import { toErrorInfo } from '../error-info';

export type Demand = (nodeId: string) => Future<JsonValue>;

/** `[await t for t in ts]`, each argument demanded only when reached. */
export function* sequenceNode(argIds: readonly string[], demand: Demand): Coro<JsonValue> {
  const results: JsonValue[] = [];
  for (const id of argIds) results.push(yield* demand(id));
  return results;
}

/** `list(await asyncio.gather(*ts, return_exceptions=...))`; a returned exception becomes `{"error": …}`. */
export function* gatherNode(params: GatherParams, tasks: Future<JsonValue>[]): Coro<JsonValue> {
  const returnExceptions = params.returnExceptions ?? false;
  const results = yield* gather(tasks, { returnExceptions });
  if (!returnExceptions) return results as JsonValue[];
  return results.map((value, i) =>
    tasks[i]!.cancelled() || tasks[i]!.failed() ? { error: { ...toErrorInfo(value) } } : (value as JsonValue),
  );
}

/** `done, pending = await asyncio.wait(ts, …)`; the results of the done tasks in argument order. */
export function* waitNode(params: WaitParams, tasks: Future<JsonValue>[]): Coro<JsonValue> {
  const [done] = yield* wait(tasks, {
    timeout: params.timeout ?? null,
    returnWhen: params.returnWhen ?? 'ALL_COMPLETED',
  });
  const results: JsonValue[] = [];
  for (const t of tasks) if (done.has(t as Future<unknown>)) results.push(t.result());
  return results;
}

/** `await asyncio.wait_for(t, timeout)`. */
export function* waitForNode(params: WaitForParams, tasks: Future<JsonValue>[]): Coro<JsonValue> {
  return yield* waitFor(tasks[0]!, params.timeout);
}

/** The first to finish wins (ties: lowest input); the rest are cancelled. */
export function* raceNode(tasks: Future<JsonValue>[]): Coro<JsonValue> {
  return yield* race(tasks);
}

/** `[await f for f in asyncio.as_completed(ts)]`: results in the order they arrive. */
export function* asCompletedNode(tasks: Future<JsonValue>[]): Coro<JsonValue> {
  const results: JsonValue[] = [];
  for (const next of asCompleted(tasks)) results.push(yield* next);
  return results;
}

/** `await asyncio.shield(t)`. */
export function* shieldNode(tasks: Future<JsonValue>[]): Coro<JsonValue> {
  return yield* shield(tasks[0]!);
}
