/**
 * The coroutine of `transform`: JavaScript or JMESPath over the arguments (docs/run-semantics.md,
 * coroutine kinds). JavaScript runs synchronously in the sandbox, inside the node's task step: a
 * transform that computes holds the loop, exactly as CPU-bound code holds asyncio's.
 */
// Not the transform index: that loads the QuickJS sandbox, which only JavaScript runs need.
import { evaluateJmespath } from '../../runtime/transform/jmespath';
import { TransformError } from '../../runtime/transform/transform-error';
import { awaitArguments, type KindRunner } from '../runner';

export const runner: KindRunner<'transform'> = {
  usesSandbox: (params) => (params.language ?? 'javascript') === 'javascript',
  *run(params, ctx) {
    const args = yield* awaitArguments(ctx);
    if ((params.language ?? 'javascript') === 'jmespath') return evaluateJmespath(params.code, args);
    const { sandbox } = ctx.services;
    if (sandbox === null) throw new TransformError('no JavaScript sandbox is available in this run');
    return sandbox.runJavaScript(params.code, args);
  },
};
