/** The coroutine of `as_completed`: `[await f for f in asyncio.as_completed(ts)]`, results as they arrive (docs/run-semantics.md). */
import type { JsonValue } from '../../graph/json-value';
import { asCompleted } from '../../loop';
import { demandAll, type KindRunner } from '../runner';

export const runner: KindRunner<'as_completed'> = {
  *run(_params, ctx) {
    const results: JsonValue[] = [];
    for (const next of asCompleted(demandAll(ctx))) results.push(yield* next);
    return results;
  },
};
