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
import { jsonDataProblem } from '../../graph/json-data';
import { fetchTemplates, parsePlaceholders, type FetchTemplateParams } from '../../graph/placeholders';
import type { JsonValue } from '../../graph/json-value';
import type { KindSpec } from '../definition';
import { urlHost } from '../summary-text';

export type ResponseType = 'json' | 'text' | 'status';

/** `fetch`'s params. */
export interface FetchParams {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: JsonValue;
  responseType?: ResponseType;
  /** Seconds; null means no limit. */
  timeout?: number | null;
}

export const spec: KindSpec<'fetch', FetchParams> = {
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
    { type: 'text', param: 'url', label: 'URL ({0} places argument 0, {env.NAME} a variable)', check: 'url' },
    { type: 'select', param: 'method', label: 'Method', options: HTTP_METHODS, fallback: 'GET' },
    { type: 'select', param: 'responseType', label: 'Response', options: RESPONSE_TYPES, fallback: 'json' },
    { type: 'seconds', param: 'timeout', label: 'Timeout (seconds; empty: none)', empty: 'omit' },
    { type: 'json', param: 'headers', label: 'Headers (JSON object)', empty: 'omit' },
    { type: 'json', param: 'body', label: 'Body (JSON)', empty: 'omit' },
  ],
  argumentProblems: (params, count, ref) => placeholderRangeProblems(wellTypedTemplates(params), count, ref),
};

type Json = Readonly<Record<string, unknown>>;

const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const plural = (count: number, word: string) =>
  count === 0 ? `no ${word}s` : count === 1 ? `1 ${word}` : `${count} ${word}s`;

/** The url, header values and body of fetch params, each only when of the right type (other faults are reported apart). */
function wellTypedTemplates(params: Json): FetchTemplateParams {
  const headers = isObject(params.headers)
    ? Object.fromEntries(
        Object.entries(params.headers).filter(
          (entry): entry is [string, string] => typeof entry[1] === 'string',
        ),
      )
    : {};
  const body = jsonDataProblem(params.body) === null ? (params.body as JsonValue) : undefined;
  return { url: typeof params.url === 'string' ? params.url : '', headers, body };
}

/** "url uses {2} but node page_a (fetch) has 2 inputs": placeholders count the node's arguments. */
function placeholderRangeProblems(params: FetchTemplateParams, count: number, ref: () => string): string[] {
  const messages = new Set<string>();
  for (const { where, template } of fetchTemplates(params)) {
    const parsed = parsePlaceholders(template);
    if (!parsed.ok) continue;
    for (const part of parsed.parts) {
      if (part.kind === 'placeholder' && part.index >= count) {
        messages.add(
          `${where} uses ${part.source} but ${ref()} has ${plural(count, 'input')}${count > 0 ? ` (placeholders count from {0} to {${count - 1}})` : ''}`,
        );
      }
    }
  }
  return [...messages];
}
