/** `sequence` in the exported programs: each argument awaited in turn, into a list. */
import { arrayLines } from '../../codegen/typescript-layout';
import type { KindExporter } from '../exporter';

export const exporter: KindExporter<'sequence'> = {
  python: (_params, ctx) => [
    `return [${ctx.argIds.map((id) => `await demand(${ctx.name(id)})`).join(', ')}]`,
  ],
  typescript(_params, ctx) {
    ctx.use('need');
    return arrayLines(
      ctx.argIds.map((id) => `await need(${ctx.name(id)}, signal)`),
      1,
      'return ',
      ';',
    );
  },
};
