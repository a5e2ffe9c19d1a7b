/** `race`: the first argument to finish wins (ties: lowest input); the rest are cancelled (docs/run-semantics.md). */
import { z } from 'zod';
import type { KindSpec, NoParams } from '../definition';

export const spec: KindSpec<'race', NoParams> = {
  kind: 'race',
  family: 'combinator',
  ports: { min: 1, max: null },
  params: z.strictObject({}),
  defaults: {},
  newParams: {},
  palette: 'first done wins, the rest are cancelled',
  summary: () => '',
  inspector: [],
};
