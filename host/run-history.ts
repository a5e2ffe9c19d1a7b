/**
 * The last runs of each document, kept in dataDir/run-history/<hash>/ (one folder per document,
 * named by a hash of its absolute path, or of its autosave key while it is unsaved): index.json
 * lists the runs' summaries, newest first, and each run has its own <runId>.json (formats in
 * run-history-files.ts). A run's end writes its own file and the small index, so its cost does not
 * grow with the history; list() reads only the index, get() the index and one run file.
 *
 * At most RUN_HISTORY_LIMIT runs; the oldest goes when a new one comes. Every operation on one
 * document waits for the ones before it, so two runs ending at once are both kept. A damaged index
 * is reported (onProblem and in list()), set aside and rebuilt from the run files that parse; a
 * damaged run file is reported and get() answers null; nothing is thrown at the caller for a bad
 * file. Runs made while a document was unsaved join its history once it has a path, and the single
 * history file per document of earlier versions is split into this layout when first touched.
 */
import { createHash } from 'node:crypto';
import { copyFile, link, mkdir, readdir, rename, rmdir, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { RunReport } from '../shared/runtime/types';
import type { ClockMode } from '../shared/protocol/messages';
import {
  summarizeRun,
  type HistoryDocument,
  type RunHistorySummary,
  type RunRecord,
} from '../shared/protocol/run-history';
import { writeFileAtomic } from './atomic-write';
import {
  INDEX_FILE,
  entryFor,
  indexText,
  isSafeRunId,
  readIndex,
  readLegacyHistory,
  readRun,
  runIdOfFileName,
  runText,
  type IndexEntry,
} from './run-history-files';

export const RUN_HISTORY_LIMIT = 20;
/** State events kept per run; a run with more keeps its first ones and says how many it dropped. */
export const MAX_EVENTS_PER_RUN = 200_000;
/** State events kept for one document in all; older runs lose their events first (states stay). */
export const MAX_EVENTS_PER_DOCUMENT = 1_000_000;

export interface FinishedRun {
  id: string;
  startedAt: Date;
  endedAt: Date;
  clock: ClockMode;
  text: string;
  report: RunReport;
}

export interface HistoryListing {
  runs: RunHistorySummary[];
  /** Why the stored index could not be read (it was set aside and rebuilt); null when it could. */
  problem: string | null;
}

export interface RunHistoryOptions {
  /** Told when a history file is damaged or missing and what is done about it. */
  onProblem?: (message: string) => void;
  limit?: number;
  maxEventsPerRun?: number;
  maxEventsPerDocument?: number;
}

interface LoadedIndex {
  entries: IndexEntry[];
  problem: string | null;
}

export class RunHistory {
  private readonly dir: string;
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    dataDir: string,
    private readonly options: RunHistoryOptions = {},
  ) {
    this.dir = join(dataDir, 'run-history');
  }

  /** The folder that holds a document's history. */
  folderFor(document: HistoryDocument): string {
    const identity = document.path !== null ? `path:${resolve(document.path)}` : `key:${document.key}`;
    return join(this.dir, createHash('sha256').update(identity).digest('hex').slice(0, 32));
  }

  /**
   * Adds a finished run (newest first), dropping the oldest beyond the limit. It is queued at once,
   * so whatever is asked of the document's history after this waits for it, and written once
   * `ready` settles (the host lets the run's end reach the page first).
   */
  record(document: HistoryDocument, run: FinishedRun, ready?: Promise<unknown>): Promise<void> {
    if (!isSafeRunId(run.id)) {
      return Promise.reject(
        new Error(
          `run id ${JSON.stringify(run.id.slice(0, 120))} cannot name a history file: only letters, digits and '-', at most 100`,
        ),
      );
    }
    const folder = this.folderFor(document);
    return this.serialised(folder, async () => {
      await ready;
      const { entries } = await this.open(document, folder);
      const record = this.toRecord(run);
      const others = entries.filter((e) => e.summary.id !== run.id);
      await this.commit(
        document,
        folder,
        [entryFor(record, summarizeRun), ...others],
        new Map([[record.id, record]]),
      );
    });
  }

  /** Summaries of a document's runs, newest first. Reads only the index. */
  list(document: HistoryDocument): Promise<HistoryListing> {
    const folder = this.folderFor(document);
    return this.serialised(folder, async () => {
      const { entries, problem } = await this.open(document, folder);
      return { runs: entries.map((e) => e.summary), problem };
    });
  }

  /** One run's full record, or null when the history has no such run or its file is unreadable. */
  get(document: HistoryDocument, runId: string): Promise<RunRecord | null> {
    if (!isSafeRunId(runId)) return Promise.resolve(null); // cannot be a stored run's id
    const folder = this.folderFor(document);
    return this.serialised(folder, async () => {
      const { entries } = await this.open(document, folder);
      if (!entries.some((e) => e.summary.id === runId)) return null;
      const file = runFile(folder, runId);
      const read = await readRun(file);
      if (read.ok && read.value.id === runId) return read.value;
      const problem = read.ok ? `the run record ${file} holds run ${read.value.id}` : read.problem;
      this.options.onProblem?.(`${problem}; run ${runId} of ${describe(document)} cannot be shown`);
      return null;
    });
  }

  /** Settles when every operation asked for so far has finished. */
  async idle(): Promise<void> {
    while (this.queues.size > 0) await Promise.allSettled([...this.queues.values()]);
  }

  private get limit(): number {
    return this.options.limit ?? RUN_HISTORY_LIMIT;
  }

  private get maxEventsPerDocument(): number {
    return this.options.maxEventsPerDocument ?? MAX_EVENTS_PER_DOCUMENT;
  }

  /** The document's index, once an old single file and the runs made while unsaved have joined it. */
  private async open(document: HistoryDocument, folder: string): Promise<LoadedIndex> {
    await this.migrateLegacyFile(document, folder);
    await this.adoptUnsavedRuns(document, folder);
    return this.loadIndex(document, folder);
  }

  /** The index's entries; a damaged one is reported, set aside (index.json.damaged) and rebuilt. */
  private async loadIndex(document: HistoryDocument, folder: string): Promise<LoadedIndex> {
    const file = join(folder, INDEX_FILE);
    const read = await readIndex(file);
    if (read.ok) return { entries: read.value, problem: null };
    if (read.missing) return { entries: [], problem: null };
    await rename(file, `${file}.damaged`).catch(() => undefined); // kept for a person to look at
    const entries = await this.rebuild(document, folder);
    this.options.onProblem?.(
      entries.length === 0
        ? `${read.problem}; starting a new history for ${describe(document)}`
        : `${read.problem}; rebuilt the history of ${describe(document)} from its ${entries.length} readable run files`,
    );
    return { entries, problem: read.problem };
  }

  /** A new index from the run files that parse (newest first); the others are set aside. */
  private async rebuild(document: HistoryDocument, folder: string): Promise<IndexEntry[]> {
    const records: RunRecord[] = [];
    for (const name of await readdir(folder).catch(() => [])) {
      const id = runIdOfFileName(name);
      if (id === null) continue;
      const read = await readRun(join(folder, name));
      if (read.ok && read.value.id === id) records.push(read.value);
      else await rename(join(folder, name), join(folder, `${name}.damaged`)).catch(() => undefined);
    }
    return this.commit(
      document,
      folder,
      newestFirst(records.map((r) => entryFor(r, summarizeRun))),
      new Map(),
    );
  }

  /**
   * Splits an earlier version's single file (<folder>.json) into the folder, then deletes it. A
   * damaged one is reported and set aside as <folder>.json.damaged.
   */
  private async migrateLegacyFile(document: HistoryDocument, folder: string): Promise<void> {
    const file = `${folder}.json`;
    const read = await readLegacyHistory(file);
    if (!read.ok) {
      if (read.missing) return;
      this.options.onProblem?.(`${read.problem}; starting a new history for ${describe(document)}`);
      await rename(file, `${file}.damaged`).catch(() => undefined);
      return;
    }
    const current = await this.loadIndex(document, folder);
    const known = new Set(current.entries.map((e) => e.summary.id));
    const old = read.value.filter((r) => !known.has(r.id));
    const oldEntries = old.map((r) => entryFor(r, summarizeRun));
    const merged =
      current.entries.length === 0 ? oldEntries : newestFirst([...current.entries, ...oldEntries]);
    await this.commit(document, folder, merged, new Map(old.map((r) => [r.id, r])));
    await unlink(file).catch((error: unknown) => {
      this.options.onProblem?.(
        `the old run history ${file} was copied into ${folder} but cannot be deleted: ${(error as Error).message}`,
      );
    });
  }

  /**
   * Moves the runs kept under the document's autosave key (made before its first save) into its
   * path's folder, newest first, then removes the key's folder. Called while the path folder's
   * queue is held; takes the key folder's queue too. The run files are linked (or copied) before
   * the path's index names them and removed from the key folder only after, so a crash loses none.
   */
  private async adoptUnsavedRuns(document: HistoryDocument, folder: string): Promise<void> {
    if (document.path === null) return;
    const keyDocument: HistoryDocument = { path: null, key: document.key };
    const keyFolder = this.folderFor(keyDocument);
    await this.serialised(keyFolder, async () => {
      await this.migrateLegacyFile(keyDocument, keyFolder);
      const unsaved = await this.loadIndex(keyDocument, keyFolder);
      if (unsaved.entries.length === 0) return;
      const unsavedIds = new Set(unsaved.entries.map((e) => e.summary.id));
      const saved = (await this.loadIndex(document, folder)).entries.filter(
        (e) => !unsavedIds.has(e.summary.id),
      );
      const merged = newestFirst([...unsaved.entries, ...saved]).slice(0, this.limit);
      await mkdir(folder, { recursive: true });
      const adopted: IndexEntry[] = [];
      for (const entry of merged) {
        const id = entry.summary.id;
        if (!unsavedIds.has(id)) adopted.push(entry);
        else if (await linkOrCopy(runFile(keyFolder, id), runFile(folder, id))) adopted.push(entry);
        else
          this.options.onProblem?.(
            `the run record ${runFile(keyFolder, id)} cannot be moved to the history of ${describe(document)}; it is left out`,
          );
      }
      await this.commit(document, folder, adopted, new Map());
      await unlink(join(keyFolder, INDEX_FILE)).catch(() => undefined);
      for (const id of unsavedIds) await unlink(runFile(keyFolder, id)).catch(() => undefined);
      await rmdir(keyFolder).catch(() => undefined); // left when it holds something else (a damaged file)
    });
  }

  /**
   * Makes `entries` (newest first) the document's history: keeps the first `limit`, takes events
   * from the oldest runs while the document keeps more than its bound, writes the runs in `fresh`
   * (not yet on disk) and the ones that lost events, then the index, then deletes the run files
   * the index no longer names. Only files that change are written. Answers the index's entries.
   */
  private async commit(
    document: HistoryDocument,
    folder: string,
    entries: IndexEntry[],
    fresh: Map<string, RunRecord>,
  ): Promise<IndexEntry[]> {
    const kept = entries.slice(0, this.limit);
    const trimTo = eventsToKeep(kept, this.maxEventsPerDocument);
    await mkdir(folder, { recursive: true });
    const written: IndexEntry[] = [];
    for (const entry of kept) {
      const id = entry.summary.id;
      const keep = trimTo.get(id);
      let record = fresh.get(id);
      if (record === undefined && keep === undefined) {
        written.push(entry); // unchanged: its file is not touched
        continue;
      }
      if (record === undefined) {
        const read = await readRun(runFile(folder, id));
        if (!read.ok) {
          this.options.onProblem?.(
            `${read.problem}; run ${id} is left out of the history of ${describe(document)}`,
          );
          if (!read.missing)
            await rename(runFile(folder, id), `${runFile(folder, id)}.damaged`).catch(() => undefined);
          continue;
        }
        record = read.value;
      }
      if (keep !== undefined) record = withFirstEvents(record, keep);
      await writeFileAtomic(runFile(folder, id), runText(record));
      written.push(keep === undefined ? entry : entryFor(record, summarizeRun)); // a fresh run's entry was made from this very record
    }
    await writeFileAtomic(join(folder, INDEX_FILE), indexText(identityOf(document), written));
    await deleteUnnamedRuns(folder, written);
    return written;
  }

  private toRecord(run: FinishedRun): RunRecord {
    const max = this.options.maxEventsPerRun ?? MAX_EVENTS_PER_RUN;
    const events = run.report.events.length > max ? run.report.events.slice(0, max) : run.report.events;
    return {
      id: run.id,
      startedAt: run.startedAt.toISOString(),
      endedAt: run.endedAt.toISOString(),
      clock: run.clock,
      text: run.text,
      report: { ...run.report, events },
      eventsDropped: run.report.events.length - events.length,
    };
  }

  private serialised<T>(key: string, operation: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(key) ?? Promise.resolve();
    const next = previous.then(operation, operation);
    const tail = next.catch(() => undefined);
    this.queues.set(key, tail);
    void tail.then(() => {
      if (this.queues.get(key) === tail) this.queues.delete(key);
    });
    return next;
  }
}

function runFile(folder: string, id: string): string {
  return join(folder, `${id}.json`);
}

/** Newest first by end time (ISO times sort as text); stable for equal times. */
function newestFirst(entries: IndexEntry[]): IndexEntry[] {
  return [...entries].sort((a, b) =>
    a.summary.endedAt === b.summary.endedAt ? 0 : a.summary.endedAt < b.summary.endedAt ? 1 : -1,
  );
}

/** How many events each run that must give some up keeps, oldest runs first, so that at most `max` stay. */
function eventsToKeep(entries: IndexEntry[], max: number): Map<string, number> {
  const keep = new Map<string, number>();
  let total = entries.reduce((sum, e) => sum + e.storedEvents, 0);
  for (let i = entries.length - 1; i >= 0 && total > max; i -= 1) {
    const entry = entries[i] as IndexEntry;
    const kept = Math.max(0, entry.storedEvents - (total - max));
    if (kept === entry.storedEvents) continue;
    keep.set(entry.summary.id, kept);
    total -= entry.storedEvents - kept;
  }
  return keep;
}

function withFirstEvents(record: RunRecord, keep: number): RunRecord {
  const events = record.report.events;
  if (events.length <= keep) return record;
  return {
    ...record,
    report: { ...record.report, events: events.slice(0, keep) },
    eventsDropped: record.eventsDropped + events.length - keep,
  };
}

/** Deletes the run files of runs the index no longer names (beyond the limit, or left by a crash). */
async function deleteUnnamedRuns(folder: string, entries: IndexEntry[]): Promise<void> {
  const named = new Set(entries.map((e) => e.summary.id));
  for (const name of await readdir(folder)) {
    const id = runIdOfFileName(name);
    if (id !== null && !named.has(id)) await unlink(join(folder, name)).catch(() => undefined);
  }
}

/** Links a file to a second name (copies it where links are not possible); false when it cannot. */
async function linkOrCopy(from: string, to: string): Promise<boolean> {
  await unlink(to).catch(() => undefined);
  try {
    await link(from, to);
    return true;
  } catch {
    return copyFile(from, to).then(
      () => true,
      () => false,
    );
  }
}

function identityOf(document: HistoryDocument): { path: string | null; key: string | null } {
  return {
    path: document.path === null ? null : resolve(document.path),
    key: document.path === null ? document.key : null,
  };
}

function describe(document: HistoryDocument): string {
  return document.path !== null ? resolve(document.path) : `unsaved document ${document.key}`;
}
