/** `wait_for`: `await asyncio.wait_for(ts[0], timeout)` (docs/run-semantics.md). */
import { z } from 'zod';
import { timeout } from '../../graph/param-schemas';
import type { KindSpec } from '../definition';
import { secondsText } from '../summary-text';

/** `wait_for`'s params. */
export interface WaitForParams {
  timeout: number | null;
}

export const spec: KindSpec<'wait_for', WaitForParams> = {
  kind: 'wait_for',
  family: 'combinator',
  ports: { min: 1, max: 1 },
  params: z.strictObject({ timeout: timeout() }),
  defaults: {},
  newParams: { timeout: 1 },
  palette: 'asyncio.wait_for(arg, timeout)',
  summary: (params) => `timeout ${secondsText(params.timeout)}`,
  inspector: [{ type: 'seconds', param: 'timeout', label: 'Timeout (seconds)' }],
};
