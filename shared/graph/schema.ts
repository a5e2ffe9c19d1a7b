/**
 * Zod schemas of the workflow file (docs/file-format.md): each kind's params and the document's fields.
 *
 * Every error message is a clause that follows the field's name ("must be a number >= 0"); validate.ts
 * puts the node or edge in front. Defaults are never filled in: a parsed graph keeps what was written,
 * and the runtime applies defaults (see PARAM_DEFAULTS).
 */
import { compile } from '@jmespath-community/jmespath';
import { z } from 'zod';
import { isIdentifier, isValidNodeId, reservedIn } from './identifiers';
import { jsonDataProblem } from './json-data';
import { fetchTemplates, parsePlaceholders } from './placeholders';
import { quote } from './problems';
import {
  COMBINATOR_KINDS,
  COROUTINE_KINDS,
  GRAPH_FORMAT,
  type JsonValue,
  type NodeKind,
  type ParamsByKind,
  type Position,
  type Viewport,
} from './types';

const must = (what: string) => ({ error: () => `must be ${what}` });
/** Marks a custom issue whose message already shows the value: no ", got …" is added to it. */
export const SAYS_ALL = { saysAll: true } as const;

/** Any JSON data; `what` says what it is for, in the message when it is missing. */
const jsonValue = (what = 'JSON data') =>
  z.custom<JsonValue>((value) => value !== undefined && jsonDataProblem(value) === null, {
    params: SAYS_ALL,
    error: (issue) =>
      issue.input === undefined
        ? `must be ${what}`
        : `must be JSON data: it ${jsonDataProblem(issue.input) ?? 'is not'}`,
  });
export const jsonValueSchema = jsonValue();

/** A finite number >= 0, for seconds. */
const seconds = (what = 'a number >= 0 (seconds)') => z.number(must(what)).min(0, must(what));
/** null (no limit) or a finite number >= 0. */
const timeout = () =>
  z.union(
    [z.null(), seconds('null (no limit) or a number >= 0 (seconds)')],
    must('null (no limit) or a number >= 0 (seconds)'),
  );

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;
export const RESPONSE_TYPES = ['json', 'text', 'status'] as const;
export const TRANSFORM_LANGUAGES = ['javascript', 'jmespath'] as const;
export const RETURN_WHEN = ['ALL_COMPLETED', 'FIRST_COMPLETED', 'FIRST_EXCEPTION'] as const;

/** RFC 9110 token characters: what undici (and aiohttp) accept as a header name. */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** A sample argument for checking a url's shape: "0" keeps hosts, ports and paths valid wherever it lands. */
const SAMPLE_ARGUMENT = '0';

function checkUrl(url: string, ctx: z.RefinementCtx): void {
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

function checkTemplate(template: string, ctx: z.RefinementCtx): void {
  const parsed = parsePlaceholders(template);
  if (!parsed.ok) ctx.addIssue({ code: 'custom', params: SAYS_ALL, message: parsed.message });
}

/** The string leaves of a body are templates too. */
function checkBodyTemplates(body: JsonValue, ctx: z.RefinementCtx): void {
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

const headerValue = z
  .string(must('a string'))
  .refine((value) => !/[\r\n\0]/.test(value), { error: 'must not contain line breaks or NUL characters' })
  .superRefine(checkTemplate);

const valueParams = z.strictObject({ value: jsonValue('JSON data (the value the node returns)') });
const sleepParams = z.strictObject({ seconds: seconds(), result: jsonValueSchema.optional() });
const fetchParams = z.strictObject({
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
});

const transformParams = z
  .strictObject({
    language: z.enum(TRANSFORM_LANGUAGES, must(`${TRANSFORM_LANGUAGES.join(' or ')}`)).optional(),
    code: z
      .string(must('a string (the code to run)'))
      .refine((code) => code.trim() !== '', { error: 'must not be empty' }),
  })
  .superRefine((params, ctx) => {
    if (params.language !== 'jmespath') return;
    try {
      compile(params.code);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      ctx.addIssue({
        code: 'custom',
        params: SAYS_ALL,
        path: ['code'],
        message: `is not a valid JMESPath expression: ${reason}`,
      });
    }
  });

const failParams = z.strictObject({
  error: z
    .string(must('an exception name such as RuntimeError'))
    .refine((name) => isIdentifier(name) && !reservedIn(name).includes('Python'), {
      error:
        'must be an exception name such as RuntimeError or ValueError (letters, digits and _, not starting with a digit)',
    })
    .optional(),
  message: z.string(must('a string')).optional(),
  after: seconds().optional(),
});

const noParams = () => z.strictObject({});
const gatherParams = z.strictObject({ returnExceptions: z.boolean(must('true or false')).optional() });
const waitParams = z.strictObject({
  timeout: timeout().optional(),
  returnWhen: z.enum(RETURN_WHEN, must(RETURN_WHEN.join(', '))).optional(),
});
const waitForParams = z.strictObject({ timeout: timeout() });

/** One schema per kind; each is strict (unknown params are errors) and fills no defaults. */
export const paramsSchemas = {
  value: valueParams,
  sleep: sleepParams,
  fetch: fetchParams,
  transform: transformParams,
  fail: failParams,
  sequence: noParams(),
  gather: gatherParams,
  wait: waitParams,
  wait_for: waitForParams,
  race: noParams(),
  as_completed: noParams(),
  shield: noParams(),
} satisfies { [K in NodeKind]: z.ZodType<ParamsByKind[K], unknown> };

export const NODE_KINDS: readonly NodeKind[] = [...COROUTINE_KINDS, ...COMBINATOR_KINDS];

export function isNodeKind(kind: string): kind is NodeKind {
  return Object.hasOwn(paramsSchemas, kind);
}

/** The parameter names each kind knows, in documentation order. */
export function paramNames(kind: NodeKind): string[] {
  return Object.keys(paramsSchemas[kind].shape);
}

/** The defaults the runtime applies to params that are absent. */
export const PARAM_DEFAULTS = {
  value: {},
  sleep: {},
  fetch: { method: 'GET', headers: {}, body: null, responseType: 'json', timeout: null },
  transform: { language: 'javascript' },
  fail: { error: 'RuntimeError', message: '', after: 0 },
  sequence: {},
  gather: { returnExceptions: false },
  wait: { timeout: null, returnWhen: 'ALL_COMPLETED' },
  wait_for: {},
  race: {},
  as_completed: {},
  shield: {},
} as const satisfies { [K in NodeKind]: Partial<ParamsByKind[K]> };

/** Params with the runtime's defaults applied (for the runtime and the exporters; never saved). */
export function withDefaults<K extends NodeKind>(
  kind: K,
  params: ParamsByKind[K],
): Required<ParamsByKind[K]> {
  return { ...PARAM_DEFAULTS[kind], ...params } as unknown as Required<ParamsByKind[K]>;
}

// --- Fields outside params ---------------------------------------------------------------------------

const finite = (what: string) => z.number(must(what));

export const nodeIdSchema = z.string(must('a string')).refine(isValidNodeId, {
  error: 'must be an identifier ([A-Za-z_][A-Za-z0-9_]*) that is not a reserved word',
});
export const labelSchema = z.string(must('a string (free text)'));
export const nameSchema = z.string(must('a string (the workflow name)'));
export const positionSchema = z.strictObject(
  { x: finite('a number'), y: finite('a number') },
  must('an object { "x": number, "y": number }'),
);
export const viewSchema = z.strictObject(
  {
    x: finite('a number'),
    y: finite('a number'),
    zoom: finite('a number > 0').positive(must('a number > 0')),
  },
  must('an object { "x": number, "y": number, "zoom": number }'),
);
export const edgeEndSchema = z.string(must('a node id (a string)'));
export const edgeInputSchema = z
  .number(must('a whole number >= 0 (the argument number)'))
  .int(must('a whole number >= 0 (the argument number)'))
  .min(0, must('a whole number >= 0 (the argument number)'));

/** The fields a node, an edge and the document know besides `x-` extension keys. */
export const NODE_FIELDS = ['id', 'kind', 'params', 'label', 'position'] as const;
export const EDGE_FIELDS = ['source', 'target', 'input'] as const;
export const GRAPH_FIELDS = ['format', 'name', 'nodes', 'edges', 'view'] as const;

export function isExtensionKey(key: string): boolean {
  return key.startsWith('x-');
}

/** An object with the given fields and any `x-` keys (JSON values); other keys are unrecognized. */
function withExtensions<Shape extends z.ZodRawShape>(shape: Shape) {
  return z
    .object(shape)
    .catchall(jsonValueSchema)
    .superRefine((object, ctx) => {
      const unknown = Object.keys(object).filter((key) => !Object.hasOwn(shape, key) && !isExtensionKey(key));
      if (unknown.length > 0)
        ctx.addIssue({ code: 'unrecognized_keys', keys: unknown, input: object, message: 'unknown keys' });
    });
}

function nodeSchemaOf<K extends NodeKind>(kind: K) {
  return withExtensions({
    id: nodeIdSchema,
    kind: z.literal(kind),
    params: paramsSchemas[kind].optional(),
    label: labelSchema.optional(),
    position: positionSchema.optional(),
  });
}

export const nodeSchema = z.discriminatedUnion(
  'kind',
  [
    nodeSchemaOf('value'),
    nodeSchemaOf('sleep'),
    nodeSchemaOf('fetch'),
    nodeSchemaOf('transform'),
    nodeSchemaOf('fail'),
    nodeSchemaOf('sequence'),
    nodeSchemaOf('gather'),
    nodeSchemaOf('wait'),
    nodeSchemaOf('wait_for'),
    nodeSchemaOf('race'),
    nodeSchemaOf('as_completed'),
    nodeSchemaOf('shield'),
  ],
  must(`an object whose kind is one of ${COROUTINE_KINDS.join(', ')}, ${COMBINATOR_KINDS.join(', ')}`),
);

export const edgeSchema = withExtensions({
  source: edgeEndSchema,
  target: edgeEndSchema,
  input: edgeInputSchema,
});

/**
 * The document's shape field by field. It cannot see relations between nodes and edges (unique ids,
 * dangling edges, cycles, argument counts, placeholder numbers): validateGraph checks those too, and is
 * what every caller should use.
 */
export const graphSchema = withExtensions({
  format: z.literal(GRAPH_FORMAT, must(JSON.stringify(GRAPH_FORMAT))),
  name: nameSchema.optional(),
  nodes: z.array(nodeSchema, must('a list of nodes')),
  edges: z.array(edgeSchema, must('a list of edges')).optional(),
  view: viewSchema.optional(),
});

export type { Position, Viewport };
