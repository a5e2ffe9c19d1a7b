/**
 * `input` in the exported programs: the file reads the workflow's inputs from its command line
 * (`--NAME JSON`; Python with argparse, TypeScript with the runtime's readInputs) before the run,
 * and the node returns its value, as `async def user(): return INPUTS["user"]`.
 */
import { pyString } from '../../codegen/python-literal';
import { tsString } from '../../codegen/typescript-literal';
import type { KindExporter } from '../exporter';

export const exporter: KindExporter<'input'> = {
  python(params, ctx) {
    ctx.input(ctx.nodeId, params);
    return [`return INPUTS[${pyString(ctx.nodeId)}]`];
  },
  typescript(params, ctx) {
    ctx.input(ctx.nodeId, params);
    return [`return INPUTS[${tsString(ctx.nodeId)}]!;`];
  },
};
