/** The coroutine of `as_completed`: `[await f for f in asyncio.as_completed(ts)]` (docs/run-semantics.md). */
import { asCompletedNode } from '../../runtime/kinds/combinators';
import { demandAll, type KindRunner } from '../runner';

export const runner: KindRunner<'as_completed'> = {
  *run(_params, ctx) {
    return yield* asCompletedNode(demandAll(ctx));
  },
};
