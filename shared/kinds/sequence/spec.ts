/** `sequence`: `[await t for t in ts]`, each argument demanded only when reached (docs/run-semantics.md). */
import { z } from 'zod';
import type { KindSpec, NoParams } from '../definition';

export const spec: KindSpec<'sequence', NoParams> = {
  kind: 'sequence',
  family: 'combinator',
  ports: { min: 0, max: null },
  params: z.strictObject({}),
  defaults: {},
  newParams: {},
  palette: 'awaits each argument in turn',
  summary: () => '',
  inspector: [],
};
