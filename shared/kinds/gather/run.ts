/** The coroutine of `gather`: `list(await asyncio.gather(*ts, return_exceptions=…))` (docs/run-semantics.md). */
import type { JsonValue } from '../../graph/json-value';
import { gather } from '../../loop';
import { toErrorInfo } from '../../runtime/error-info';
import { demandAll, type KindRunner } from '../runner';

export const runner: KindRunner<'gather'> = {
  *run(params, ctx) {
    const tasks = demandAll(ctx);
    const returnExceptions = params.returnExceptions ?? false;
    const results = yield* gather(tasks, { returnExceptions });
    if (!returnExceptions) return results as JsonValue[];
    // A returned exception becomes `{"error": …}`.
    return results.map((value, i) =>
      tasks[i]!.cancelled() || tasks[i]!.failed()
        ? { error: { ...toErrorInfo(value) } }
        : (value as JsonValue),
    );
  },
};
