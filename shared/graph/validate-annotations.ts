/**
 * The checks of a workflow's notes and groups (docs/file-format.md, "Notes and groups"), for
 * validate.ts, which calls them after the nodes and edges: each field's value is asked of its zod
 * schema (schema.ts); what no field schema sees is checked here (unknown fields, duplicate ids, group
 * members that are not nodes, a node listed twice or in two groups). Messages name the field by its
 * path in the document: "field 'notes[2].text' of the workflow must be a string (markdown), got 3".
 * Both are editor-only: nothing here changes what a run or an export sees.
 */
import type { z } from 'zod';
import { explainIssues, renderPath, type IssuePath } from './issues';
import { jsonDataProblem } from './json-data';
import { showKey, showName, type ProblemCode } from './problems';
import {
  GROUP_FIELDS,
  NOTE_FIELDS,
  annotationIdSchema,
  colorSchema,
  groupNodesSchema,
  groupTitleSchema,
  isExtensionKey,
  noteSizeSchema,
  noteTextSchema,
  positionSchema,
} from './schema';
import { didYouMean } from './suggest';

type Json = Record<string, unknown>;

/** How validate.ts records a problem; `node` when the problem is about one node. */
export type AddProblem = (code: ProblemCode, message: string, where?: { node?: string }) => void;

const OWNER = 'of the workflow';
const KNOWN_EXTENSIONS = 'and any key starting with x-';

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string')
    return `${JSON.stringify(value.length > 40 ? `${value.slice(0, 39)}…` : value)} (a string)`;
  return String(value);
}

/** One field's value against its schema; true when it is accepted. */
function checkValue(schema: z.ZodType, value: unknown, path: IssuePath, add: AddProblem): boolean {
  const result = schema.safeParse(value);
  if (result.success) return true;
  for (const message of explainIssues(result.error.issues, value, {
    noun: 'field',
    owner: OWNER,
    prefix: path,
    known: [],
  }))
    add('schema', message.trimEnd());
  return false;
}

/** The item's keys beyond `known`: an `x-` key holds JSON data; any other is refused, with a likely spelling. */
function checkKeys(item: Json, known: readonly string[], path: IssuePath, add: AddProblem): void {
  for (const key in item) {
    if (!Object.hasOwn(item, key) || known.includes(key)) continue;
    const at = renderPath([...path, key]);
    if (isExtensionKey(key)) {
      const problem = jsonDataProblem(item[key]);
      if (problem !== null) add('schema', `field '${at}' ${OWNER} ${problem}`);
    } else {
      add(
        'schema',
        `unknown field ${showKey(key)} in '${renderPath(path)}' ${OWNER}; known: ${known.join(', ')}, ${KNOWN_EXTENSIONS}${didYouMean(key, known)}`,
      );
    }
  }
}

/** Checks the required and optional fields of one note or group; gives its id when that is valid. */
function checkItem(
  item: unknown,
  path: IssuePath,
  noun: 'note' | 'group',
  fields: readonly { name: string; schema: z.ZodType; required: boolean }[],
  known: readonly string[],
  add: AddProblem,
): string | undefined {
  const at = renderPath(path);
  if (!isObject(item)) {
    const example =
      noun === 'note'
        ? '{ "id": "n1", "text": "…", "position": { "x": 0, "y": 0 } }'
        : '{ "id": "g1", "title": "…", "nodes": ["a", "b"] }';
    add('schema', `'${at}' ${OWNER} must be a ${noun} like ${example}, got ${describe(item)}`);
    return undefined;
  }
  let id: string | undefined;
  for (const { name, schema, required } of fields) {
    if (!Object.hasOwn(item, name)) {
      if (required)
        add('schema', `missing field '${renderPath([...path, name])}' ${OWNER}: every ${noun} has one`);
      continue;
    }
    if (checkValue(schema, item[name], [...path, name], add) && name === 'id') id = item.id as string;
  }
  checkKeys(item, known, path, add);
  return id;
}

const NOTE_CHECKS = [
  { name: 'id', schema: annotationIdSchema, required: true },
  { name: 'text', schema: noteTextSchema, required: true },
  { name: 'position', schema: positionSchema, required: true },
  { name: 'size', schema: noteSizeSchema, required: false },
  { name: 'color', schema: colorSchema, required: false },
] as const;

const GROUP_CHECKS = [
  { name: 'id', schema: annotationIdSchema, required: true },
  { name: 'title', schema: groupTitleSchema, required: true },
  { name: 'nodes', schema: groupNodesSchema, required: true },
  { name: 'color', schema: colorSchema, required: false },
] as const;

function checkList(doc: Json, field: 'notes' | 'groups', add: AddProblem): unknown[] | null {
  const value = doc[field];
  if (Array.isArray(value)) return value;
  add('schema', `top-level field '${field}' must be a list of ${field} (or absent), got ${describe(value)}`);
  return null;
}

/** Ids used twice among the notes or among the groups. */
function checkDuplicates(
  ids: readonly (string | undefined)[],
  noun: 'note' | 'group',
  add: AddProblem,
): void {
  const first = new Map<string, number>();
  ids.forEach((id, index) => {
    if (id === undefined) return;
    const earlier = first.get(id);
    if (earlier === undefined) first.set(id, index);
    else
      add(
        'duplicate-id',
        `the id ${showName(id)} is used by two ${noun}s: ${noun}s[${earlier}] and ${noun}s[${index}]; ${noun} ids must be unique`,
      );
  });
}

/** The document's `notes`, when present. */
export function checkNotes(doc: Json, add: AddProblem): void {
  const notes = checkList(doc, 'notes', add);
  if (notes === null) return;
  const ids = notes.map((note, index) =>
    checkItem(note, ['notes', index], 'note', NOTE_CHECKS, NOTE_FIELDS, add),
  );
  checkDuplicates(ids, 'note', add);
}

/**
 * The document's `groups`, when present. `nodeRef` names a node of the workflow ("node a (value)"),
 * or gives undefined for an id that is no node's.
 */
export function checkGroups(
  doc: Json,
  nodeIds: ReadonlyMap<string, unknown>,
  nodeRef: (id: string) => string,
  add: AddProblem,
): void {
  const groups = checkList(doc, 'groups', add);
  if (groups === null) return;
  const ids = groups.map((group, index) =>
    checkItem(group, ['groups', index], 'group', GROUP_CHECKS, GROUP_FIELDS, add),
  );
  checkDuplicates(ids, 'group', add);

  // Members: nodes of the workflow, each listed once, in one group at most.
  let known: string[] | undefined;
  const groupOf = new Map<string, number>();
  const name = (index: number) => {
    const id = ids[index];
    return id === undefined ? `groups[${index}]` : `groups[${index}] (${showName(id)})`;
  };
  groups.forEach((group, index) => {
    if (!isObject(group) || !Array.isArray(group.nodes)) return;
    const members = group.nodes as unknown[];
    const seen = new Map<string, number>();
    members.forEach((member, at) => {
      if (typeof member !== 'string') return; // the schema said so
      const path = `groups[${index}].nodes[${at}]`;
      const twice = seen.get(member);
      if (twice !== undefined) {
        add(
          'schema',
          `field '${path}' ${OWNER}: ${showName(member)} is listed twice in this group (also at nodes[${twice}])`,
        );
        return;
      }
      seen.set(member, at);
      if (!nodeIds.has(member)) {
        known ??= [...nodeIds.keys()];
        add(
          'schema',
          `field '${path}' ${OWNER}: ${showName(member)}${didYouMean(member, known, 'inside')} is not a node of this workflow`,
        );
        return;
      }
      const other = groupOf.get(member);
      if (other === undefined) groupOf.set(member, index);
      else
        add(
          'schema',
          `${nodeRef(member)} is in two groups, ${name(other)} and ${name(index)}; a node is in one group at most`,
          { node: member },
        );
    });
  });
}
