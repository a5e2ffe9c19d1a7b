/** The coroutine of `sequence`: `[await t for t in ts]`, each argument demanded only when reached (docs/run-semantics.md). */
import { sequenceNode } from '../../runtime/kinds/combinators';
import type { KindRunner } from '../runner';

export const runner: KindRunner<'sequence'> = {
  run: (_params, ctx) => sequenceNode(ctx.argIds, ctx.demand),
};
