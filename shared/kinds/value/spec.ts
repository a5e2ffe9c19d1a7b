/** `value`: returns a constant (docs/run-semantics.md, coroutine kinds). */
import { jsonValue } from '../../graph/param-schemas';
import { z } from 'zod';
import type { JsonValue } from '../../graph/json-value';
import type { KindSpec } from '../definition';
import { preview } from '../summary-text';

/** `value`'s params. */
export interface ValueParams {
  value: JsonValue;
}

export const spec: KindSpec<'value', ValueParams> = {
  kind: 'value',
  family: 'coroutine',
  ports: { min: 0, max: null, valuesIgnored: true },
  params: z.strictObject({ value: jsonValue('JSON data (the value the node returns)') }),
  defaults: {},
  newParams: { value: null },
  palette: 'returns a constant JSON value',
  summary: (params) => preview(params.value),
  inspector: [{ type: 'json', param: 'value', label: 'Value (JSON)' }],
};
