/** `wait`: `asyncio.wait(ts, timeout=…, return_when=…)`, the done results in input order (docs/run-semantics.md). */
import { z } from 'zod';
import { RETURN_WHEN, must, timeout } from '../../graph/param-schemas';
import type { KindSpec } from '../definition';
import { secondsText } from '../summary-text';

export type ReturnWhen = 'ALL_COMPLETED' | 'FIRST_COMPLETED' | 'FIRST_EXCEPTION';

/** `wait`'s params. */
export interface WaitParams {
  timeout?: number | null;
  returnWhen?: ReturnWhen;
}

export const spec: KindSpec<'wait', WaitParams> = {
  kind: 'wait',
  family: 'combinator',
  ports: { min: 1, max: null },
  params: z.strictObject({
    timeout: timeout().optional(),
    returnWhen: z.enum(RETURN_WHEN, must(RETURN_WHEN.join(', '))).optional(),
  }),
  defaults: { timeout: null, returnWhen: 'ALL_COMPLETED' },
  newParams: {},
  palette: 'asyncio.wait(args)',
  summary: (params) => `timeout ${secondsText(params.timeout)} · ${params.returnWhen ?? 'ALL_COMPLETED'}`,
  inspector: [
    { type: 'seconds', param: 'timeout', label: 'Timeout (seconds; empty: none)', empty: 'null' },
    {
      type: 'select',
      param: 'returnWhen',
      label: 'return_when',
      options: RETURN_WHEN,
      fallback: 'ALL_COMPLETED',
    },
  ],
};
