/** `race` in the exported programs: asyncio.wait(FIRST_COMPLETED) then cancel the rest, or the runtime's race. */
import type { KindExporter } from '../exporter';

export const exporter: KindExporter<'race'> = {
  python: (_params, ctx) => [
    `tasks = [${ctx.demands()}]`,
    'done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)',
    'winner = next(task for task in tasks if task in done)  # ties: the lowest input wins',
    'for task in tasks:',
    '    if task in pending:',
    '        task.cancel()',
    'return winner.result()',
  ],
  // The runtime's race is a wait for the first to finish.
  typescriptPlan: (_params, plan) => plan.waitMode('FIRST_COMPLETED'),
  typescript(_params, ctx) {
    ctx.use('race');
    return ctx.combinatorCall('return await ', 'race');
  },
};
