/** `shield` in the exported programs: asyncio.shield, or the runtime's shield. */
import type { KindExporter } from '../exporter';

export const exporter: KindExporter<'shield'> = {
  python: (_params, ctx) => [`return await asyncio.shield(${ctx.demands()})`],
  typescript(_params, ctx) {
    ctx.use('shield');
    return [`return await shield(demand(${ctx.name(ctx.argIds[0] as string)}), signal);`];
  },
};
