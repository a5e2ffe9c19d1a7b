/** The recently used workflow files, newest first, at most ten, kept in dataDir/recent.json. */
import { mkdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { writeFileAtomic } from './atomic-write';

export const MAX_RECENT_FILES = 10;

export class RecentFiles {
  private readonly file: string;
  /** Serialises updates so that two quick saves cannot lose each other's entry. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly dataDir: string) {
    this.file = join(dataDir, 'recent.json');
  }

  async list(): Promise<string[]> {
    try {
      const parsed: unknown = JSON.parse(await readFile(this.file, 'utf8'));
      if (!Array.isArray(parsed)) return [];
      return parsed.filter((p): p is string => typeof p === 'string').slice(0, MAX_RECENT_FILES);
    } catch {
      return []; // missing or damaged: start a new list
    }
  }

  add(path: string): Promise<void> {
    const absolute = resolve(path);
    const update = this.queue.then(async () => {
      const paths = [absolute, ...(await this.list()).filter((p) => p !== absolute)].slice(
        0,
        MAX_RECENT_FILES,
      );
      await mkdir(this.dataDir, { recursive: true });
      await writeFileAtomic(this.file, `${JSON.stringify(paths, null, 2)}\n`);
    });
    this.queue = update.catch(() => undefined);
    return update;
  }
}
