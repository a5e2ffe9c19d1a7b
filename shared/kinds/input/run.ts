/** The coroutine of `input`: returns the value the run was given for it, else its default (docs/run-semantics.md). */
import { NamedError } from '../../runtime/error-info';
import type { KindRunner } from '../runner';

export const runner: KindRunner<'input'> = {
  // A plain coroutine with no await, as `async def user(): return INPUTS["user"]`.
  // eslint-disable-next-line require-yield
  *run(params, ctx) {
    const given = ctx.services.inputs;
    if (given !== undefined && Object.hasOwn(given, ctx.nodeId)) return given[ctx.nodeId]!;
    if (params.default !== undefined) return params.default;
    // Refused before the run by inputProblems (shared/graph/inputs.ts); kept for callers that skip it.
    throw new NamedError('KeyError', `'${ctx.nodeId}'`);
  },
};
