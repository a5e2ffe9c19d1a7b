/** `sleep`: `await asyncio.sleep(seconds)`, then its result (docs/run-semantics.md, coroutine kinds). */
import { z } from 'zod';
import { countKeys, isSeconds, jsonValueSchema, seconds } from '../../graph/param-schemas';
import type { JsonValue } from '../../graph/json-value';
import type { KindSpec } from '../definition';
import { secondsText } from '../summary-text';

/** `sleep`'s params. */
export interface SleepParams {
  seconds: number;
  /** Absent means: return args[0] if any, else null. */
  result?: JsonValue;
}

export const spec: KindSpec<'sleep', SleepParams> = {
  kind: 'sleep',
  family: 'coroutine',
  ports: { min: 0, max: null },
  params: z.strictObject({ seconds: seconds(), result: jsonValueSchema.optional() }),
  defaults: {},
  newParams: { seconds: 1 },
  palette: 'asyncio.sleep(seconds)',
  summary: (params) => `sleep ${secondsText(params.seconds)}`,
  // Most sleeps are { seconds } alone: spare them the schema.
  surelyValidParams: (params) =>
    isSeconds(params.seconds) && countKeys(params) === 1 && Object.hasOwn(params, 'seconds'),
  inspector: [
    { type: 'seconds', param: 'seconds', label: 'Seconds' },
    {
      type: 'json',
      param: 'result',
      label: 'Result (JSON; empty: its first argument, else null)',
      empty: 'omit',
    },
  ],
};
