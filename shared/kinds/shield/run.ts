/** The coroutine of `shield`: `await asyncio.shield(ts[0])` (docs/run-semantics.md). */
import { shieldNode } from '../../runtime/kinds/combinators';
import { demandAll, type KindRunner } from '../runner';

export const runner: KindRunner<'shield'> = {
  *run(_params, ctx) {
    return yield* shieldNode(demandAll(ctx));
  },
};
