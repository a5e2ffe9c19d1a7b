/** The coroutine of `sleep`: `await asyncio.sleep(seconds)`, then its result (docs/run-semantics.md, coroutine kinds). */
import { sleep, type Coro } from '../../loop';
import { sleepResult } from '../../runtime/kinds/coroutines';
import type { JsonValue, SleepParams } from '../../graph/types';
import { awaitArguments, type RunContext, type KindRunner } from '../runner';

export const runner: KindRunner<'sleep'> = {
  run(params, ctx) {
    // A sleep with no arguments (a leaf of the graph) is the sleep itself: `await
    // asyncio.sleep(seconds)` then its result. The same steps and events as the generator below,
    // without a generator kept alive per sleeping node.
    if (ctx.argIds.length === 0) return sleep(params.seconds, sleepResult(params, []));
    return sleepAfterArguments(params, ctx);
  },
};

function* sleepAfterArguments(params: SleepParams, ctx: RunContext): Coro<JsonValue> {
  const args = yield* awaitArguments(ctx);
  yield* sleep(params.seconds);
  return sleepResult(params, args);
}
