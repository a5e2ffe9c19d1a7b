/**
 * flowloop/graph — the workflow file (docs/file-format.md): its types, parsing and validation,
 * fetch placeholders, and the index a run is built from.
 *
 * ```ts
 * const result = parseGraph(text);
 * if (!result.ok) for (const problem of result.problems) console.error(problem.message);
 * ```
 */
export * from './types';
export { COMBINATOR_KINDS, COROUTINE_KINDS, NODE_KINDS, isCombinatorKind, isNodeKind } from '../kinds/specs';
export { parseGraph } from './parse';
export { validateGraph } from './validate';
export { PROBLEM_CODES, type Problem, type ProblemCode } from './problems';
export {
  HTTP_METHODS,
  PARAM_DEFAULTS,
  RESPONSE_TYPES,
  RETURN_WHEN,
  TRANSFORM_LANGUAGES,
  paramNames,
  paramsSchemas,
  withDefaults,
} from './schema';
export { isIdentifier, isValidNodeId, reservedIn, RESERVED_WORDS } from './identifiers';
export {
  PlaceholderError,
  fetchTemplates,
  fillBody,
  fillHeaders,
  fillTemplate,
  fillUrl,
  parsePlaceholders,
  placeholderText,
  resolvePlaceholder,
  type FetchTemplate,
  type PlaceholderErrorType,
  type PlaceholderPart,
  type TemplateParse,
  type TemplatePart,
  type TextPart,
} from './placeholders';
export { indexGraph, type GraphIndex } from './algorithms';
