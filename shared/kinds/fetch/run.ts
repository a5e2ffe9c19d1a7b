/** The coroutine of `fetch`: one HTTP request, placeholders filled from the arguments (docs/run-semantics.md, coroutine kinds). */
import { NamedError } from '../../runtime/error-info';
import { fetchNode } from '../../runtime/kinds/fetch';
import { awaitArguments, type KindRunner } from '../runner';

export const runner: KindRunner<'fetch'> = {
  *run(params, ctx) {
    const args = yield* awaitArguments(ctx);
    const { http, loop, maxResponseBytes } = ctx.services;
    if (http === null)
      throw new NamedError('RuntimeError', `fetch node ${ctx.nodeId} has no HTTP client in this run`);
    return yield* fetchNode(params, args, { loop, http, maxResponseBytes });
  },
};
