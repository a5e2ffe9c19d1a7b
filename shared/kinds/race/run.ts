/** The coroutine of `race`: the first argument to finish wins (ties: lowest input); the rest are cancelled (docs/run-semantics.md). */
import { raceNode } from '../../runtime/kinds/combinators';
import { demandAll, type KindRunner } from '../runner';

export const runner: KindRunner<'race'> = {
  *run(_params, ctx) {
    return yield* raceNode(demandAll(ctx));
  },
};
