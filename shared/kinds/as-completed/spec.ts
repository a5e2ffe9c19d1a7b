/** `as_completed`: `[await f for f in asyncio.as_completed(ts)]` (docs/run-semantics.md). */
import { z } from 'zod';
import type { KindSpec, NoParams } from '../definition';

export const spec: KindSpec<'as_completed', NoParams> = {
  kind: 'as_completed',
  family: 'combinator',
  ports: { min: 0, max: null },
  params: z.strictObject({}),
  defaults: {},
  newParams: {},
  palette: 'results in completion order',
  summary: () => '',
  inspector: [],
};
