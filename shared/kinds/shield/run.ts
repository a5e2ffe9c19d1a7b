/** The coroutine of `shield`: `await asyncio.shield(ts[0])` (docs/run-semantics.md). */
import { shield } from '../../loop';
import { demandAll, type KindRunner } from '../runner';

export const runner: KindRunner<'shield'> = {
  *run(_params, ctx) {
    return yield* shield(demandAll(ctx)[0]!);
  },
};
