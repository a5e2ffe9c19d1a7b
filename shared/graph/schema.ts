/**
 * Zod schemas of the workflow file's fields (docs/file-format.md): each kind's params and the fields
 * of the document, its nodes and its edges. They describe one value each; validate.ts is the one
 * validator, which walks a document, asks these schemas about its fields, and checks what no field
 * schema can see (ids, kinds, unknown keys, relations between nodes and edges).
 *
 * Every error message is a clause that follows the field's name ("must be a number >= 0"); validate.ts
 * puts the node or edge in front. Each kind's params schema is in its module of shared/kinds/. Defaults
 * are never filled in: a parsed graph keeps what was written, and the runtime applies defaults (see
 * PARAM_DEFAULTS).
 */
import { z } from 'zod';
import { KIND_SPECS as KINDS, type KindSpecs } from '../kinds/specs';
import { must } from './param-schemas';
import { ANNOTATION_COLORS, type NodeKind, type ParamsByKind, type Position, type Viewport } from './types';

/** One schema per kind (shared/kinds/); each is strict (unknown params are errors) and fills no defaults. */
export const paramsSchemas = Object.fromEntries(
  Object.values(KINDS).map((definition) => [definition.kind, definition.params]),
) as { [K in NodeKind]: KindSpecs[K]['params'] };

export { NODE_KINDS, isNodeKind } from '../kinds/specs';

/** The parameter names each kind knows, in documentation order. */
export function paramNames(kind: NodeKind): string[] {
  return Object.keys(KINDS[kind].params.shape);
}

/** The defaults the runtime applies to params that are absent. */
export const PARAM_DEFAULTS = Object.fromEntries(
  Object.values(KINDS).map((definition) => [definition.kind, definition.defaults]),
) as { readonly [K in NodeKind]: Readonly<Partial<ParamsByKind[K]>> };

/** Params with the runtime's defaults applied (for the runtime and the exporters; never saved). */
export function withDefaults<K extends NodeKind>(
  kind: K,
  params: ParamsByKind[K],
): Required<ParamsByKind[K]> {
  return { ...PARAM_DEFAULTS[kind], ...params } as unknown as Required<ParamsByKind[K]>;
}

// --- Fields outside params ---------------------------------------------------------------------------

const finite = (what: string) => z.number(must(what));

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

/** How a coroutine node retries (types.ts, Retry). */
export const retrySchema = z.strictObject(
  {
    attempts: z
      .number(must('a whole number from 1 to 100 (tries in all)'))
      .int(must('a whole number from 1 to 100 (tries in all)'))
      .min(1, must('a whole number from 1 to 100 (tries in all)'))
      .max(100, must('a whole number from 1 to 100 (tries in all)')),
    delay: finite('a number >= 0 (seconds)').min(0, must('a number >= 0 (seconds)')).optional(),
    backoff: finite('a number >= 1').min(1, must('a number >= 1')).max(100, must('at most 100')).optional(),
    errors: z
      .array(
        z
          .string(must('an error type'))
          .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, must('an error type (an identifier)')),
        must('a list of error types, such as ["ConnectionError", "TimeoutError"]'),
      )
      .max(100)
      .optional(),
    statuses: z
      .array(
        z
          .number(must('an HTTP status'))
          .int(must('an HTTP status from 400 to 599'))
          .min(400, must('an HTTP status from 400 to 599'))
          .max(599, must('an HTTP status from 400 to 599')),
        must('a list of HTTP statuses, such as [502, 503]'),
      )
      .max(200)
      .optional(),
  },
  must(
    'an object { "attempts": number, "delay"?: seconds, "backoff"?: number, "errors"?: [...], "statuses"?: [...] }',
  ),
);

// --- Notes and groups (editor-only) -------------------------------------------------------------------

const COLORS_TEXT = ANNOTATION_COLORS.join(', ');
/** A note's or a group's id: any non-empty string, unique among its kind (validate.ts checks that). */
export const annotationIdSchema = z
  .string(must('a non-empty string'))
  .min(1, must('a non-empty string'))
  .max(200, must('at most 200 characters'));
export const noteTextSchema = z.string(must('a string (markdown)'));
export const noteSizeSchema = z.strictObject(
  {
    width: finite('a number > 0').positive(must('a number > 0')),
    height: finite('a number > 0').positive(must('a number > 0')),
  },
  must('an object { "width": number > 0, "height": number > 0 }'),
);
export const colorSchema = z.enum(ANNOTATION_COLORS, must(`one of ${COLORS_TEXT}`));
export const groupTitleSchema = z.string(must('a string (the group title)'));
/** The node ids of a group; that each is a node, once, and in no other group, validate.ts checks. */
export const groupNodesSchema = z
  .array(z.string(must('a node id (a string)')), must('a list of node ids, such as ["a", "b"]'))
  .min(1, must('a list of at least one node id'));

/** The fields a node, an edge, a note, a group and the document know besides `x-` extension keys. */
export const NODE_FIELDS = ['id', 'kind', 'params', 'label', 'position', 'retry'] as const;
export const EDGE_FIELDS = ['source', 'target', 'input'] as const;
export const NOTE_FIELDS = ['id', 'text', 'position', 'size', 'color'] as const;
export const GROUP_FIELDS = ['id', 'title', 'nodes', 'color'] as const;
export const GRAPH_FIELDS = ['format', 'name', 'nodes', 'edges', 'view', 'notes', 'groups'] as const;

export function isExtensionKey(key: string): boolean {
  return key.startsWith('x-');
}

export {
  HTTP_METHODS,
  RESPONSE_TYPES,
  RETURN_WHEN,
  SAYS_ALL,
  TRANSFORM_LANGUAGES,
  jsonValueSchema,
} from './param-schemas';
export type { Position, Viewport };
