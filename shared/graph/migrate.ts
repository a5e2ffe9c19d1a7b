/**
 * Older versions of the workflow file, read through migrations (docs/file-format.md, "Versions").
 * Each step brings a document of one version to the next, in place; reading applies them in turn
 * until the document is in the current format, then checks it as any other. Saving always writes
 * the current format.
 */
import { GRAPH_FORMAT } from './types';

type Json = Record<string, unknown>;

interface Migration {
  /** The format the step writes. */
  to: string;
  /** What the newer version added, for people (the editor says it when it opens an older file). */
  what: string;
  step(doc: Json): void;
}

/**
 * Every older format by name. Version 2 added the kinds input, choose, call and map, subflows,
 * retries, notes and groups, and `{env.NAME}` placeholders: a version 1 document means the same in
 * version 2, so its step only renames the format.
 */
const MIGRATIONS: Readonly<Record<string, Migration>> = {
  'flowloop.graph/1': {
    to: 'flowloop.graph/2',
    what: 'inputs, choose, call and map, subflows, retries, notes and groups, and {env.NAME} placeholders',
    step: (doc) => {
      doc.format = 'flowloop.graph/2';
    },
  },
};

/** The formats this Flowloop reads, oldest first, the current one last. */
export const READABLE_FORMATS: readonly string[] = [...Object.keys(MIGRATIONS), GRAPH_FORMAT];

export function isOlderFormat(format: unknown): format is string {
  return typeof format === 'string' && Object.hasOwn(MIGRATIONS, format);
}

/**
 * Brings `doc` (whose `format` is an older one) to the current format, in place, and returns the
 * format it was in.
 */
export function migrateToCurrent(doc: Json): string {
  const from = doc.format as string;
  let format: unknown = from;
  // Bounded by the number of steps: a table that loops is a bug, reported as one.
  for (let steps = 0; isOlderFormat(format); steps++) {
    if (steps > Object.keys(MIGRATIONS).length) throw new Error(`the migrations from ${from} loop`);
    const migration = MIGRATIONS[format] as Migration;
    migration.step(doc);
    if (doc.format !== migration.to)
      throw new Error(`the migration from ${format} wrote ${String(doc.format)}`);
    format = doc.format;
  }
  if (format !== GRAPH_FORMAT) throw new Error(`the migrations from ${from} end at ${String(format)}`);
  return from;
}
