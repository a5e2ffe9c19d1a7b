/** The coroutine of `fail`: raises `error(message)`, after `after` seconds (docs/run-semantics.md, coroutine kinds). */
import { sleep } from '../../loop';
import { NamedError } from '../../runtime/error-info';
import { awaitArguments, type KindRunner } from '../runner';

export const runner: KindRunner<'fail'> = {
  *run(params, ctx) {
    yield* awaitArguments(ctx);
    const after = params.after ?? 0;
    if (after > 0) yield* sleep(after);
    throw new NamedError(params.error ?? 'RuntimeError', params.message ?? '');
  },
};
