/** `gather`: `list(await asyncio.gather(*ts, return_exceptions=…))` (docs/run-semantics.md). */
import { z } from 'zod';
import { must } from '../../graph/param-schemas';
import type { KindSpec } from '../definition';

/** `gather`'s params. */
export interface GatherParams {
  returnExceptions?: boolean;
}

export const spec: KindSpec<'gather', GatherParams> = {
  kind: 'gather',
  family: 'combinator',
  ports: { min: 0, max: null },
  params: z.strictObject({ returnExceptions: z.boolean(must('true or false')).optional() }),
  defaults: { returnExceptions: false },
  newParams: {},
  palette: 'asyncio.gather(*args)',
  summary: (params) => (params.returnExceptions ? 'return_exceptions' : ''),
  inspector: [{ type: 'checkbox', param: 'returnExceptions', label: 'return_exceptions', fallback: false }],
};
