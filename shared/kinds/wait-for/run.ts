/** The coroutine of `wait_for`: `await asyncio.wait_for(ts[0], timeout)` (docs/run-semantics.md). */
import { waitFor } from '../../loop';
import { demandAll, type KindRunner } from '../runner';

export const runner: KindRunner<'wait_for'> = {
  *run(params, ctx) {
    return yield* waitFor(demandAll(ctx)[0]!, params.timeout);
  },
};
