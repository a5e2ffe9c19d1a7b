/** The coroutine of `wait`: `asyncio.wait(ts, timeout=…, return_when=…)`, the done results in input order (docs/run-semantics.md). */
import { waitNode } from '../../runtime/kinds/combinators';
import { demandAll, type KindRunner } from '../runner';

export const runner: KindRunner<'wait'> = {
  *run(params, ctx) {
    return yield* waitNode(params, demandAll(ctx));
  },
};
