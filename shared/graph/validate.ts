/**
 * validateGraph: every problem of a workflow document at once (spec §1), or the graph.
 *
 * Order of the checks, and of the problems: the document's own fields, each node (id, kind, fields,
 * params), duplicate ids, each edge (fields, dangling ends, taken inputs), argument counts and
 * placeholder numbers, cycles. The graph returned is a copy of the input with nothing added but
 * `params: {}` on nodes without params and `edges: []` when edges are absent.
 */
import type { z } from 'zod';
import { findCycles } from './cycles';
import { IDENTIFIER_PATTERN, isIdentifier, reservedIn } from './identifiers';
import { explainIssues } from './issues';
import { copyJsonData, jsonDataProblem, setOwn, type JsonPath } from './json-data';
import { fetchTemplates, parsePlaceholders } from './placeholders';
import {
  describeValue,
  edgeRef,
  nodeRef,
  oneLine,
  quote,
  showKey,
  showName,
  type ParseResult,
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
  viewSchema,
} from './schema';
import { didYouMean } from './suggest';
import { GRAPH_FORMAT, type FetchParams, type Graph, type JsonValue, type NodeKind } from './types';

type Json = Record<string, unknown>;

interface NodeInfo {
  index: number;
  ref: string;
  id?: string;
  kindName?: string;
  kind?: NodeKind;
  /** The params object, when it is one. */
  params?: Json;
}

interface EdgeInfo {
  index: number;
  ref: string;
  source?: string;
  target?: string;
  input?: number;
}

class Problems {
  readonly list: Problem[] = [];
  add(code: ProblemCode, message: string, where: { node?: string | undefined; edge?: number } = {}): void {
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

export function validateGraph(value: unknown): ParseResult {
  try {
    return check(value);
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

function check(value: unknown): ParseResult {
  const problems = new Problems();
  if (!isObject(value)) {
    problems.add(
      'not-object',
      `a workflow must be a JSON object like { "format": "${GRAPH_FORMAT}", "nodes": [...], "edges": [...] }, but this is ${kindOfValue(value)}`,
    );
    return { ok: false, problems: problems.list };
  }
  const copied = copyJsonData(value);
  if (!copied.ok) {
    for (const issue of copied.issues)
      problems.add('schema', describeDataIssue(value, issue.path, issue.message), whereOf(value, issue.path));
    return { ok: false, problems: problems.list };
  }
  const doc = copied.value as Json;

  if (!Object.hasOwn(doc, 'format')) {
    if (!Object.hasOwn(doc, 'nodes')) {
      problems.add(
        'format-missing',
        `this is not a Flowloop workflow: it has no "format" (expected "${GRAPH_FORMAT}") and no "nodes"`,
      );
      return { ok: false, problems: problems.list };
    }
    problems.add('format-missing', `missing "format": a workflow starts with "format": "${GRAPH_FORMAT}"`);
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
  checkArguments(nodeInfos, edgeInfos, problems);
  checkCycles(firstById, edgeInfos, problems);

  if (problems.list.length > 0) return { ok: false, problems: problems.list };
  return { ok: true, graph: doc as unknown as Graph, problems: [] };
}

function formatMessage(format: unknown): string {
  const reads = `this Flowloop reads "${GRAPH_FORMAT}" files only`;
  if (typeof format !== 'string')
    return `"format" must be the string "${GRAPH_FORMAT}", got ${describeValue(format)}`;
  const version = /^flowloop\.graph\/(\d+)(\.\d+)*$/.exec(format);
  if (version !== null) {
    const major = Number(version[1]);
    if (major > 1) return `this workflow is in format ${quote(format)}, made by a newer Flowloop: ${reads}`;
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

/** A field that is checked by one schema: messages say "field 'label' on node nap (sleep) …". */
function checkField(
  schema: z.ZodType,
  value: unknown,
  field: string,
  owner: string,
  problems: Problems,
  where: { node?: string; edge?: number },
): boolean {
  const result = schema.safeParse(value);
  if (result.success) return true;
  const messages = explainIssues(result.error.issues, value, {
    noun: 'field',
    owner,
    prefix: [field],
    known: [],
  });
  for (const message of messages) problems.add('schema', message.trimEnd(), where);
  return false;
}

function checkExtension(
  key: string,
  value: unknown,
  owner: string,
  problems: Problems,
  where: { node?: string; edge?: number },
): void {
  const problem = jsonDataProblem(value);
  if (problem !== null) problems.add('schema', `field ${showKey(key)} ${owner} ${problem}`, where);
}

/**
 * The keys of `object` beyond its `known` fields: an `x-` key is kept if it holds JSON data;
 * any other key is an unknown field, named with the known ones and a likely spelling.
 */
function checkOtherFields(
  object: Json,
  known: readonly string[],
  owner: string,
  unknownField: (key: string) => string,
  problems: Problems,
  where: { node?: string; edge?: number },
): void {
  for (const key of Object.keys(object)) {
    if (known.includes(key)) continue;
    if (isExtensionKey(key)) checkExtension(key, object[key], owner, problems, where);
    else
      problems.add(
        'schema',
        `${unknownField(key)}; known: ${known.join(', ')}, ${KNOWN_EXTENSIONS}${didYouMean(key, known)}`,
        where,
      );
  }
}

function checkDocumentFields(doc: Json, problems: Problems): void {
  const owner = 'of the workflow';
  checkOtherFields(doc, GRAPH_FIELDS, owner, (key) => `unknown top-level field ${showKey(key)}`, problems, {});
  if (Object.hasOwn(doc, 'name')) checkField(nameSchema, doc.name, 'name', owner, problems, {});
  if (Object.hasOwn(doc, 'view')) checkField(viewSchema, doc.view, 'view', owner, problems, {});
}

function checkNode(node: unknown, index: number, problems: Problems): NodeInfo {
  if (!isObject(node)) {
    const ref = `node #${index}`;
    problems.add(
      'schema',
      `${ref} must be an object like { "id": "nap", "kind": "sleep", "params": { "seconds": 1 } }, got ${describeValue(node)}`,
    );
    return { index, ref };
  }
  const info: NodeInfo = { index, ref: nodeRef(index, node.id, node.kind) };
  const { ref } = info;
  if (typeof node.id === 'string') info.id = node.id;
  if (typeof node.kind === 'string') info.kindName = node.kind;
  const where = { node: info.id };

  // id
  if (!Object.hasOwn(node, 'id'))
    problems.add('schema', `${ref} has no 'id': every node needs one, such as "fetch_page"`);
  else if (typeof node.id !== 'string')
    problems.add('schema', `field 'id' on ${ref} must be a string, got ${describeValue(node.id)}`);
  else {
    const badId = idProblem(node.id, info.kindName, ref);
    if (badId !== null) problems.add('bad-id', badId, where);
  }

  // kind
  const kinds = NODE_KINDS.join(', ');
  if (!Object.hasOwn(node, 'kind'))
    problems.add('schema', `${ref} has no 'kind': it must be one of ${kinds}`, where);
  else if (typeof node.kind !== 'string')
    problems.add(
      'schema',
      `field 'kind' on ${ref} must be one of ${kinds}, got ${describeValue(node.kind)}`,
      where,
    );
  else if (isNodeKind(node.kind)) info.kind = node.kind;
  else
    problems.add(
      'unknown-kind',
      `${ref} has an unknown kind ${quote(node.kind)}; known kinds: ${kinds}${didYouMean(node.kind, NODE_KINDS)}`,
      where,
    );

  // other fields
  checkOtherFields(node, NODE_FIELDS, `on ${ref}`, (key) => `unknown field ${showKey(key)} on ${ref}`, problems, where);
  if (Object.hasOwn(node, 'label'))
    checkField(labelSchema, node.label, 'label', `on ${ref}`, problems, where);
  if (Object.hasOwn(node, 'position'))
    checkField(positionSchema, node.position, 'position', `on ${ref}`, problems, where);

  // params: absent means {}
  if (!Object.hasOwn(node, 'params')) setOwn(node, 'params', {});
  const params = node.params;
  if (!isObject(params)) {
    problems.add(
      'schema',
      `field 'params' on ${ref} must be an object (use {} for none), got ${describeValue(params)}`,
      where,
    );
  } else if (info.kind !== undefined) {
    info.params = params;
    const result = paramsSchemas[info.kind].safeParse(params);
    if (!result.success) {
      const messages = explainIssues(result.error.issues, params, {
        noun: 'parameter',
        owner: `on ${ref}`,
        prefix: [],
        known: paramNames(info.kind),
        noneKnown: `${info.kind} takes no parameters`,
      });
      for (const message of messages) problems.add('bad-params', message, where);
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
    if (earlier === undefined) first.set(node.id, node);
    else {
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
    const ref = `edge #${index}`;
    problems.add(
      'schema',
      `${ref} must be an object like { "source": "a", "target": "b", "input": 0 }, got ${describeValue(edge)}`,
      { edge: index },
    );
    return { index, ref };
  }
  const ref = edgeRef(index, edge.source, edge.target, edge.input);
  const info: EdgeInfo = { index, ref };
  const where = { edge: index };
  for (const field of EDGE_FIELDS) {
    if (!Object.hasOwn(edge, field)) {
      const what = field === 'input' ? 'the argument number, a whole number >= 0' : 'a node id';
      problems.add('schema', `${ref} has no '${field}' (${what})`, where);
      continue;
    }
    const schema = field === 'input' ? edgeInputSchema : edgeEndSchema;
    if (!checkField(schema, edge[field], field, `on ${ref}`, problems, where)) continue;
    if (field === 'input') info.input = edge.input as number;
    else info[field] = edge[field] as string;
  }
  checkOtherFields(edge, EDGE_FIELDS, `on ${ref}`, (key) => `unknown field ${showKey(key)} on ${ref}`, problems, where);
  return info;
}

function checkEdgeEnds(
  edges: readonly EdgeInfo[],
  nodes: ReadonlyMap<string, NodeInfo>,
  problems: Problems,
): void {
  const takenBy = new Map<string, EdgeInfo>();
  for (const edge of edges) {
    const { source, target, input, ref, index } = edge;
    const missing = [source, target].map((end) => end !== undefined && !nodes.has(end));
    if (missing[0] === true || missing[1] === true) {
      const names = [...nodes.keys()];
      const describe = (role: string, id: string) =>
        `its ${role} ${showName(id)}${didYouMean(id, names, 'inside')} is not a node of this workflow`;
      const parts: string[] = [];
      if (missing[0] === true && source !== undefined) parts.push(describe('source', source));
      if (missing[1] === true && target !== undefined) parts.push(describe('target', target));
      problems.add('dangling-edge', `${ref}: ${parts.join(', and ')}`, { edge: index });
    }
    if (target === undefined || input === undefined || !nodes.has(target)) continue;
    const key = `${target}\u0000${input}`;
    const earlier = takenBy.get(key);
    if (earlier === undefined) takenBy.set(key, edge);
    else {
      const node = nodes.get(target) as NodeInfo;
      problems.add(
        'duplicate-input',
        `${ref}: input ${input} of ${node.ref} is already taken by ${earlier.ref}; each input takes one edge at most`,
        { node: target, edge: index },
      );
    }
  }
}

/** The distinct input numbers wired into each node, from edges whose fields are valid. */
function inputsByTarget(edges: readonly EdgeInfo[]): Map<string, Set<number>> {
  const inputs = new Map<string, Set<number>>();
  for (const { target, input } of edges) {
    if (target === undefined || input === undefined) continue;
    let set = inputs.get(target);
    if (set === undefined) inputs.set(target, (set = new Set()));
    set.add(input);
  }
  return inputs;
}

const plural = (count: number, word: string) =>
  count === 0 ? `no ${word}s` : count === 1 ? `1 ${word}` : `${count} ${word}s`;

function checkArguments(nodes: readonly NodeInfo[], edges: readonly EdgeInfo[], problems: Problems): void {
  const inputs = inputsByTarget(edges);
  for (const node of nodes) {
    if (node.id === undefined || node.kind === undefined) continue;
    const wired = [...(inputs.get(node.id) ?? [])].sort((a, b) => a - b);
    const count = wired.length;
    const list =
      count === 0
        ? 'none'
        : `${count} (input${count === 1 ? '' : 's'} ${wired.slice(0, 10).join(', ')}${count > 10 ? ', …' : ''})`;
    const where = { node: node.id };
    if ((node.kind === 'wait_for' || node.kind === 'shield') && count !== 1) {
      problems.add('input-count', `${node.ref} takes exactly one argument, but has ${list}`, where);
    } else if ((node.kind === 'wait' || node.kind === 'race') && count === 0) {
      problems.add('input-count', `${node.ref} needs at least one argument, but has none`, where);
    }
    if (node.kind === 'fetch' && node.params !== undefined) {
      for (const message of placeholderRangeProblems(wellTypedTemplates(node.params), count, node.ref)) {
        problems.add('bad-params', message, where);
      }
    }
  }
}

/** The url, header values and body of fetch params, each only when of the right type (other faults are reported apart). */
function wellTypedTemplates(params: Json): Pick<FetchParams, 'url' | 'headers' | 'body'> {
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
function placeholderRangeProblems(
  params: Pick<FetchParams, 'url' | 'headers' | 'body'>,
  count: number,
  ref: string,
): string[] {
  const messages = new Set<string>();
  for (const { where, template } of fetchTemplates(params)) {
    const parsed = parsePlaceholders(template);
    if (!parsed.ok) continue;
    for (const part of parsed.parts) {
      if (part.kind === 'placeholder' && part.index >= count) {
        messages.add(
          `${where} uses ${part.source} but ${ref} has ${plural(count, 'input')}${count > 0 ? ` (placeholders count from {0} to {${count - 1}})` : ''}`,
        );
      }
    }
  }
  return [...messages];
}

function checkCycles(
  nodes: ReadonlyMap<string, NodeInfo>,
  edges: readonly EdgeInfo[],
  problems: Problems,
): void {
  const successors = new Map<string, string[]>();
  for (const { source, target } of edges) {
    if (source === undefined || target === undefined || !nodes.has(source) || !nodes.has(target)) continue;
    let list = successors.get(source);
    if (list === undefined) successors.set(source, (list = []));
    if (!list.includes(target)) list.push(target);
  }
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
