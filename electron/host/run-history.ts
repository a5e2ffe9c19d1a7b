/**
 * The last runs of each document, kept in dataDir/run-history/<hash>.json (one file per document,
 * named by a hash of its absolute path, or of its autosave key while it is unsaved). Newest first,
 * at most RUN_HISTORY_LIMIT runs; the oldest goes when a new one comes. Every operation on one
 * document waits for the ones before it, so two runs ending at once are both kept. A damaged file
 * is reported (onProblem and in list()) and replaced by the next run, never thrown at the caller.
 * Runs made while a document was unsaved join its file's history once it has a path.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { RunReport } from '../../shared/runtime/types';
import type { ClockMode } from '../../shared/protocol/messages';
import { summarizeRun, type HistoryDocument, type RunHistorySummary, type RunRecord } from '../../shared/protocol/run-history';
import { writeFileAtomic } from './atomic-write';

export const RUN_HISTORY_LIMIT = 20;
/** State events kept per run; a run with more keeps its first ones and says how many it dropped. */
export const MAX_EVENTS_PER_RUN = 200_000;
/** State events kept in one document's file; older runs lose their events first (states stay). */
export const MAX_EVENTS_PER_FILE = 1_000_000;

const FILE_FORMAT = 'flowloop.run-history/1';

interface HistoryFile {
  format: typeof FILE_FORMAT;
  document: { path: string | null; key: string | null };
  runs: RunRecord[];
}

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
  /** Why the stored history could not be read (it is replaced at the next run); null when it could. */
  problem: string | null;
}

export interface RunHistoryOptions {
  /** Told when a history file is damaged and about to be replaced. */
  onProblem?: (message: string) => void;
  limit?: number;
  maxEventsPerRun?: number;
  maxEventsPerFile?: number;
}

type ReadResult = { runs: RunRecord[]; problem: string | null };

export class RunHistory {
  private readonly dir: string;
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(dataDir: string, private readonly options: RunHistoryOptions = {}) {
    this.dir = join(dataDir, 'run-history');
  }

  /** The file that holds a document's history. */
  fileFor(document: HistoryDocument): string {
    const identity = document.path !== null ? `path:${resolve(document.path)}` : `key:${document.key}`;
    return join(this.dir, `${createHash('sha256').update(identity).digest('hex').slice(0, 32)}.json`);
  }

  /** Adds a finished run (newest first), dropping the oldest beyond the limit. */
  record(document: HistoryDocument, run: FinishedRun): Promise<void> {
    const file = this.fileFor(document);
    return this.serialised(file, async () => {
      await this.adoptUnsavedRuns(document, file);
      const read = await this.readReplacingDamaged(document, file);
      await this.write(document, file, [this.toRecord(run), ...read.filter((r) => r.id !== run.id)]);
    });
  }

  /** Summaries of a document's runs, newest first. */
  list(document: HistoryDocument): Promise<HistoryListing> {
    const file = this.fileFor(document);
    return this.serialised(file, async () => {
      await this.adoptUnsavedRuns(document, file);
      const read = await this.read(file);
      return { runs: read.runs.map(summarizeRun), problem: read.problem };
    });
  }

  /** One run's full record, or null when the history has no such run. */
  get(document: HistoryDocument, runId: string): Promise<RunRecord | null> {
    const file = this.fileFor(document);
    return this.serialised(file, async () => {
      await this.adoptUnsavedRuns(document, file);
      return (await this.read(file)).runs.find((r) => r.id === runId) ?? null;
    });
  }

  /** Settles when every operation asked for so far has finished. */
  async idle(): Promise<void> {
    while (this.queues.size > 0) await Promise.allSettled([...this.queues.values()]);
  }

  private get limit(): number {
    return this.options.limit ?? RUN_HISTORY_LIMIT;
  }

  private get maxEventsPerFile(): number {
    return this.options.maxEventsPerFile ?? MAX_EVENTS_PER_FILE;
  }

  /**
   * Moves the runs kept under the document's autosave key (made before its first save) into its
   * file's history. Called while the file's queue is held; takes the key file's queue too.
   */
  private async adoptUnsavedRuns(document: HistoryDocument, file: string): Promise<void> {
    if (document.path === null) return;
    const keyFile = this.fileFor({ path: null, key: document.key });
    await this.serialised(keyFile, async () => {
      const unsaved = await this.read(keyFile);
      if (unsaved.problem !== null || unsaved.runs.length === 0) return; // nothing (or nothing readable) to adopt
      const saved = await this.readReplacingDamaged(document, file);
      const runs = [...unsaved.runs, ...saved.filter((r) => !unsaved.runs.some((u) => u.id === r.id))];
      runs.sort((a, b) => b.endedAt.localeCompare(a.endedAt)); // newest first; ISO times sort as text
      await this.write(document, file, runs);
      await unlink(keyFile).catch(() => undefined);
    });
  }

  /** The file's runs; a damaged file is reported and set aside (as <file>.damaged) to be replaced. */
  private async readReplacingDamaged(document: HistoryDocument, file: string): Promise<RunRecord[]> {
    const read = await this.read(file);
    if (read.problem !== null) {
      this.options.onProblem?.(`${read.problem}; starting a new history for ${describe(document)}`);
      await rename(file, `${file}.damaged`).catch(() => undefined); // kept for a person to look at
    }
    return read.runs;
  }

  /** Writes the newest runs (at most the limit, events bounded) as the document's history file. */
  private async write(document: HistoryDocument, file: string, runs: RunRecord[]): Promise<void> {
    const contents: HistoryFile = {
      format: FILE_FORMAT,
      document: { path: document.path === null ? null : resolve(document.path), key: document.path === null ? document.key : null },
      runs: boundEvents(runs.slice(0, this.limit), this.maxEventsPerFile),
    };
    await mkdir(this.dir, { recursive: true });
    await writeFileAtomic(file, JSON.stringify(contents));
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

  private serialised<T>(file: string, operation: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(file) ?? Promise.resolve();
    const next = previous.then(operation, operation);
    const tail = next.catch(() => undefined);
    this.queues.set(file, tail);
    void tail.then(() => {
      if (this.queues.get(file) === tail) this.queues.delete(file);
    });
    return next;
  }

  private async read(file: string): Promise<ReadResult> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { runs: [], problem: null };
      return { runs: [], problem: `the run history ${file} cannot be read: ${(error as Error).message}` };
    }
    const runs = parseHistory(text);
    return typeof runs === 'string' ? { runs: [], problem: `the run history ${file} is damaged (${runs})` } : { runs, problem: null };
  }
}

/** The runs of a history file, or why it is not one. Checks the shape the panel relies on. */
function parseHistory(text: string): RunRecord[] | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return `not JSON: ${(error as Error).message}`;
  }
  if (typeof parsed !== 'object' || parsed === null || (parsed as { format?: unknown }).format !== FILE_FORMAT) {
    return `not a ${FILE_FORMAT} file`;
  }
  const runs = (parsed as { runs?: unknown }).runs;
  if (!Array.isArray(runs)) return "it has no 'runs' list";
  const bad = runs.findIndex((run) => !isRunRecord(run));
  return bad >= 0 ? `run ${bad} is not a run record` : (runs as RunRecord[]);
}

function isRunRecord(value: unknown): value is RunRecord {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Partial<RunRecord>;
  const report = r.report as Partial<RunReport> | undefined;
  return (
    typeof r.id === 'string' &&
    typeof r.startedAt === 'string' &&
    typeof r.endedAt === 'string' &&
    typeof r.text === 'string' &&
    typeof r.eventsDropped === 'number' &&
    typeof r.clock === 'object' && r.clock !== null &&
    typeof report === 'object' && report !== null &&
    typeof report.status === 'string' &&
    typeof report.nodes === 'object' && report.nodes !== null &&
    Array.isArray(report.events)
  );
}

/** Drops the events of the oldest runs until the file keeps at most `max` events in all. */
function boundEvents(runs: RunRecord[], max: number): RunRecord[] {
  let total = runs.reduce((sum, r) => sum + r.report.events.length, 0);
  const bounded = [...runs];
  for (let i = bounded.length - 1; i >= 0 && total > max; i -= 1) {
    const run = bounded[i] as RunRecord;
    const keep = Math.max(0, run.report.events.length - (total - max));
    total -= run.report.events.length - keep;
    bounded[i] = {
      ...run,
      report: { ...run.report, events: run.report.events.slice(0, keep) },
      eventsDropped: run.eventsDropped + run.report.events.length - keep,
    };
  }
  return bounded;
}

function describe(document: HistoryDocument): string {
  return document.path !== null ? resolve(document.path) : `unsaved document ${document.key}`;
}
