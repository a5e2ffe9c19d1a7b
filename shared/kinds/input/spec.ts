/**
 * `input`: a parameter of the workflow, named by the node's id. A run takes its value from the
 * caller (`flowloop run FILE --input name=JSON`, the editor's Run dialog), else its default; an
 * input with neither is refused before the run starts (docs/run-semantics.md, coroutine kinds).
 */
import { z } from 'zod';
import { jsonValue, must } from '../../graph/param-schemas';
import type { JsonValue } from '../../graph/json-value';
import type { KindSpec } from '../definition';
import { preview } from '../summary-text';

/** `input`'s params. */
export interface InputParams {
  /** The value when the caller gives none; absent means the caller must give one. */
  default?: JsonValue;
  /** What the input is, for the Run dialog and the exports' --help. */
  description?: string;
}

export const spec: KindSpec<'input', InputParams> = {
  kind: 'input',
  family: 'coroutine',
  ports: { min: 0, max: 0 },
  params: z.strictObject({
    default: jsonValue('JSON data (the value when none is given)').optional(),
    description: z.string(must('a string (what the input is)')).optional(),
  }),
  defaults: {},
  newParams: { default: null },
  palette: 'a parameter of the workflow (its id is its name)',
  summary: (params) => (params.default === undefined ? 'required' : `default ${preview(params.default)}`),
  inspector: [
    { type: 'json', param: 'default', label: 'Default (JSON; empty: the run must give it)', empty: 'omit' },
    { type: 'text', param: 'description', label: 'Description', fallback: '' },
  ],
};
