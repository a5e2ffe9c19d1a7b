/** The coroutine of `transform`: JavaScript or JMESPath over the arguments (docs/run-semantics.md, coroutine kinds). */
import { transformNode } from '../../runtime/kinds/transform';
import { awaitArguments, type KindRunner } from '../runner';

export const runner: KindRunner<'transform'> = {
  *run(params, ctx) {
    return transformNode(params, yield* awaitArguments(ctx), ctx.services.sandbox);
  },
};
