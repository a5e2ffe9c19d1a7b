/** The coroutine of `wait`: `asyncio.wait(ts, timeout=…, return_when=…)`, the done results in input order (docs/run-semantics.md). */
import type { JsonValue } from '../../graph/json-value';
import { wait, type Future } from '../../loop';
import { demandAll, type KindRunner } from '../runner';

export const runner: KindRunner<'wait'> = {
  *run(params, ctx) {
    const tasks = demandAll(ctx);
    const [done] = yield* wait(tasks, {
      timeout: params.timeout ?? null,
      returnWhen: params.returnWhen ?? 'ALL_COMPLETED',
    });
    const results: JsonValue[] = [];
    for (const t of tasks) if (done.has(t as Future<unknown>)) results.push(t.result());
    return results;
  },
};
