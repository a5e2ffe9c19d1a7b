/** `wait_for` in the exported programs: asyncio.wait_for, or the runtime's waitFor (a plain await without a timeout). */
import { pyNumber } from '../../codegen/python-literal';
import { tsNumber } from '../../codegen/typescript-literal';
import type { KindExporter } from '../exporter';

export const exporter: KindExporter<'wait_for'> = {
  python(params, ctx) {
    const timeout = params.timeout === null ? 'None' : pyNumber(params.timeout);
    return [`return await asyncio.wait_for(${ctx.demands()}, timeout=${timeout})`];
  },
  typescript(params, ctx) {
    const timeout = params.timeout;
    const argument = ctx.name(ctx.argIds[0] as string);
    if (timeout === null) {
      ctx.use('need');
      return [`return await need(${argument}, signal);`];
    }
    ctx.use('waitFor');
    return [`return await waitFor(demand(${argument}), ${tsNumber(timeout)}, signal);`];
  },
};
