/** The coroutine of `wait_for`: `await asyncio.wait_for(ts[0], timeout)` (docs/run-semantics.md). */
import { waitForNode } from '../../runtime/kinds/combinators';
import { demandAll, type KindRunner } from '../runner';

export const runner: KindRunner<'wait_for'> = {
  *run(params, ctx) {
    return yield* waitForNode(params, demandAll(ctx));
  },
};
