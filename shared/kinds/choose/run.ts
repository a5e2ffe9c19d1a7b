/** The coroutine of `choose`: awaits its subject, then only the branch its condition picks (docs/run-semantics.md). */
// Not the transform index: that loads the QuickJS sandbox, which only JavaScript runs need.
import { evaluateJmespath } from '../../runtime/transform/jmespath';
import { TransformError } from '../../runtime/transform/transform-error';
import type { KindRunner } from '../runner';
import { pythonTruthy } from './truthy';

export const runner: KindRunner<'choose'> = {
  usesSandbox: (params) => (params.language ?? 'jmespath') === 'javascript',
  *run(params, ctx) {
    const [subjectId, thenId, elseId] = ctx.argIds;
    const subject = yield* ctx.demand(subjectId!);
    let holds: boolean;
    if ((params.language ?? 'jmespath') === 'jmespath') {
      holds = pythonTruthy(evaluateJmespath(params.condition, [subject]));
    } else {
      const { sandbox } = ctx.services;
      if (sandbox === null) throw new TransformError('no JavaScript sandbox is available in this run');
      holds = pythonTruthy(sandbox.runJavaScript(params.condition, [subject]));
    }
    const branch = holds ? thenId : elseId;
    // Without an else branch, a condition that does not hold gives null (Python's None).
    return branch === undefined ? null : yield* ctx.demand(branch);
  },
};
