/** `gather` in the exported programs: asyncio.gather, or the runtime's gather / gatherOutcomes. */
import type { KindExporter } from '../exporter';

export const exporter: KindExporter<'gather'> = {
  python(params, ctx) {
    if (params.returnExceptions === true) {
      ctx.use('errorInfo');
      return [
        `results = await asyncio.gather(${ctx.demands()}, return_exceptions=True)`,
        'return [error_info(result) if isinstance(result, BaseException) else result for result in results]',
      ];
    }
    return [`return list(await asyncio.gather(${ctx.demands()}))`];
  },
  typescript(params, ctx) {
    if (params.returnExceptions === true) {
      ctx.use('gatherOutcomes');
      return ctx.combinatorCall('return await ', 'gatherOutcomes');
    }
    ctx.use('gather');
    return ctx.combinatorCall('return await ', 'gather');
  },
};
