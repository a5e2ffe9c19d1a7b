/** The coroutine of `race`: the first argument to finish wins (ties: lowest input); the rest are cancelled (docs/run-semantics.md). */
import { race } from '../../loop';
import { demandAll, type KindRunner } from '../runner';

export const runner: KindRunner<'race'> = {
  *run(_params, ctx) {
    return yield* race(demandAll(ctx));
  },
};
