/** The coroutine of `sequence`: `[await t for t in ts]`, each argument demanded only when reached (docs/run-semantics.md). */
import type { JsonValue } from '../../graph/json-value';
import type { KindRunner } from '../runner';

export const runner: KindRunner<'sequence'> = {
  *run(_params, ctx) {
    const results: JsonValue[] = [];
    for (const id of ctx.argIds) results.push(yield* ctx.demand(id));
    return results;
  },
};
