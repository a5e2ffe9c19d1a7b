/**
 * The building blocks of the params schemas (shared/kinds/ holds each kind's): zod schemas whose error
 * messages are clauses that follow the field's name ("must be a number >= 0"); validate.ts puts the
 * node or edge in front.
 */
import { compile } from '@jmespath-community/jmespath';
import { z } from 'zod';
import { jsonDataProblem } from './json-data';
import { fetchTemplates, parsePlaceholders } from './placeholders';
import { quote } from './problems';
import type { JsonValue } from './json-value';

type TransformLanguage = (typeof TRANSFORM_LANGUAGES)[number];

export const must = (what: string) => ({ error: () => `must be ${what}` });
/** Marks a custom issue whose message already shows the value: no ", got …" is added to it. */
export const SAYS_ALL = { saysAll: true } as const;

/** Any JSON data; `what` says what it is for, in the message when it is missing. */
export const jsonValue = (what = 'JSON data') =>
  z.custom<JsonValue>((value) => value !== undefined && jsonDataProblem(value) === null, {
    params: SAYS_ALL,
    error: (issue) =>
      issue.input === undefined
        ? `must be ${what}`
        : `must be JSON data: it ${jsonDataProblem(issue.input) ?? 'is not'}`,
  });
export const jsonValueSchema = jsonValue();

/** Enumerable keys, inherited ones included, as a strict schema counts them (for-in; no array built). */
export function countKeys(object: object): number {
  let count = 0;
  for (const _key in object) count++;
  return count;
}

/** For a kind's cheap params test: a number the `seconds()` schema surely accepts. */
export const isSeconds = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0;

/**
 * Code in a language param's language (`fallback` when absent): a non-blank string, and JMESPath
 * that compiles (the compiler's message is the problem's). For transform's code, choose's condition.
 */
export function codeInLanguage<Field extends string>(
  field: Field,
  what: string,
  fallback: TransformLanguage,
) {
  return z
    .strictObject({
      language: z.enum(TRANSFORM_LANGUAGES, must(`${TRANSFORM_LANGUAGES.join(' or ')}`)).optional(),
      [field]: z
        .string(must(`a string (${what})`))
        .refine((code) => code.trim() !== '', { error: 'must not be empty' }),
    } as { language: z.ZodOptional<z.ZodEnum<{ javascript: 'javascript'; jmespath: 'jmespath' }>> } & Record<
      Field,
      z.ZodString
    >)
    .superRefine((params, ctx) => {
      const { language, [field]: code } = params as Record<string, unknown>;
      if ((language ?? fallback) !== 'jmespath') return;
      try {
        compile(code as string);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        ctx.addIssue({
          code: 'custom',
          params: SAYS_ALL,
          path: [field],
          message: `is not a valid JMESPath expression: ${reason}`,
        });
      }
    });
}

/** A finite number >= 0, for seconds. */
export const seconds = (what = 'a number >= 0 (seconds)') => z.number(must(what)).min(0, must(what));
/** null (no limit) or a finite number >= 0. */
export const timeout = () =>
  z.union(
    [z.null(), seconds('null (no limit) or a number >= 0 (seconds)')],
    must('null (no limit) or a number >= 0 (seconds)'),
  );

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;
export const RESPONSE_TYPES = ['json', 'text', 'status'] as const;
export const TRANSFORM_LANGUAGES = ['javascript', 'jmespath'] as const;
export const RETURN_WHEN = ['ALL_COMPLETED', 'FIRST_COMPLETED', 'FIRST_EXCEPTION'] as const;

/** RFC 9110 token characters: what undici (and aiohttp) accept as a header name. */
export const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** A sample argument for checking a url's shape: "0" keeps hosts, ports and paths valid wherever it lands. */
const SAMPLE_ARGUMENT = '0';

export function checkUrl(url: string, ctx: z.RefinementCtx): void {
  const parsed = parsePlaceholders(url);
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', params: SAYS_ALL, message: parsed.message });
    return;
  }
  const problem = () =>
    `must be an absolute http:// or https:// URL (placeholders allowed after the scheme), got ${quote(url, 80)}`;
  if (!/^https?:\/\//i.test(url)) {
    ctx.addIssue({ code: 'custom', params: SAYS_ALL, message: problem() });
    return;
  }
  // Put a sample value where each placeholder is, then ask the URL parser.
  const filled = parsed.parts.map((part) => (part.kind === 'text' ? part.text : SAMPLE_ARGUMENT)).join('');
  let host: string;
  try {
    host = new URL(filled).hostname;
  } catch {
    ctx.addIssue({ code: 'custom', params: SAYS_ALL, message: problem() });
    return;
  }
  if (host === '')
    ctx.addIssue({ code: 'custom', params: SAYS_ALL, message: `${problem()} (it has no host)` });
}

export function checkTemplate(template: string, ctx: z.RefinementCtx): void {
  const parsed = parsePlaceholders(template);
  if (!parsed.ok) ctx.addIssue({ code: 'custom', params: SAYS_ALL, message: parsed.message });
}

/** The string leaves of a body are templates too. */
export function checkBodyTemplates(body: JsonValue, ctx: z.RefinementCtx): void {
  for (const { where, template } of fetchTemplates({ url: '', body })) {
    if (where === 'url') continue;
    const parsed = parsePlaceholders(template);
    if (!parsed.ok)
      ctx.addIssue({
        code: 'custom',
        params: SAYS_ALL,
        message: where === 'body' ? parsed.message : `at ${where} ${parsed.message}`,
      });
  }
}

export const headerValue = z
  .string(must('a string'))
  .refine((value) => !/[\r\n\0]/.test(value), { error: 'must not contain line breaks or NUL characters' })
  .superRefine(checkTemplate);
