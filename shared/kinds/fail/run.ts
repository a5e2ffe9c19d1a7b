/** The coroutine of `fail`: raises `error(message)`, after `after` seconds (docs/run-semantics.md, coroutine kinds). */
import { failNode } from '../../runtime/kinds/coroutines';
import { awaitArguments, type KindRunner } from '../runner';

export const runner: KindRunner<'fail'> = {
  *run(params, ctx) {
    yield* awaitArguments(ctx);
    return yield* failNode(params);
  },
};
