/**
 * The values last given to each workflow's inputs (the Run dialog fills them in again), kept in
 * dataDir/run-inputs.json by document: its absolute path, or its autosave key while unsaved. At most
 * MAX_DOCUMENTS documents, the most recently run kept; a damaged file starts a new table.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { JsonValue } from '../shared/graph/json-value';
import { writeFileAtomic } from './atomic-write';

export const MAX_DOCUMENTS = 100;

export type InputValues = Record<string, JsonValue>;

export interface DocumentRef {
  path: string | null;
  key: string;
}

const documentKey = (document: DocumentRef): string =>
  document.path === null ? `unsaved:${document.key}` : `file:${resolve(document.path)}`;

const isValues = (value: unknown): value is InputValues =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

export class RunInputs {
  private readonly file: string;
  /** Serialises updates so that two quick runs cannot lose each other's values. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly dataDir: string) {
    this.file = join(dataDir, 'run-inputs.json');
  }

  private async table(): Promise<Map<string, InputValues>> {
    try {
      const parsed: unknown = JSON.parse(await readFile(this.file, 'utf8'));
      if (!isValues(parsed)) return new Map();
      return new Map(
        Object.entries(parsed).filter((entry): entry is [string, InputValues] => isValues(entry[1])),
      );
    } catch {
      return new Map(); // missing or damaged: start a new table
    }
  }

  /** The values last given to `document`'s inputs, or null. */
  async last(document: DocumentRef): Promise<InputValues | null> {
    return (await this.table()).get(documentKey(document)) ?? null;
  }

  /** Keeps `values` as `document`'s last ones (none given: nothing is kept). */
  remember(document: DocumentRef, values: InputValues): Promise<void> {
    if (Object.keys(values).length === 0) return Promise.resolve();
    const update = this.queue.then(async () => {
      const table = await this.table();
      const key = documentKey(document);
      table.delete(key); // re-inserted last: the most recently run
      table.set(key, values);
      for (const oldest of table.keys()) {
        if (table.size <= MAX_DOCUMENTS) break;
        table.delete(oldest);
      }
      await mkdir(this.dataDir, { recursive: true });
      await writeFileAtomic(this.file, `${JSON.stringify(Object.fromEntries(table), null, 1)}\n`);
    });
    this.queue = update.catch(() => undefined);
    return update;
  }
}
