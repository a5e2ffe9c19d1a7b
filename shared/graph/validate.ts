/**
 * validateGraph: every problem of a workflow document at once (docs/file-format.md), or the graph.
 *
 * Order of the checks, and of the problems: the document's own fields, each node (id, kind, fields,
 * params), duplicate ids, each edge (fields, dangling ends, taken inputs), argument counts and
 * placeholder numbers, cycles, then the editor's notes and groups (validate-annotations.ts). The
 * graph returned is a copy of the input with nothing added but `params: {}` on nodes without params
 * and `edges: []` when edges are absent (validateParsedGraph returns the parsed value itself,
 * completed the same way).
 *
 * Cost: this runs at every run start and after every edit, so a valid graph is checked in time linear in
 * its size with little garbage: messages (and the node and edge names in them) are built only for the
 * problems found, cheap type tests answer the common cases before a schema is asked, and relations are
 * found with maps and typed arrays, never by searching lists.
 */
import type { z } from 'zod';
import { findCycles, isAcyclic } from './algorithms';
import { IDENTIFIER_PATTERN, isIdentifier, isValidNodeId, reservedIn } from './identifiers';
import { explainIssues } from './issues';
import { READABLE_FORMATS, isOlderFormat, migrateToCurrent } from './migrate';
import { copyJsonData, jsonDataProblem, setOwn, withinJsonLimits, type JsonPath } from './json-data';
import { countKeys } from './param-schemas';
import {
  describeValue,
  edgeRef,
  nodeRef,
  oneLine,
  quote,
  showKey,
  showName,
  type Problem,
  type ProblemCode,
} from './problems';
import {
  EDGE_FIELDS,
  GRAPH_FIELDS,
  NODE_FIELDS,
  NODE_KINDS,
  edgeEndSchema,
  edgeInputSchema,
  isExtensionKey,
  isNodeKind,
  labelSchema,
  nameSchema,
  paramNames,
  paramsSchemas,
  positionSchema,
  retrySchema,
  viewSchema,
} from './schema';
import { COROUTINE_KINDS, KIND_SPECS } from '../kinds/specs';
import { didYouMean } from './suggest';
import { checkGroups, checkNotes } from './validate-annotations';
import { GRAPH_FORMAT, type Graph, type NodeKind, type ParseResult } from './types';

type Json = Record<string, unknown>;

/** What a problem points at: a node's id, an edge's index. */
interface Where {
  node?: string | undefined;
  edge?: number;
}

/** What the later checks need of a node. Its name for messages is built only when one needs it. */
class NodeInfo {
  id?: string;
  kindName?: string;
  kind?: NodeKind;
  /** The params object, when it is one. */
  params?: Json;
  /** For the first node with its id: its number among those nodes in file order (for the cycle check). */
  number = -1;
  /** For the first node with its id: each input number wired into it, with the first edge taking it. */
  inputs?: Map<number, EdgeInfo>;
  private name?: string;

  constructor(
    readonly index: number,
    /** The node as written, or null when it is not an object. */
    private readonly raw: Json | null,
  ) {}

  /** Where its problems point: the node's id, when it has one. */
  get where(): Where {
    return { node: this.id };
  }

  /** "node nap (sleep)", or "node #2". */
  get ref(): string {
    this.name ??= this.raw === null ? `node #${this.index}` : nodeRef(this.index, this.raw.id, this.raw.kind);
    return this.name;
  }
}

/** What the later checks need of an edge; its name for messages is built only when one needs it. */
class EdgeInfo {
  source?: string;
  target?: string;
  input?: number;
  /** The nodes its ends name (the first node with that id), when they exist. */
  sourceNode?: NodeInfo;
  targetNode?: NodeInfo;
  private name?: string;

  constructor(
    readonly index: number,
    /** The edge as written, or null when it is not an object. */
    private readonly raw: Json | null,
  ) {}

  get where(): Where {
    return { edge: this.index };
  }

  /** "edge #3 (a -> b, input 0)", or "edge #3". */
  get ref(): string {
    this.name ??=
      this.raw === null
        ? `edge #${this.index}`
        : edgeRef(this.index, this.raw.source, this.raw.target, this.raw.input);
    return this.name;
  }
}

/** Whose field a message is about: a node, an edge, or (null) the document itself. */
type Owner = NodeInfo | EdgeInfo | null;

const ownerText = (owner: Owner): string => (owner === null ? 'of the workflow' : `on ${owner.ref}`);
const whereOfOwner = (owner: Owner): Where => (owner === null ? {} : owner.where);

class Problems {
  readonly list: Problem[] = [];
  add(code: ProblemCode, message: string, where: Where = {}): void {
    const problem: Problem = { code, message: oneLine(message) };
    if (where.node !== undefined) problem.node = where.node;
    if (where.edge !== undefined) problem.edge = where.edge;
    this.list.push(problem);
  }
}

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function kindOfValue(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return `${typeof value === 'boolean' ? 'true/false' : `a ${typeof value}`} (${describeValue(value)})`;
}

const KNOWN_EXTENSIONS = 'and any key starting with x-';
const KINDS_TEXT = NODE_KINDS.join(', ');

/** Checks a workflow held in memory; the graph returned is a copy, and `value` is left as it was. */
export function validateGraph(value: unknown): ParseResult {
  return guarded(value, false);
}

/**
 * Checks a value fresh from JSON.parse that nobody else holds (what parseGraph has): same answer as
 * validateGraph, but the value is completed in place and returned instead of copied.
 */
export function validateParsedGraph(parsed: unknown): ParseResult {
  return guarded(parsed, true);
}

function guarded(value: unknown, owned: boolean): ParseResult {
  try {
    return check(value, owned);
  } catch (error) {
    // Never thrown at the caller; a bug in the checks shows up as one readable problem.
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      problems: [
        {
          code: 'internal',
          message: oneLine(`the workflow could not be checked (a bug in Flowloop): ${reason}`),
        },
      ],
    };
  }
}

function check(value: unknown, owned: boolean): ParseResult {
  const problems = new Problems();
  if (!isObject(value)) {
    problems.add(
      'not-object',
      `a workflow must be a JSON object like { "format": "${GRAPH_FORMAT}", "nodes": [...], "edges": [...] }, but this is ${kindOfValue(value)}`,
    );
    return { ok: false, problems: problems.list };
  }
  let doc: Json;
  // Parsed JSON can only be too deep or too big; when it is neither, copying it would change nothing.
  if (owned && withinJsonLimits(value)) doc = value;
  else {
    const copied = copyJsonData(value);
    if (!copied.ok) {
      for (const issue of copied.issues)
        problems.add(
          'schema',
          describeDataIssue(value, issue.path, issue.message),
          whereOf(value, issue.path),
        );
      return { ok: false, problems: problems.list };
    }
    doc = copied.value as Json;
  }

  if (!Object.hasOwn(doc, 'format')) {
    if (!Object.hasOwn(doc, 'nodes')) {
      problems.add(
        'format-missing',
        `this is not a Flowloop workflow: it has no "format" (expected "${GRAPH_FORMAT}") and no "nodes"`,
      );
      return { ok: false, problems: problems.list };
    }
    problems.add('format-missing', `missing "format": a workflow starts with "format": "${GRAPH_FORMAT}"`);
  } else if (isOlderFormat(doc.format)) {
    migrateToCurrent(doc);
  } else if (doc.format !== GRAPH_FORMAT) {
    problems.add('format-unknown', formatMessage(doc.format));
    return { ok: false, problems: problems.list };
  }

  checkDocumentFields(doc, problems);

  const nodesValue = doc.nodes;
  const nodes = Array.isArray(nodesValue) ? nodesValue : [];
  if (!Object.hasOwn(doc, 'nodes'))
    problems.add('schema', "missing top-level field 'nodes': it must be a list of nodes");
  else if (!Array.isArray(nodesValue))
    problems.add(
      'schema',
      `top-level field 'nodes' must be a list of nodes, got ${describeValue(nodesValue)}`,
    );

  const edgesValue = doc.edges;
  if (!Object.hasOwn(doc, 'edges')) doc.edges = [];
  else if (!Array.isArray(edgesValue))
    problems.add(
      'schema',
      `top-level field 'edges' must be a list of edges, got ${describeValue(edgesValue)}`,
    );
  const edges = Array.isArray(doc.edges) ? (doc.edges as unknown[]) : [];

  const nodeInfos = nodes.map((node, index) => checkNode(node, index, problems));
  const firstById = checkDuplicateIds(nodeInfos, problems);
  const edgeInfos = edges.map((edge, index) => checkEdge(edge, index, problems));
  checkEdgeEnds(edgeInfos, firstById, problems);
  checkArguments(nodeInfos, firstById, problems);
  checkCycles(firstById, edgeInfos, problems);
  // Editor-only notes and groups (validate-annotations.ts): nothing is asked of a graph without them.
  if (Object.hasOwn(doc, 'notes')) checkNotes(doc, (code, message) => problems.add(code, message));
  if (Object.hasOwn(doc, 'groups'))
    checkGroups(
      doc,
      firstById,
      (id) => firstById.get(id)?.ref ?? `node ${showName(id)}`,
      (code, message, where) => problems.add(code, message, where),
    );

  if (problems.list.length > 0) return { ok: false, problems: problems.list };
  return { ok: true, graph: doc as unknown as Graph, problems: [] };
}

const CURRENT_MAJOR = Number(GRAPH_FORMAT.slice(GRAPH_FORMAT.indexOf('/') + 1));

function formatMessage(format: unknown): string {
  const reads = `this Flowloop reads ${READABLE_FORMATS.map((f) => `"${f}"`).join(' and ')} files only`;
  if (typeof format !== 'string')
    return `"format" must be the string "${GRAPH_FORMAT}", got ${describeValue(format)}`;
  const version = /^flowloop\.graph\/(\d+)(\.\d+)*$/.exec(format);
  if (version !== null) {
    const major = Number(version[1]);
    if (major > CURRENT_MAJOR)
      return `this workflow is in format ${quote(format)}, made by a newer Flowloop: ${reads}`;
    return `format ${quote(format)} is not a version this Flowloop knows: ${reads}`;
  }
  return `format ${quote(format)} is not a Flowloop workflow format: ${reads}`;
}

/** Names a place in the raw document for a problem found while copying it. */
function describeDataIssue(doc: Json, path: JsonPath, message: string): string {
  const [top, index, ...rest] = path;
  if ((top === 'nodes' || top === 'edges') && typeof index === 'number') {
    const item: unknown = (doc[top] as unknown[])[index];
    const owner = isObject(item)
      ? top === 'nodes'
        ? nodeRef(index, safeRead(item, 'id'), safeRead(item, 'kind'))
        : edgeRef(index, safeRead(item, 'source'), safeRead(item, 'target'), safeRead(item, 'input'))
      : `${top === 'nodes' ? 'node' : 'edge'} #${index}`;
    return rest.length === 0 ? `${owner} ${message}` : `'${renderJsonPath(rest)}' on ${owner} ${message}`;
  }
  return path.length === 0 ? `the workflow ${message}` : `top-level '${renderJsonPath(path)}' ${message}`;
}

function whereOf(doc: Json, path: JsonPath): { node?: string; edge?: number } {
  const [top, index] = path;
  if (top === 'edges' && typeof index === 'number') return { edge: index };
  if (top === 'nodes' && typeof index === 'number') {
    const item: unknown = Array.isArray(doc.nodes) ? doc.nodes[index] : undefined;
    const id = isObject(item) ? safeRead(item, 'id') : undefined;
    return typeof id === 'string' ? { node: id } : {};
  }
  return {};
}

function safeRead(object: Json, key: string): unknown {
  try {
    return Object.hasOwn(object, key) ? object[key] : undefined;
  } catch {
    return undefined;
  }
}

function renderJsonPath(path: JsonPath): string {
  const render = (steps: JsonPath, first: boolean) =>
    steps
      .map((step, i) => (typeof step === 'number' ? `[${step}]` : i === 0 && first ? step : `.${step}`))
      .join('');
  // Deeply nested places are shown by their start and end.
  return path.length > 8
    ? `${render(path.slice(0, 4), true)}…${render(path.slice(-2), false)}`
    : render(path, true);
}

/**
 * A field that is checked by one schema: messages say "field 'label' on node nap (sleep) …".
 * `surelyValid` is a cheap test that accepts only values the schema accepts (tested in
 * validate.test.ts): it spares the schema the common case, and the schema decides the rest.
 */
function checkField(
  schema: z.ZodType,
  surelyValid: (value: unknown) => boolean,
  value: unknown,
  field: string,
  owner: Owner,
  problems: Problems,
): boolean {
  if (surelyValid(value)) return true;
  const result = schema.safeParse(value);
  if (result.success) return true;
  const messages = explainIssues(result.error.issues, value, {
    noun: 'field',
    owner: ownerText(owner),
    prefix: [field],
    known: [],
  });
  const where = whereOfOwner(owner);
  for (const message of messages) problems.add('schema', message.trimEnd(), where);
  return false;
}

const isString = (value: unknown): boolean => typeof value === 'string';
const isFiniteNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);
/** { x, y } with finite numbers and no other key. */
function isPlainPosition(value: unknown): boolean {
  if (!isObject(value) || !isFiniteNumber(value.x) || !isFiniteNumber(value.y)) return false;
  // Every enumerable key, inherited ones too, as the strict schema counts them.
  return countKeys(value) === 2 && Object.hasOwn(value, 'x') && Object.hasOwn(value, 'y');
}
const isArgumentNumber = (value: unknown): boolean =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
const never = (): boolean => false;

/** The kinds whose params schema accepts {}, as the schemas themselves answer. */
const TAKES_EMPTY_PARAMS: ReadonlySet<NodeKind> = new Set(
  NODE_KINDS.filter((kind) => paramsSchemas[kind].safeParse({}).success),
);

/** Params the kind's schema surely accepts: what its spec's cheap test takes, and {} where that is allowed. */
function isPlainParams(kind: NodeKind, params: Json): boolean {
  const surelyValid = KIND_SPECS[kind].surelyValidParams;
  if (surelyValid !== undefined && surelyValid(params)) return true;
  return TAKES_EMPTY_PARAMS.has(kind) && countKeys(params) === 0;
}

/** The cheap tests checkField uses, exported for the test that proves each accepts only what its schema accepts. */
export const SURELY_VALID = {
  label: isString,
  position: isPlainPosition,
  edgeEnd: isString,
  edgeInput: isArgumentNumber,
  params: isPlainParams,
} as const;

function checkExtension(key: string, value: unknown, owner: Owner, problems: Problems): void {
  const problem = jsonDataProblem(value);
  if (problem !== null)
    problems.add('schema', `field ${showKey(key)} ${ownerText(owner)} ${problem}`, whereOfOwner(owner));
}

/**
 * The keys of `object` beyond its `known` fields: an `x-` key is kept if it holds JSON data;
 * any other key is an unknown field, named with the known ones and a likely spelling.
 */
function checkOtherFields(object: Json, known: readonly string[], owner: Owner, problems: Problems): void {
  // for-in with hasOwn visits what Object.keys lists, in the same order, without allocating it.
  for (const key in object) {
    if (!Object.hasOwn(object, key) || known.includes(key)) continue;
    if (isExtensionKey(key)) checkExtension(key, object[key], owner, problems);
    else {
      const unknownField =
        owner === null
          ? `unknown top-level field ${showKey(key)}`
          : `unknown field ${showKey(key)} on ${owner.ref}`;
      problems.add(
        'schema',
        `${unknownField}; known: ${known.join(', ')}, ${KNOWN_EXTENSIONS}${didYouMean(key, known)}`,
        whereOfOwner(owner),
      );
    }
  }
}

function checkDocumentFields(doc: Json, problems: Problems): void {
  checkOtherFields(doc, GRAPH_FIELDS, null, problems);
  if (Object.hasOwn(doc, 'name')) checkField(nameSchema, never, doc.name, 'name', null, problems);
  if (Object.hasOwn(doc, 'view')) checkField(viewSchema, never, doc.view, 'view', null, problems);
}

function checkNode(node: unknown, index: number, problems: Problems): NodeInfo {
  if (!isObject(node)) {
    const info = new NodeInfo(index, null);
    problems.add(
      'schema',
      `${info.ref} must be an object like { "id": "nap", "kind": "sleep", "params": { "seconds": 1 } }, got ${describeValue(node)}`,
    );
    return info;
  }
  const info = new NodeInfo(index, node);
  const { id, kind } = node;
  if (typeof id === 'string') info.id = id;
  if (typeof kind === 'string') info.kindName = kind;

  // id (idProblem names only ids that isValidNodeId refuses)
  if (!Object.hasOwn(node, 'id'))
    problems.add('schema', `${info.ref} has no 'id': every node needs one, such as "fetch_page"`);
  else if (typeof id !== 'string')
    problems.add('schema', `field 'id' on ${info.ref} must be a string, got ${describeValue(id)}`);
  else if (!isValidNodeId(id)) {
    const badId = idProblem(id, info.kindName, info.ref);
    if (badId !== null) problems.add('bad-id', badId, info.where);
  }

  // kind
  if (!Object.hasOwn(node, 'kind'))
    problems.add('schema', `${info.ref} has no 'kind': it must be one of ${KINDS_TEXT}`, info.where);
  else if (typeof kind !== 'string')
    problems.add(
      'schema',
      `field 'kind' on ${info.ref} must be one of ${KINDS_TEXT}, got ${describeValue(kind)}`,
      info.where,
    );
  else if (isNodeKind(kind)) info.kind = kind;
  else
    problems.add(
      'unknown-kind',
      `${info.ref} has an unknown kind ${quote(kind)}; known kinds: ${KINDS_TEXT}${didYouMean(kind, NODE_KINDS)}`,
      info.where,
    );

  // other fields
  checkOtherFields(node, NODE_FIELDS, info, problems);
  if (Object.hasOwn(node, 'label')) checkField(labelSchema, isString, node.label, 'label', info, problems);
  if (Object.hasOwn(node, 'position'))
    checkField(positionSchema, isPlainPosition, node.position, 'position', info, problems);
  if (Object.hasOwn(node, 'retry')) {
    checkField(retrySchema, never, node.retry, 'retry', info, problems);
    if (info.kind !== undefined && KIND_SPECS[info.kind].family !== 'coroutine')
      problems.add(
        'schema',
        `field 'retry' on ${info.ref}: only coroutine nodes retry (${COROUTINE_KINDS.join(', ')}); a combinator gives its arguments' outcome`,
        info.where,
      );
  }

  // params: absent means {}
  if (!Object.hasOwn(node, 'params')) setOwn(node, 'params', {});
  const params = node.params;
  if (!isObject(params)) {
    problems.add(
      'schema',
      `field 'params' on ${info.ref} must be an object (use {} for none), got ${describeValue(params)}`,
      info.where,
    );
  } else if (info.kind !== undefined) {
    info.params = params;
    const result = isPlainParams(info.kind, params) ? null : paramsSchemas[info.kind].safeParse(params);
    if (result !== null && !result.success) {
      const messages = explainIssues(result.error.issues, params, {
        noun: 'parameter',
        owner: `on ${info.ref}`,
        prefix: [],
        known: paramNames(info.kind),
        noneKnown: `${info.kind} takes no parameters`,
      });
      for (const message of messages) problems.add('bad-params', message, info.where);
    }
  }
  return info;
}

/** Why an id cannot be a node id, or null. */
function idProblem(id: string, kind: string | undefined, ref: string): string | null {
  const why = 'ids become function names in exported Python and TypeScript';
  const subject = `node id ${quote(id)}${kind === undefined ? '' : ` (${showName(kind)})`}`;
  if (id === '') return `${ref} has an empty id: ids must match [A-Za-z_][A-Za-z0-9_]*, because ${why}`;
  if (!isIdentifier(id)) {
    let suggestion = id.replace(/[^A-Za-z0-9_]/g, '_');
    if (!/^[A-Za-z_]/.test(suggestion)) suggestion = `_${suggestion}`;
    if (reservedIn(suggestion).length > 0) suggestion += '_';
    const hint = suggestion.length <= 60 && IDENTIFIER_PATTERN.test(suggestion) ? `; try ${suggestion}` : '';
    return `${subject} is not an identifier: ids must match [A-Za-z_][A-Za-z0-9_]* (letters, digits and _, not starting with a digit), because ${why}${hint}`;
  }
  const languages = reservedIn(id);
  if (languages.length === 0) return null;
  return `${subject} is a reserved word in ${languages.join(' and ')}: ids cannot be reserved words, because ${why}; try ${id}_`;
}

function checkDuplicateIds(nodes: readonly NodeInfo[], problems: Problems): Map<string, NodeInfo> {
  const first = new Map<string, NodeInfo>();
  for (const node of nodes) {
    if (node.id === undefined) continue;
    const earlier = first.get(node.id);
    if (earlier === undefined) {
      node.number = first.size;
      first.set(node.id, node);
    } else {
      problems.add(
        'duplicate-id',
        `the id ${showName(node.id)} is used by two nodes: node #${earlier.index}${earlier.kindName !== undefined ? ` (${showName(earlier.kindName)})` : ''} and node #${node.index}${node.kindName !== undefined ? ` (${showName(node.kindName)})` : ''}; ids must be unique`,
        { node: node.id },
      );
    }
  }
  return first;
}

function checkEdge(edge: unknown, index: number, problems: Problems): EdgeInfo {
  if (!isObject(edge)) {
    const info = new EdgeInfo(index, null);
    problems.add(
      'schema',
      `${info.ref} must be an object like { "source": "a", "target": "b", "input": 0 }, got ${describeValue(edge)}`,
      { edge: index },
    );
    return info;
  }
  const info = new EdgeInfo(index, edge);
  for (const field of EDGE_FIELDS) {
    if (!Object.hasOwn(edge, field)) {
      const what = field === 'input' ? 'the argument number, a whole number >= 0' : 'a node id';
      problems.add('schema', `${info.ref} has no '${field}' (${what})`, info.where);
      continue;
    }
    const value = edge[field];
    if (field === 'input') {
      if (checkField(edgeInputSchema, isArgumentNumber, value, field, info, problems))
        info.input = value as number;
    } else if (checkField(edgeEndSchema, isString, value, field, info, problems)) {
      info[field] = value as string;
    }
  }
  checkOtherFields(edge, EDGE_FIELDS, info, problems);
  return info;
}

/**
 * Dangling ends and inputs taken twice. Resolves each edge's ends to their nodes and records on each
 * node the inputs wired into it, which the argument and cycle checks then read.
 */
function checkEdgeEnds(
  edges: readonly EdgeInfo[],
  nodes: ReadonlyMap<string, NodeInfo>,
  problems: Problems,
): void {
  let names: string[] | undefined;
  for (const edge of edges) {
    const { source, target, input, index } = edge;
    const sourceNode = source === undefined ? undefined : nodes.get(source);
    const targetNode = target === undefined ? undefined : nodes.get(target);
    if (sourceNode !== undefined) edge.sourceNode = sourceNode;
    if (targetNode !== undefined) edge.targetNode = targetNode;
    const sourceMissing = source !== undefined && sourceNode === undefined;
    const targetMissing = target !== undefined && targetNode === undefined;
    if (sourceMissing || targetMissing) {
      const known = (names ??= [...nodes.keys()]);
      const describe = (role: string, id: string) =>
        `its ${role} ${showName(id)}${didYouMean(id, known, 'inside')} is not a node of this workflow`;
      const parts: string[] = [];
      if (sourceMissing) parts.push(describe('source', source));
      if (targetMissing) parts.push(describe('target', target));
      problems.add('dangling-edge', `${edge.ref}: ${parts.join(', and ')}`, { edge: index });
    }
    if (targetNode === undefined || input === undefined) continue;
    const inputs = (targetNode.inputs ??= new Map());
    const earlier = inputs.get(input);
    if (earlier === undefined) inputs.set(input, edge);
    else {
      problems.add(
        'duplicate-input',
        `${edge.ref}: input ${input} of ${targetNode.ref} is already taken by ${earlier.ref}; each input takes one edge at most`,
        { node: target, edge: index },
      );
    }
  }
}

/** "none", or "3 (inputs 0, 1, 4)": the distinct input numbers wired into a node. */
function describeInputs(inputs: ReadonlyMap<number, EdgeInfo> | undefined): string {
  const wired = [...(inputs?.keys() ?? [])].sort((a, b) => a - b);
  const count = wired.length;
  return count === 0
    ? 'none'
    : `${count} (input${count === 1 ? '' : 's'} ${wired.slice(0, 10).join(', ')}${count > 10 ? ', …' : ''})`;
}

const numberWord = (n: number): string => ['no', 'one', 'two', 'three'][n] ?? String(n);

function checkArguments(
  nodes: readonly NodeInfo[],
  firstById: ReadonlyMap<string, NodeInfo>,
  problems: Problems,
): void {
  for (const node of nodes) {
    if (node.id === undefined || node.kind === undefined) continue;
    // Inputs are recorded on the first node with an id; a duplicate is counted with the same ones.
    const inputs = firstById.get(node.id)?.inputs;
    const count = inputs?.size ?? 0;
    const { min, max } = KIND_SPECS[node.kind].ports;
    if (max !== null && min === max && count !== max) {
      problems.add(
        'input-count',
        `${node.ref} takes exactly ${numberWord(max)} argument${max === 1 ? '' : 's'}, but has ${describeInputs(inputs)}`,
        node.where,
      );
    } else if (count < min) {
      problems.add(
        'input-count',
        `${node.ref} needs at least ${numberWord(min)} argument${min === 1 ? '' : 's'}, but has ${count === 0 ? 'none' : describeInputs(inputs)}`,
        node.where,
      );
    } else if (max !== null && count > max) {
      problems.add(
        'input-count',
        `${node.ref} takes at most ${numberWord(max)} argument${max === 1 ? '' : 's'}, but has ${describeInputs(inputs)}`,
        node.where,
      );
    }
    const { argumentProblems } = KIND_SPECS[node.kind];
    if (argumentProblems !== undefined && node.params !== undefined) {
      for (const message of argumentProblems(node.params, count, () => node.ref)) {
        problems.add('bad-params', message, node.where);
      }
    }
  }
}

function checkCycles(
  nodes: ReadonlyMap<string, NodeInfo>,
  edges: readonly EdgeInfo[],
  problems: Problems,
): void {
  const sources = new Int32Array(edges.length);
  const targets = new Int32Array(edges.length);
  for (let e = 0; e < edges.length; e++) {
    const { sourceNode, targetNode } = edges[e] as EdgeInfo;
    sources[e] = sourceNode?.number ?? -1;
    targets[e] = targetNode?.number ?? -1;
  }
  if (isAcyclic(nodes.size, sources, targets)) return;
  // Each node's distinct successors, in the order of their first edge.
  const distinct = new Map<string, Set<string>>();
  for (const { source, target, sourceNode, targetNode } of edges) {
    if (source === undefined || target === undefined || sourceNode === undefined || targetNode === undefined)
      continue;
    let set = distinct.get(source);
    if (set === undefined) distinct.set(source, (set = new Set()));
    set.add(target);
  }
  const successors = new Map<string, string[]>();
  for (const [source, targets] of distinct) successors.set(source, [...targets]);
  const name = (id: string) => {
    const kind = nodes.get(id)?.kindName;
    return kind === undefined ? showName(id) : `${showName(id)} (${showName(kind)})`;
  };
  for (const { loop, members } of findCycles([...nodes.keys()], successors)) {
    const shown = loop.slice(0, 20).map((id, i) => (i === loop.length - 1 ? showName(id) : name(id)));
    const path =
      loop.length > 20 ? `${shown.join(' -> ')} -> … -> ${showName(loop[0] as string)}` : shown.join(' -> ');
    const onLoop = new Set(loop);
    const others = members.filter((id) => !onLoop.has(id));
    const also =
      others.length > 0
        ? `; also caught in it: ${others.slice(0, 10).map(showName).join(', ')}${others.length > 10 ? ', …' : ''}`
        : '';
    problems.add(
      'cycle',
      `cycle: ${path}; a workflow must be acyclic, since a node cannot wait for its own result${also}`,
      { node: loop[0] },
    );
  }
}
