/**
 * The files of the run history (see run-history.ts): one document's folder holds index.json (the
 * summaries the panel lists, newest first, and how many events each run file keeps) and one
 * <runId>.json per run. Also reads the single file per document that earlier versions wrote.
 * Every reader answers a value or why the file is not one; none throws for a bad file.
 */
import { readFile } from 'node:fs/promises';
import type { RunReport } from '../shared/runtime/types';
import type { RunHistorySummary, RunRecord } from '../shared/protocol/run-history';

export const INDEX_FORMAT = 'flowloop.run-history-index/1';
export const RUN_FORMAT = 'flowloop.run-record/1';
/** The single history file per document of earlier versions: dataDir/run-history/<hash>.json. */
export const LEGACY_FORMAT = 'flowloop.run-history/1';
export const INDEX_FILE = 'index.json';

/** One run as the index names it: its summary, and the state events its run file keeps. */
export interface IndexEntry {
  summary: RunHistorySummary;
  storedEvents: number;
}

interface IndexFile {
  format: typeof INDEX_FORMAT;
  document: { path: string | null; key: string | null };
  runs: IndexEntry[];
}

interface RunFile {
  format: typeof RUN_FORMAT;
  run: RunRecord;
}

/** A file's contents, absent (no such file), or why it could not be read or understood. */
export type ReadOutcome<T> = { ok: true; value: T } | { ok: false; missing: boolean; problem: string };

/**
 * Run ids become file names, so only letters, digits and '-' (host ids are UUIDs); 'index' would
 * be the index file itself (in any case, for case-insensitive file systems).
 */
export function isSafeRunId(id: string): boolean {
  return /^[A-Za-z0-9-]{1,100}$/.test(id) && id.toLowerCase() !== 'index';
}

/** The name of a run's file, or null for a name that is not a run file. */
export function runIdOfFileName(name: string): string | null {
  const match = /^(.*)\.json$/.exec(name);
  return match !== null && match[1] !== undefined && isSafeRunId(match[1]) ? match[1] : null;
}

export function indexText(document: { path: string | null; key: string | null }, runs: IndexEntry[]): string {
  const contents: IndexFile = { format: INDEX_FORMAT, document, runs };
  return JSON.stringify(contents);
}

export function runText(run: RunRecord): string {
  const contents: RunFile = { format: RUN_FORMAT, run };
  return JSON.stringify(contents);
}

export function entryFor(run: RunRecord, summarize: (run: RunRecord) => RunHistorySummary): IndexEntry {
  return { summary: summarize(run), storedEvents: run.report.events.length };
}

export async function readIndex(file: string): Promise<ReadOutcome<IndexEntry[]>> {
  return parseWith(file, 'run history', (parsed) => {
    if ((parsed as { format?: unknown }).format !== INDEX_FORMAT) return `not a ${INDEX_FORMAT} file`;
    const runs = (parsed as { runs?: unknown }).runs;
    if (!Array.isArray(runs)) return "it has no 'runs' list";
    const bad = runs.findIndex((entry) => !isIndexEntry(entry));
    return bad >= 0 ? `run ${bad} is not a run summary` : (runs as IndexEntry[]);
  });
}

export async function readRun(file: string): Promise<ReadOutcome<RunRecord>> {
  return parseWith(file, 'run record', (parsed) => {
    if ((parsed as { format?: unknown }).format !== RUN_FORMAT) return `not a ${RUN_FORMAT} file`;
    const run = (parsed as { run?: unknown }).run;
    return isRunRecord(run) ? run : "its 'run' is not a run record";
  });
}

/** The runs of an earlier version's single history file. */
export async function readLegacyHistory(file: string): Promise<ReadOutcome<RunRecord[]>> {
  return parseWith(file, 'run history', (parsed) => {
    if ((parsed as { format?: unknown }).format !== LEGACY_FORMAT) return `not a ${LEGACY_FORMAT} file`;
    const runs = (parsed as { runs?: unknown }).runs;
    if (!Array.isArray(runs)) return "it has no 'runs' list";
    const bad = runs.findIndex((run) => !isRunRecord(run) || !isSafeRunId(run.id));
    return bad >= 0 ? `run ${bad} is not a run record` : (runs as RunRecord[]);
  });
}

async function parseWith<T>(
  file: string,
  what: string,
  check: (parsed: object) => T | string,
): Promise<ReadOutcome<T>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    return { ok: false, missing, problem: `the ${what} ${file} cannot be read: ${(error as Error).message}` };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      missing: false,
      problem: `the ${what} ${file} is damaged (not JSON: ${(error as Error).message})`,
    };
  }
  const checked = typeof parsed === 'object' && parsed !== null ? check(parsed) : 'not a JSON object';
  return typeof checked === 'string'
    ? { ok: false, missing: false, problem: `the ${what} ${file} is damaged (${checked})` }
    : { ok: true, value: checked };
}

function isIndexEntry(value: unknown): value is IndexEntry {
  if (typeof value !== 'object' || value === null) return false;
  const { summary, storedEvents } = value as Partial<IndexEntry>;
  if (typeof storedEvents !== 'number' || typeof summary !== 'object' || summary === null) return false;
  const s = summary as Partial<RunHistorySummary>;
  return (
    typeof s.id === 'string' &&
    isSafeRunId(s.id) &&
    typeof s.startedAt === 'string' &&
    typeof s.endedAt === 'string' &&
    typeof s.status === 'string' &&
    typeof s.duration === 'number' &&
    typeof s.eventsDropped === 'number' &&
    typeof s.clock === 'object' &&
    s.clock !== null &&
    typeof s.counts === 'object' &&
    s.counts !== null
  );
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
    typeof r.clock === 'object' &&
    r.clock !== null &&
    typeof report === 'object' &&
    report !== null &&
    typeof report.status === 'string' &&
    typeof report.nodes === 'object' &&
    report.nodes !== null &&
    Array.isArray(report.events)
  );
}
