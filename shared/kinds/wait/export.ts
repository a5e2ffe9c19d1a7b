/** `wait` in the exported programs: asyncio.wait, or the runtime's wait; the done results in input order. */
import { pyNumber } from '../../codegen/python-literal';
import { tsNumber, tsString } from '../../codegen/typescript-literal';
import type { KindExporter } from '../exporter';

export const exporter: KindExporter<'wait'> = {
  python(params, ctx) {
    const options: string[] = [];
    if (params.timeout !== undefined && params.timeout !== null)
      options.push(`timeout=${pyNumber(params.timeout)}`);
    const when = params.returnWhen ?? 'ALL_COMPLETED';
    if (when !== 'ALL_COMPLETED') options.push(`return_when=asyncio.${when}`);
    return [
      `tasks = [${ctx.demands()}]`,
      `done, pending = await asyncio.wait(${['tasks', ...options].join(', ')})`,
      'return [task.result() for task in tasks if task in done]',
    ];
  },
  typescriptPlan(params, plan) {
    plan.waitMode(params.returnWhen ?? 'ALL_COMPLETED');
    if (params.timeout !== undefined && params.timeout !== null) plan.waitTimeout();
  },
  typescript(params, ctx) {
    ctx.use('wait');
    const options = ['signal'];
    if (ctx.waitModes.size > 1) options.push(tsString(params.returnWhen ?? 'ALL_COMPLETED'));
    if (params.timeout !== undefined && params.timeout !== null) options.push(tsNumber(params.timeout));
    return [
      ...ctx.combinatorCall('const done = await ', 'wait', options),
      'return done.map((task) => task.result());',
    ];
  },
};
