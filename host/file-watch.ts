/**
 * Watches the workflow files pages have open and says when one changes on disk or is deleted, but
 * never for the app's own saves (ownWrite). A change is a change of content: the watcher keeps the
 * text each file had when it was last read, written by the app, or reported, and reports only a file
 * whose text differs (or that is gone), once per change.
 *
 * It watches each file's folder, not the file: editors that save by writing a temporary file and
 * renaming it over the original (vim, VS Code, the app itself) replace the file's inode, which a
 * watch on the file would lose. Events are let settle for a moment (a save is several events), and a
 * slow poll of the file's size and time backs the folder watch up where it misses changes (network
 * folders, a folder replaced whole).
 */
import { watch, type FSWatcher } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';

export type DiskChange = 'changed' | 'deleted';

export interface FileWatchOptions {
  /** How long events are let settle before the file is read (ms). */
  settleMs?: number;
  /** How often size and time are polled besides the folder watch (ms; 0: no polling). */
  pollMs?: number;
  /** At most this many watchers (pages) are remembered; the oldest are forgotten first. */
  maxWatchers?: number;
}

interface Watched {
  path: string;
  /** The text the app last knew the file to have; null: it did not exist. */
  known: string | null;
  /** Size and modification time at the last look, for the poll. */
  stamp: string | null;
  folderWatch: FSWatcher | null;
  poll: ReturnType<typeof setInterval> | null;
  settle: ReturnType<typeof setTimeout> | null;
  /** The app's own writes under way: checks wait until they are done. */
  writing: number;
  /** Counts the app's own writes: a check that saw one begin reads again. */
  writes: number;
  /** A check is running; another one is due after it. */
  checking: Promise<void> | null;
  recheck: boolean;
  closed: boolean;
}

async function readText(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw error;
  }
}

async function stampOf(path: string): Promise<string | null> {
  try {
    const facts = await stat(path);
    return `${facts.size}:${facts.mtimeMs}:${facts.ino}`;
  } catch {
    return null;
  }
}

export class FileWatch {
  /** Which file each watcher (a page) has open. */
  private readonly watchers = new Map<string, string>();
  private readonly files = new Map<string, Watched>();
  private readonly settleMs: number;
  private readonly pollMs: number;
  private readonly maxWatchers: number;

  constructor(
    private readonly onChange: (path: string, change: DiskChange) => void,
    options: FileWatchOptions = {},
  ) {
    this.settleMs = options.settleMs ?? 150;
    this.pollMs = options.pollMs ?? 2000;
    this.maxWatchers = options.maxWatchers ?? 32;
  }

  /**
   * Watcher `watcher` (a page) now has `path` open (an absolute path), or none (null). The file's
   * text as it is now counts as known: only later changes are reported.
   */
  async watch(watcher: string, path: string | null): Promise<void> {
    this.watchers.delete(watcher);
    if (path !== null) this.watchers.set(watcher, path);
    for (const oldest of this.watchers.keys()) {
      if (this.watchers.size <= this.maxWatchers) break;
      this.watchers.delete(oldest);
    }
    // A file no page has open any more is let go.
    const open = new Set(this.watchers.values());
    for (const file of [...this.files.keys()]) if (!open.has(file)) this.release(file);
    if (path !== null && !this.files.has(path)) await this.start(path);
  }

  /** The paths being watched (for tests and diagnostics). */
  watchedPaths(): string[] {
    return [...this.files.keys()];
  }

  /**
   * Writes `text` to `path` with `write`, as the app's own save: the watcher takes `text` as the
   * file's known content, so the save is not reported as a change. Other changes made during the
   * write are seen afterwards, if the file then differs from `text`.
   */
  async ownWrite<T>(path: string, text: string, write: () => Promise<T>): Promise<T> {
    const file = this.files.get(path);
    if (file === undefined) return write();
    file.writing += 1;
    file.writes += 1;
    try {
      const result = await write();
      file.known = text;
      file.stamp = await stampOf(path);
      return result;
    } finally {
      file.writing -= 1;
    }
  }

  close(): void {
    for (const path of [...this.files.keys()]) this.release(path);
    this.watchers.clear();
  }

  private async start(path: string): Promise<void> {
    const file: Watched = {
      path,
      known: null,
      stamp: null,
      folderWatch: null,
      poll: null,
      settle: null,
      writing: 0,
      writes: 0,
      checking: null,
      recheck: false,
      closed: false,
    };
    this.files.set(path, file);
    try {
      file.known = await readText(path);
    } catch {
      file.known = null; // unreadable now: a later readable text counts as a change
    }
    file.stamp = await stampOf(path);
    if (file.closed) return;
    const name = basename(path);
    try {
      file.folderWatch = watch(dirname(path), { persistent: false }, (_event, changed) => {
        // Some platforms do not name the file; then any change in the folder is looked at.
        if (changed === null || changed === name) this.schedule(file);
      });
      file.folderWatch.on('error', () => {
        file.folderWatch?.close();
        file.folderWatch = null; // the poll carries on alone
      });
    } catch {
      file.folderWatch = null; // no watching here (the folder is gone, or watches are used up): poll
    }
    if (this.pollMs > 0) {
      file.poll = setInterval(() => {
        void stampOf(path).then((stamp) => {
          if (stamp !== file.stamp) this.schedule(file);
        });
      }, this.pollMs);
      file.poll.unref();
    }
  }

  private release(path: string): void {
    const file = this.files.get(path);
    if (file === undefined) return;
    file.closed = true;
    file.folderWatch?.close();
    if (file.poll !== null) clearInterval(file.poll);
    if (file.settle !== null) clearTimeout(file.settle);
    this.files.delete(path);
  }

  private schedule(file: Watched): void {
    if (file.closed) return;
    if (file.settle !== null) clearTimeout(file.settle);
    file.settle = setTimeout(() => {
      file.settle = null;
      void this.check(file);
    }, this.settleMs);
    file.settle.unref();
  }

  /** Reads the file and reports it if its text is not the known one; one check at a time. */
  private async check(file: Watched): Promise<void> {
    if (file.closed) return;
    if (file.writing > 0 || file.checking !== null) {
      // After the app's own write, or the check under way, look again.
      if (file.writing > 0) this.schedule(file);
      else file.recheck = true;
      return;
    }
    file.checking = (async () => {
      const writes = file.writes;
      let text: string | null;
      try {
        text = await readText(file.path);
      } catch {
        return; // unreadable for a moment (permissions being changed): the next event looks again
      }
      file.stamp = await stampOf(file.path);
      if (file.closed || text === file.known) return;
      if (file.writing > 0 || file.writes !== writes) {
        file.recheck = true; // the app wrote meanwhile: what was read may be from before its save
        return;
      }
      file.known = text;
      this.onChange(file.path, text === null ? 'deleted' : 'changed');
    })();
    try {
      await file.checking;
    } finally {
      file.checking = null;
      if (file.recheck) {
        file.recheck = false;
        this.schedule(file);
      }
    }
  }
}
