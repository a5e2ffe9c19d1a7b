/**
 * Unsaved work, one file per document in dataDir/autosave/<key>.json with its path and time.
 * What is still there at the next start is offered back (crash recovery) until saved or discarded.
 */
import { mkdir, readdir, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { RecoverableWork } from '../shared/protocol/messages';
import { writeFileAtomic } from './atomic-write';

/** Keys become file names: letters, digits, '-', '_' and '.', not starting with a dot. */
const SAFE_KEY = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}$/;

export function checkAutosaveKey(key: string): void {
  if (!SAFE_KEY.test(key)) {
    throw new Error(
      `autosave key '${key.slice(0, 40)}' is not allowed: use letters, digits, '-', '_' or '.', not starting with '.'`,
    );
  }
}

export class AutosaveStore {
  private readonly dir: string;

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'autosave');
  }

  async write(key: string, path: string | null, text: string, now: Date = new Date()): Promise<void> {
    checkAutosaveKey(key);
    await mkdir(this.dir, { recursive: true });
    const item: RecoverableWork = { key, path, savedAt: now.toISOString(), text };
    await writeFileAtomic(join(this.dir, `${key}.json`), JSON.stringify(item));
  }

  async list(): Promise<RecoverableWork[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return [];
    }
    const items: RecoverableWork[] = [];
    for (const name of names) {
      if (!name.endsWith('.json') || name.startsWith('.')) continue; // skips writes in progress
      const item = await readItem(join(this.dir, name));
      if (item !== null) items.push(item);
    }
    return items.sort((a, b) => b.savedAt.localeCompare(a.savedAt));
  }

  async discard(key: string): Promise<void> {
    checkAutosaveKey(key);
    await unlink(join(this.dir, `${key}.json`)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }
}

async function readItem(file: string): Promise<RecoverableWork | null> {
  try {
    const raw = JSON.parse(await readFile(file, 'utf8')) as Partial<RecoverableWork>;
    if (typeof raw.key !== 'string' || typeof raw.savedAt !== 'string' || typeof raw.text !== 'string')
      return null;
    if (raw.path !== null && typeof raw.path !== 'string') return null;
    return { key: raw.key, path: raw.path ?? null, savedAt: raw.savedAt, text: raw.text };
  } catch {
    return null;
  }
}
