/** The coroutine kinds that need nothing from outside the loop: value, sleep and fail (docs/run-semantics.md). */
import { sleep, type Coro } from '../../loop';
import type { FailParams, JsonValue, SleepParams, ValueParams } from '../../graph/types';
import { NamedError } from '../error-info';

export function valueNode(params: ValueParams): JsonValue {
  return params.value;
}

/**
 * What a sleep node gives after `await asyncio.sleep(seconds)`: `result` if given, else the
 * first argument, else null. (The sleep itself is awaited inline by the node's coroutine: one
 * generator less per sleep node, which the 10,000-node benchmark notices.)
 */
export function sleepResult(params: SleepParams, args: readonly JsonValue[]): JsonValue {
  if ('result' in params && params.result !== undefined) return params.result;
  return args.length > 0 ? args[0]! : null;
}

/** Sleeps `after` seconds when `after` > 0, then raises `error(message)`. */
export function* failNode(params: FailParams): Coro<JsonValue> {
  const after = params.after ?? 0;
  if (after > 0) yield* sleep(after);
  throw new NamedError(params.error ?? 'RuntimeError', params.message ?? '');
}
