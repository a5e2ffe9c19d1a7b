import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunHistory, RUN_HISTORY_LIMIT, type FinishedRun } from './run-history';
import type { RunReport, StateEvent } from '../../shared/runtime/types';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'flowloop-history-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const FILE = { path: '/work/flows/w.flow.json', key: 'doc-1' };

function report(events = 2, status: RunReport['status'] = 'done'): RunReport {
  const list: StateEvent[] = Array.from({ length: events }, (_, i) => ({ seq: i + 1, t: i * 0.5, node: 'a', state: 'running' }));
  return {
    status,
    result: 'a',
    error: null,
    nodes: {
      a: { state: 'done', result: 'a', error: null, createdAt: 0, startedAt: 0, endedAt: 1.5 },
      b: { state: 'idle', result: null, error: null, createdAt: null, startedAt: null, endedAt: null },
    },
    events: list,
  };
}

function run(id: string, overrides: Partial<FinishedRun> = {}): FinishedRun {
  return {
    id,
    startedAt: new Date('2026-11-28T01:00:00Z'),
    endedAt: new Date('2026-11-28T01:00:02Z'),
    clock: { kind: 'virtual' },
    text: '{"format":"flowloop.graph/1"}',
    report: report(),
    ...overrides,
  };
}

describe('run history', () => {
  it('keeps a finished run with what ran and its report, and summarises it', async () => {
    const history = new RunHistory(dir);
    await history.record(FILE, run('r1', { clock: { kind: 'slow', scale: 0.5 } }));
    const listing = await history.list(FILE);
    expect(listing.problem).toBeNull();
    expect(listing.runs).toEqual([
      {
        id: 'r1',
        startedAt: '2026-11-28T01:00:00.000Z',
        endedAt: '2026-11-28T01:00:02.000Z',
        clock: { kind: 'slow', scale: 0.5 },
        status: 'done',
        counts: { idle: 1, pending: 0, running: 0, done: 1, failed: 0, cancelled: 0 },
        duration: 1.5,
        eventsDropped: 0,
      },
    ]);
    const record = await history.get(FILE, 'r1');
    expect(record?.text).toBe('{"format":"flowloop.graph/1"}');
    expect(record?.report).toEqual(report());
    expect(await history.get(FILE, 'nope')).toBeNull();
  });

  it('survives a restart: a new store on the same folder reads what the old one wrote', async () => {
    await new RunHistory(dir).record(FILE, run('r1'));
    expect((await new RunHistory(dir).list(FILE)).runs.map((r) => r.id)).toEqual(['r1']);
  });

  it('keeps the last twenty, newest first: the 21st run drops the oldest', async () => {
    const history = new RunHistory(dir);
    for (let i = 1; i <= RUN_HISTORY_LIMIT + 1; i += 1) await history.record(FILE, run(`r${i}`));
    const ids = (await history.list(FILE)).runs.map((r) => r.id);
    expect(ids).toHaveLength(RUN_HISTORY_LIMIT);
    expect(ids[0]).toBe(`r${RUN_HISTORY_LIMIT + 1}`);
    expect(ids.at(-1)).toBe('r2');
    expect(await history.get(FILE, 'r1')).toBeNull();
  });

  it('keeps each document apart: by path, or by autosave key when unsaved; one hashed file each', async () => {
    const history = new RunHistory(dir);
    const unsaved = { path: null, key: 'doc-2' };
    const sameKeyOtherFile = { path: '/work/flows/other.flow.json', key: 'doc-1' };
    await history.record(FILE, run('saved'));
    await history.record(unsaved, run('unsaved'));
    await history.record(sameKeyOtherFile, run('other'));
    expect((await history.list(FILE)).runs.map((r) => r.id)).toEqual(['saved']);
    expect((await history.list(unsaved)).runs.map((r) => r.id)).toEqual(['unsaved']);
    expect((await history.list({ path: '/work/flows/w.flow.json', key: 'another-key' })).runs.map((r) => r.id)).toEqual(['saved']);
    const files = await readdir(join(dir, 'run-history'));
    expect(files).toHaveLength(3);
    for (const name of files) expect(name).toMatch(/^[0-9a-f]{32}\.json$/);
  });

  it('records two runs that end at once: writes to one document wait for each other', async () => {
    const history = new RunHistory(dir);
    await Promise.all(Array.from({ length: 6 }, (_, i) => history.record(FILE, run(`r${i}`))));
    expect((await history.list(FILE)).runs.map((r) => r.id).sort()).toEqual(['r0', 'r1', 'r2', 'r3', 'r4', 'r5']);
    expect((await readdir(join(dir, 'run-history'))).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('caps the events it stores per run and per file, and says how many it dropped', async () => {
    const history = new RunHistory(dir, { maxEventsPerRun: 5, maxEventsPerFile: 8 });
    await history.record(FILE, run('big', { report: report(12) }));
    const big = await history.get(FILE, 'big');
    expect(big?.report.events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(big?.eventsDropped).toBe(7);
    // The next run's 5 events push the file over 8: the older run gives up events first.
    await history.record(FILE, run('next', { report: report(5) }));
    const [next, older] = (await history.list(FILE)).runs;
    expect(next).toMatchObject({ id: 'next', eventsDropped: 0 });
    expect(older).toMatchObject({ id: 'big', eventsDropped: 9 });
    expect((await history.get(FILE, 'big'))?.report.events).toHaveLength(3);
    expect((await history.get(FILE, 'big'))?.report.nodes.a?.state).toBe('done'); // the states stay
  });

  it('reports a damaged history file and replaces it at the next run', async () => {
    const problems: string[] = [];
    const history = new RunHistory(dir, { onProblem: (m) => problems.push(m) });
    const file = history.fileFor(FILE);
    await mkdir(join(dir, 'run-history'), { recursive: true });
    await writeFile(file, '{"format": "flowloop.run-history/1", "runs": [');
    const listing = await history.list(FILE);
    expect(listing.runs).toEqual([]);
    expect(listing.problem).toMatch(/run history .* is damaged \(not JSON/);
    await history.record(FILE, run('fresh'));
    expect(problems).toEqual([expect.stringMatching(/damaged .*starting a new history for \/work\/flows\/w\.flow\.json/)]);
    expect(await history.list(FILE)).toMatchObject({ problem: null, runs: [{ id: 'fresh' }] });
    expect(await readFile(`${file}.damaged`, 'utf8')).toContain('"runs": [');
  });

  it('calls a file of the wrong shape damaged too', async () => {
    const history = new RunHistory(dir);
    await mkdir(join(dir, 'run-history'), { recursive: true });
    await writeFile(history.fileFor(FILE), JSON.stringify({ format: 'flowloop.run-history/1', runs: [{ id: 3 }] }));
    expect((await history.list(FILE)).problem).toMatch(/run 0 is not a run record/);
  });
});

describe('a document saved for the first time', () => {
  it('keeps the runs it made while unsaved: they join the file history, newest first', async () => {
    const history = new RunHistory(dir);
    const unsaved = { path: null, key: 'doc-new' };
    const at = (s: number) => new Date(Date.UTC(2026, 10, 28, 1, 0, s));
    await history.record(unsaved, run('before-1', { endedAt: at(1) }));
    await history.record(unsaved, run('before-2', { endedAt: at(2) }));
    const saved = { path: '/work/flows/new.flow.json', key: 'doc-new' };
    expect((await history.list(saved)).runs.map((r) => r.id)).toEqual(['before-2', 'before-1']);
    await history.record(saved, run('after', { endedAt: at(3) }));
    expect((await history.list(saved)).runs.map((r) => r.id)).toEqual(['after', 'before-2', 'before-1']);
    expect((await history.list(unsaved)).runs).toEqual([]); // moved, not copied
    expect(await readdir(join(dir, 'run-history'))).toEqual([history.fileFor(saved).split('/').at(-1)]);
  });
});
