/** `fetch`: one HTTP request, placeholders filled from the arguments (docs/run-semantics.md, coroutine kinds). */
import { z } from 'zod';
import {
  HEADER_NAME,
  HTTP_METHODS,
  RESPONSE_TYPES,
  checkBodyTemplates,
  checkUrl,
  headerValue,
  jsonValueSchema,
  must,
  timeout,
} from '../../graph/param-schemas';
import type { KindSpec } from '../definition';
import { urlHost } from '../summary-text';

export const spec: KindSpec<'fetch'> = {
  kind: 'fetch',
  family: 'coroutine',
  ports: { min: 0, max: null },
  params: z.strictObject({
    url: z.string(must('a string (an http:// or https:// URL)')).superRefine(checkUrl),
    method: z
      .string(must(`one of ${HTTP_METHODS.join(', ')}`))
      .refine((method) => (HTTP_METHODS as readonly string[]).includes(method.toUpperCase()), {
        error: () => `must be one of ${HTTP_METHODS.join(', ')} (any letter case)`,
      })
      .optional(),
    headers: z
      .record(
        z.string().regex(HEADER_NAME, {
          error: "is not a valid HTTP header name (letters, digits and !#$%&'*+-.^_`|~)",
        }),
        headerValue,
        must('an object of header names to string values'),
      )
      .optional(),
    body: jsonValueSchema.superRefine(checkBodyTemplates).optional(),
    responseType: z.enum(RESPONSE_TYPES, must(RESPONSE_TYPES.join(', ') + ' or omitted (json)')).optional(),
    timeout: timeout().optional(),
  }),
  defaults: { method: 'GET', headers: {}, body: null, responseType: 'json', timeout: null },
  newParams: { url: 'https://example.com/', responseType: 'status' },
  palette: 'one HTTP request',
  summary: (params) => `${params.method ?? 'GET'} ${urlHost(params.url)}`,
  inspector: [
    { type: 'text', param: 'url', label: 'URL ({0} places argument 0)', check: 'url' },
    { type: 'select', param: 'method', label: 'Method', options: HTTP_METHODS, fallback: 'GET' },
    { type: 'select', param: 'responseType', label: 'Response', options: RESPONSE_TYPES, fallback: 'json' },
    { type: 'seconds', param: 'timeout', label: 'Timeout (seconds; empty: none)', empty: 'omit' },
    { type: 'json', param: 'headers', label: 'Headers (JSON object)', empty: 'omit' },
    { type: 'json', param: 'body', label: 'Body (JSON)', empty: 'omit' },
  ],
};
