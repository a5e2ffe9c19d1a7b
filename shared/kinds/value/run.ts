/** The coroutine of `value`: returns a constant (docs/run-semantics.md, coroutine kinds). */
import { awaitArguments, type KindRunner } from '../runner';

export const runner: KindRunner<'value'> = {
  *run(params, ctx) {
    yield* awaitArguments(ctx);
    return params.value;
  },
};
