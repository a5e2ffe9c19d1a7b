/** `value` in the exported programs: awaits its arguments, returns the constant. */
import { pyLiteral } from '../../codegen/python-literal';
import { tsLiteral } from '../../codegen/typescript-literal';
import type { KindExporter } from '../exporter';

export const exporter: KindExporter<'value'> = {
  python: (params, ctx) => [...ctx.awaitArguments(false), `return ${pyLiteral(params.value)}`],
  typescript: (params, ctx) => [...ctx.awaitArguments(new Set()), `return ${tsLiteral(params.value)};`],
};
