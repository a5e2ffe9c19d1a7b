/** `as_completed` in the exported programs: asyncio.as_completed, or the runtime's asCompleted. */
import type { KindExporter } from '../exporter';

export const exporter: KindExporter<'as_completed'> = {
  python: (_params, ctx) => [
    `return [await next_done for next_done in asyncio.as_completed([${ctx.demands()}])]`,
  ],
  typescript(_params, ctx) {
    ctx.use('asCompleted');
    return ctx.combinatorCall('return await ', 'asCompleted');
  },
};
