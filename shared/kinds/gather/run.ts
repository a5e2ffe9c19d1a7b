/** The coroutine of `gather`: `list(await asyncio.gather(*ts, return_exceptions=…))` (docs/run-semantics.md). */
import { gatherNode } from '../../runtime/kinds/combinators';
import { demandAll, type KindRunner } from '../runner';

export const runner: KindRunner<'gather'> = {
  *run(params, ctx) {
    return yield* gatherNode(params, demandAll(ctx));
  },
};
