/** The coroutine of `sleep`: `await asyncio.sleep(seconds)`, then its result (docs/run-semantics.md, coroutine kinds). */
import { sleep, type Coro } from '../../loop';
import type { JsonValue } from '../../graph/json-value';
import { awaitArguments, type RunContext, type KindRunner } from '../runner';
import type { SleepParams } from './spec';

export const runner: KindRunner<'sleep'> = {
  run(params, ctx) {
    // A sleep with no arguments (a leaf of the graph) is the sleep itself: `await
    // asyncio.sleep(seconds)` then its result. The same steps and events as the generator below,
    // without a generator kept alive per sleeping node (the 10,000-node benchmark notices).
    if (ctx.argIds.length === 0) return sleep(params.seconds, sleepResult(params, []));
    return sleepAfterArguments(params, ctx);
  },
};

function* sleepAfterArguments(params: SleepParams, ctx: RunContext): Coro<JsonValue> {
  const args = yield* awaitArguments(ctx);
  yield* sleep(params.seconds);
  return sleepResult(params, args);
}

/** What a sleep gives: `result` if given, else the first argument, else null. */
function sleepResult(params: SleepParams, args: readonly JsonValue[]): JsonValue {
  if ('result' in params && params.result !== undefined) return params.result;
  return args.length > 0 ? args[0]! : null;
}
