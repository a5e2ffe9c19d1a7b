/** `sleep` in the exported programs: `await asyncio.sleep(seconds)`, `await sleep(seconds, signal)`. */
import type { JsonValue } from '../../graph/types';
import { pyLiteral, pyNumber } from '../../codegen/python-literal';
import { tsLiteral, tsNumber } from '../../codegen/typescript-literal';
import type { KindExporter } from '../exporter';

export const exporter: KindExporter<'sleep'> = {
  python(params, ctx) {
    const hasResult = 'result' in params && params.result !== undefined;
    const returns = hasResult
      ? pyLiteral(params.result as JsonValue)
      : ctx.argIds.length > 0
        ? 'args[0]'
        : 'None';
    return [
      ...ctx.awaitArguments(!hasResult),
      `await asyncio.sleep(${pyNumber(params.seconds)})`,
      `return ${returns}`,
    ];
  },
  typescript(params, ctx) {
    ctx.use('sleep');
    const hasResult = 'result' in params && params.result !== undefined;
    const returns = hasResult
      ? tsLiteral(params.result as JsonValue)
      : ctx.argIds.length > 0
        ? 'arg0'
        : 'null';
    return [
      ...ctx.awaitArguments(new Set(hasResult ? [] : [0])),
      `await sleep(${tsNumber(params.seconds)}, signal);`,
      `return ${returns};`,
    ];
  },
};
