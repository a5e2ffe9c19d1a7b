/** `shield`: `await asyncio.shield(ts[0])` (docs/run-semantics.md). */
import { z } from 'zod';
import type { KindSpec, NoParams } from '../definition';

export const spec: KindSpec<'shield', NoParams> = {
  kind: 'shield',
  family: 'combinator',
  ports: { min: 1, max: 1 },
  params: z.strictObject({}),
  defaults: {},
  newParams: {},
  palette: 'asyncio.shield(arg)',
  summary: () => '',
  inspector: [],
};
