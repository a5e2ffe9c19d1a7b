/** `fail` in the exported programs: sleeps `after` seconds when > 0, then raises (throws) the error. */
import { pyNumber, pyString } from '../../codegen/python-literal';
import { tsNumber, tsString } from '../../codegen/typescript-literal';
import type { KindExporter } from '../exporter';

export const exporter: KindExporter<'fail'> = {
  python(params, ctx) {
    const after = params.after ?? 0;
    ctx.raises(params.error ?? 'RuntimeError');
    const raise = `raise ${params.error ?? 'RuntimeError'}(${pyString(params.message ?? '')})`;
    return [
      ...ctx.awaitArguments(false),
      ...(after > 0 ? [`await asyncio.sleep(${pyNumber(after)})`] : []),
      raise,
    ];
  },
  typescript(params, ctx) {
    ctx.use('errorNamed');
    const after = params.after ?? 0;
    if (after > 0) ctx.use('sleep');
    const error = `throw errorNamed(${tsString(params.error ?? 'RuntimeError')}, ${tsString(params.message ?? '')});`;
    return [
      ...ctx.awaitArguments(new Set()),
      ...(after > 0 ? [`await sleep(${tsNumber(after)}, signal);`] : []),
      error,
    ];
  },
};
