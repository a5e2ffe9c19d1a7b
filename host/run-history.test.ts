import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdtemp, readdir, readFile, rm, stat, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunHistory, RUN_HISTORY_LIMIT, type FinishedRun } from './run-history';
import { summarizeRun, type RunRecord } from '../shared/protocol/run-history';
import type { RunReport, StateEvent } from '../shared/runtime/types';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'flowloop-history-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const FILE = { path: '/work/flows/w.flow.json', key: 'doc-1' };

function report(events = 2, status: RunReport['status'] = 'done'): RunReport {
  const list: StateEvent[] = Array.from({ length: events }, (_, i) => ({
    seq: i + 1,
    t: i * 0.5,
    node: 'a',
    state: 'running',
  }));
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
    text: '{"format":"flowloop.graph/2"}',
    report: report(),
    ...overrides,
  };
}

describe('run history', () => {
  it('queues a run at once and writes it when `ready` settles; what is asked meanwhile waits for it', async () => {
    const history = new RunHistory(dir);
    let release = () => {};
    const ready = new Promise<void>((resolve) => (release = resolve));
    const recorded = history.record(FILE, run('r1'), ready);
    const listed = history.list(FILE);
    let answered = false;
    void listed.then(() => (answered = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(answered).toBe(false);
    expect(await readdir(dir)).toEqual([]); // nothing written yet
    release();
    await recorded;
    expect((await listed).runs.map((r) => r.id)).toEqual(['r1']);
  });

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
    expect(record?.text).toBe('{"format":"flowloop.graph/2"}');
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

  it('keeps each document apart: by path, or by autosave key when unsaved; one hashed folder each', async () => {
    const history = new RunHistory(dir);
    const unsaved = { path: null, key: 'doc-2' };
    const sameKeyOtherFile = { path: '/work/flows/other.flow.json', key: 'doc-1' };
    await history.record(FILE, run('saved'));
    await history.record(unsaved, run('unsaved'));
    await history.record(sameKeyOtherFile, run('other'));
    expect((await history.list(FILE)).runs.map((r) => r.id)).toEqual(['saved']);
    expect((await history.list(unsaved)).runs.map((r) => r.id)).toEqual(['unsaved']);
    expect(
      (await history.list({ path: '/work/flows/w.flow.json', key: 'another-key' })).runs.map((r) => r.id),
    ).toEqual(['saved']);
    const folders = await readdir(join(dir, 'run-history'));
    expect(folders).toHaveLength(3);
    for (const name of folders) expect(name).toMatch(/^[0-9a-f]{32}$/);
  });

  it('records two runs that end at once: writes to one document wait for each other', async () => {
    const history = new RunHistory(dir);
    await Promise.all(Array.from({ length: 6 }, (_, i) => history.record(FILE, run(`r${i}`))));
    expect((await history.list(FILE)).runs.map((r) => r.id).sort()).toEqual([
      'r0',
      'r1',
      'r2',
      'r3',
      'r4',
      'r5',
    ]);
    expect((await readdir(history.folderFor(FILE))).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect((await readdir(history.folderFor(FILE))).sort()).toEqual([
      'index.json',
      'r0.json',
      'r1.json',
      'r2.json',
      'r3.json',
      'r4.json',
      'r5.json',
    ]);
  });

  it('caps the events it stores per run and per document, and says how many it dropped', async () => {
    const history = new RunHistory(dir, { maxEventsPerRun: 5, maxEventsPerDocument: 8 });
    await history.record(FILE, run('big', { report: report(12) }));
    const big = await history.get(FILE, 'big');
    expect(big?.report.events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(big?.eventsDropped).toBe(7);
    // The next run's 5 events push the document over 8: the older run gives up events first.
    await history.record(FILE, run('next', { report: report(5) }));
    const [next, older] = (await history.list(FILE)).runs;
    expect(next).toMatchObject({ id: 'next', eventsDropped: 0 });
    expect(older).toMatchObject({ id: 'big', eventsDropped: 9 });
    expect((await history.get(FILE, 'big'))?.report.events).toHaveLength(3);
    expect((await history.get(FILE, 'big'))?.report.nodes.a?.state).toBe('done'); // the states stay
  });

  it('reports a damaged index, sets it aside and starts a new history', async () => {
    const problems: string[] = [];
    const history = new RunHistory(dir, { onProblem: (m) => problems.push(m) });
    const index = join(history.folderFor(FILE), 'index.json');
    await mkdir(history.folderFor(FILE), { recursive: true });
    await writeFile(index, '{"format": "flowloop.run-history-index/1", "runs": [');
    const listing = await history.list(FILE);
    expect(listing.runs).toEqual([]);
    expect(listing.problem).toMatch(/run history .*index\.json is damaged \(not JSON/);
    await history.record(FILE, run('fresh'));
    expect(problems).toEqual([
      expect.stringMatching(/damaged .*starting a new history for \/work\/flows\/w\.flow\.json/),
    ]);
    expect(await history.list(FILE)).toMatchObject({ problem: null, runs: [{ id: 'fresh' }] });
    expect(await readFile(`${index}.damaged`, 'utf8')).toContain('"runs": [');
  });

  it('rebuilds a damaged index from the run files that parse', async () => {
    const problems: string[] = [];
    const history = new RunHistory(dir, { onProblem: (m) => problems.push(m) });
    const at = (s: number) => new Date(Date.UTC(2026, 10, 28, 1, 0, s));
    for (const [i, id] of ['r1', 'r2', 'r3'].entries())
      await history.record(FILE, run(id, { endedAt: at(i) }));
    const folder = history.folderFor(FILE);
    await writeFile(join(folder, 'index.json'), 'garbage');
    await writeFile(join(folder, 'r2.json'), '{"format": "flowloop.run-record/1", "run": {');
    const listing = await history.list(FILE);
    expect(listing.problem).toMatch(/index\.json is damaged/);
    expect(listing.runs.map((r) => r.id)).toEqual(['r3', 'r1']);
    expect(problems).toEqual([
      expect.stringMatching(
        /rebuilt the history of \/work\/flows\/w\.flow\.json from its 2 readable run files/,
      ),
    ]);
    expect((await readdir(folder)).sort()).toEqual([
      'index.json',
      'index.json.damaged',
      'r1.json',
      'r2.json.damaged',
      'r3.json',
    ]);
    expect(await history.list(FILE)).toMatchObject({ problem: null, runs: [{ id: 'r3' }, { id: 'r1' }] });
  });

  it('calls an index of the wrong shape damaged too', async () => {
    const history = new RunHistory(dir);
    await mkdir(history.folderFor(FILE), { recursive: true });
    await writeFile(
      join(history.folderFor(FILE), 'index.json'),
      JSON.stringify({ format: 'flowloop.run-history-index/1', runs: [{ summary: { id: 3 } }] }),
    );
    expect((await history.list(FILE)).problem).toMatch(/run 0 is not a run summary/);
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
    expect(await readdir(join(dir, 'run-history'))).toEqual([history.folderFor(saved).split('/').at(-1)]);
    expect((await readdir(history.folderFor(saved))).sort()).toEqual([
      'after.json',
      'before-1.json',
      'before-2.json',
      'index.json',
    ]);
  });
});

/** The stored record of `run(id, ...)`, as an earlier version or this one writes it. */
function recordOf(id: string, overrides: Partial<FinishedRun> = {}): RunRecord {
  const r = run(id, overrides);
  return {
    id,
    startedAt: r.startedAt.toISOString(),
    endedAt: r.endedAt.toISOString(),
    clock: r.clock,
    text: r.text,
    report: r.report,
    eventsDropped: 0,
  };
}

const readJson = async (file: string): Promise<unknown> =>
  JSON.parse(await readFile(file, 'utf8')) as unknown;

describe('one file per run and an index per document', () => {
  it('record writes the run in its own file and its summary at the head of the index', async () => {
    const history = new RunHistory(dir);
    const folder = history.folderFor(FILE);
    await history.record(FILE, run('r1'));
    await history.record(FILE, run('r2', { report: report(3, 'failed') }));
    expect((await readdir(folder)).sort()).toEqual(['index.json', 'r1.json', 'r2.json']);
    expect(await readJson(join(folder, 'r2.json'))).toEqual({
      format: 'flowloop.run-record/1',
      run: recordOf('r2', { report: report(3, 'failed') }),
    });
    expect(await readJson(join(folder, 'index.json'))).toEqual({
      format: 'flowloop.run-history-index/1',
      document: { path: '/work/flows/w.flow.json', key: null },
      runs: [
        { summary: summarizeRun(recordOf('r2', { report: report(3, 'failed') })), storedEvents: 3 },
        { summary: summarizeRun(recordOf('r1')), storedEvents: 2 },
      ],
    });
    const unsaved = { path: null, key: 'doc-9' };
    await history.record(unsaved, run('u1'));
    expect(await readJson(join(history.folderFor(unsaved), 'index.json'))).toMatchObject({
      document: { path: null, key: 'doc-9' },
    });
  });

  it('list reads only the index: it answers even when every run file is damaged', async () => {
    const problems: string[] = [];
    const history = new RunHistory(dir, { onProblem: (m) => problems.push(m) });
    for (const id of ['r1', 'r2']) await history.record(FILE, run(id));
    for (const id of ['r1', 'r2']) await writeFile(join(history.folderFor(FILE), `${id}.json`), 'not a run');
    expect(await history.list(FILE)).toMatchObject({
      problem: null,
      runs: [{ id: 'r2', status: 'done' }, { id: 'r1' }],
    });
    expect(problems).toEqual([]);
  });

  it('get answers null for a damaged or missing run file and reports it, without throwing', async () => {
    const problems: string[] = [];
    const history = new RunHistory(dir, { onProblem: (m) => problems.push(m) });
    for (const id of ['r1', 'r2', 'r3']) await history.record(FILE, run(id));
    const folder = history.folderFor(FILE);
    await writeFile(join(folder, 'r1.json'), '{"format": "flowloop.run-record/1", "run": {');
    await rm(join(folder, 'r2.json'));
    await writeFile(
      join(folder, 'r3.json'),
      JSON.stringify({ format: 'flowloop.run-record/1', run: recordOf('other') }),
    );
    expect(await history.get(FILE, 'r1')).toBeNull();
    expect(await history.get(FILE, 'r2')).toBeNull();
    expect(await history.get(FILE, 'r3')).toBeNull();
    expect(problems).toEqual([
      expect.stringMatching(
        /run record .*r1\.json is damaged \(not JSON.*; run r1 of \/work\/flows\/w\.flow\.json cannot be shown/,
      ),
      expect.stringMatching(/run record .*r2\.json cannot be read: ENOENT.*; run r2 of/),
      expect.stringMatching(/run record .*r3\.json holds run other; run r3 of/),
    ]);
    expect((await history.list(FILE)).runs).toHaveLength(3); // the summaries stay listed
  });

  it('the limit prunes the run files the index no longer names', async () => {
    const history = new RunHistory(dir, { limit: 3 });
    for (let i = 1; i <= 5; i += 1) await history.record(FILE, run(`r${i}`));
    expect((await history.list(FILE)).runs.map((r) => r.id)).toEqual(['r5', 'r4', 'r3']);
    expect((await readdir(history.folderFor(FILE))).sort()).toEqual([
      'index.json',
      'r3.json',
      'r4.json',
      'r5.json',
    ]);
  });

  it('bounds the events of a document: the oldest runs lose theirs first, only their files are rewritten', async () => {
    const history = new RunHistory(dir, { maxEventsPerDocument: 10 });
    const folder = history.folderFor(FILE);
    const at = (s: number) => new Date(Date.UTC(2026, 10, 28, 1, 0, s));
    await history.record(FILE, run('r1', { report: report(4), endedAt: at(1) }));
    await history.record(FILE, run('r2', { report: report(4), endedAt: at(2) }));
    const r2Before = await stat(join(folder, 'r2.json'));
    // 4 + 4 + 6 = 14 > 10: r1 gives up all 4 events; r2 keeps its 4 and its file is not touched.
    await history.record(FILE, run('r3', { report: report(6), endedAt: at(3) }));
    const r1 = await history.get(FILE, 'r1');
    expect(r1?.report.events).toEqual([]);
    expect(r1?.eventsDropped).toBe(4);
    expect(r1?.report.nodes.a?.state).toBe('done');
    const r2After = await stat(join(folder, 'r2.json'));
    expect([r2After.ino, r2After.mtimeMs]).toEqual([r2Before.ino, r2Before.mtimeMs]);
    // The index says what the files keep: summaries recomputed from the trimmed record.
    const index = (await readJson(join(folder, 'index.json'))) as {
      runs: { summary: { id: string }; storedEvents: number }[];
    };
    expect(index.runs.map((e) => [e.summary.id, e.storedEvents])).toEqual([
      ['r3', 6],
      ['r2', 4],
      ['r1', 0],
    ]);
    expect(index.runs[2]?.summary).toEqual(summarizeRun(r1 as RunRecord));
    // One more event: r1 has none left to give, so r2 gives one.
    const r1Before = await stat(join(folder, 'r1.json'));
    await history.record(FILE, run('r4', { report: report(1), endedAt: at(4) }));
    expect((await stat(join(folder, 'r1.json'))).ino).toBe(r1Before.ino);
    expect((await history.get(FILE, 'r2'))?.report.events).toHaveLength(3);
    expect((await history.list(FILE)).runs.map((r) => [r.id, r.eventsDropped])).toEqual([
      ['r4', 0],
      ['r3', 0],
      ['r2', 1],
      ['r1', 4],
    ]);
  });

  it('a hostile run id never names a file: record refuses it, get answers null', async () => {
    const history = new RunHistory(dir);
    await history.record(FILE, run('r1'));
    for (const id of [
      '../escape',
      '..',
      'a/b',
      'a\\b',
      '',
      'x'.repeat(101),
      'index',
      'INDEX',
      'r1.json',
      'a b',
    ]) {
      await expect(history.record(FILE, run(id))).rejects.toThrow(
        /cannot name a history file: only letters, digits and '-'/,
      );
      expect(await history.get(FILE, id)).toBeNull();
    }
    expect(await readdir(join(dir, 'run-history'))).toEqual([history.folderFor(FILE).split('/').at(-1)]);
    expect((await readdir(history.folderFor(FILE))).sort()).toEqual(['index.json', 'r1.json']);
    await history.record(FILE, run('5f0c8a8e-3b1d-4c1e-9a7b-2d7e1f0a9c33'));
    expect((await history.list(FILE)).runs.map((r) => r.id)).toEqual([
      '5f0c8a8e-3b1d-4c1e-9a7b-2d7e1f0a9c33',
      'r1',
    ]);
  });

  it(
    "recording a run costs the new run's file and the index, however large the stored runs are",
    { timeout: 60_000 },
    async () => {
      const history = new RunHistory(dir);
      const folder = history.folderFor(FILE);
      const big = report(50_000);
      for (let i = 1; i <= RUN_HISTORY_LIMIT; i += 1)
        await history.record(FILE, run(`r${i}`, { report: big }));
      const before = new Map<string, { ino: number; mtimeMs: number; size: number }>();
      for (let i = 2; i <= RUN_HISTORY_LIMIT; i += 1) {
        const s = await stat(join(folder, `r${i}.json`));
        before.set(`r${i}`, { ino: s.ino, mtimeMs: s.mtimeMs, size: s.size });
      }
      expect([...before.values()][0]?.size).toBeGreaterThan(2_000_000);
      await history.record(FILE, run('new', { report: big }));
      for (const [id, was] of before) {
        const s = await stat(join(folder, `${id}.json`));
        expect({ ino: s.ino, mtimeMs: s.mtimeMs, size: s.size }, id).toEqual(was);
      }
      expect((await readdir(folder)).filter((n) => n !== 'index.json')).toHaveLength(RUN_HISTORY_LIMIT);
      expect(await readdir(folder)).not.toContain('r1.json'); // beyond the limit: deleted
      expect((await stat(join(folder, 'index.json'))).size).toBeLessThan(20_000); // summaries only
      expect((await history.list(FILE)).runs.map((r) => r.id).slice(0, 2)).toEqual([
        'new',
        `r${RUN_HISTORY_LIMIT}`,
      ]);
    },
  );
});

describe('a history written by an earlier version (one file per document)', () => {
  it('is split into a folder on first touch, and the old file deleted', async () => {
    const history = new RunHistory(dir);
    const legacy = `${history.folderFor(FILE)}.json`;
    await mkdir(join(dir, 'run-history'), { recursive: true });
    const runs = [recordOf('old-2', { report: report(3) }), { ...recordOf('old-1'), eventsDropped: 5 }];
    await writeFile(
      legacy,
      JSON.stringify({
        format: 'flowloop.run-history/1',
        document: { path: '/work/flows/w.flow.json', key: null },
        runs,
      }),
    );
    expect(await history.list(FILE)).toEqual({ problem: null, runs: runs.map(summarizeRun) });
    expect(await readdir(join(dir, 'run-history'))).toEqual([history.folderFor(FILE).split('/').at(-1)]);
    expect((await readdir(history.folderFor(FILE))).sort()).toEqual([
      'index.json',
      'old-1.json',
      'old-2.json',
    ]);
    expect(await history.get(FILE, 'old-1')).toEqual(runs[1]);
    await history.record(FILE, run('new'));
    expect((await history.list(FILE)).runs.map((r) => r.id)).toEqual(['new', 'old-2', 'old-1']);
  });

  it('an unsaved document keeps its old runs through migration and its first save', async () => {
    const history = new RunHistory(dir);
    const unsaved = { path: null, key: 'doc-old' };
    await mkdir(join(dir, 'run-history'), { recursive: true });
    await writeFile(
      `${history.folderFor(unsaved)}.json`,
      JSON.stringify({
        format: 'flowloop.run-history/1',
        document: { path: null, key: 'doc-old' },
        runs: [recordOf('u1')],
      }),
    );
    const saved = { path: '/work/flows/old.flow.json', key: 'doc-old' };
    expect((await history.list(saved)).runs.map((r) => r.id)).toEqual(['u1']);
    expect(await history.get(saved, 'u1')).toEqual(recordOf('u1'));
    expect(await readdir(join(dir, 'run-history'))).toEqual([history.folderFor(saved).split('/').at(-1)]);
  });

  it('a damaged old file is reported and set aside; the history starts fresh', async () => {
    const problems: string[] = [];
    const history = new RunHistory(dir, { onProblem: (m) => problems.push(m) });
    const legacy = `${history.folderFor(FILE)}.json`;
    await mkdir(join(dir, 'run-history'), { recursive: true });
    await writeFile(legacy, '{"format": "flowloop.run-history/1", "runs": [');
    expect(await history.list(FILE)).toEqual({ problem: null, runs: [] });
    expect(problems).toEqual([
      expect.stringMatching(
        /run history .*\.json is damaged \(not JSON.*; starting a new history for \/work\/flows\/w\.flow\.json/,
      ),
    ]);
    expect(await readFile(`${legacy}.damaged`, 'utf8')).toContain('"runs": [');
    await history.record(FILE, run('fresh'));
    expect((await history.list(FILE)).runs.map((r) => r.id)).toEqual(['fresh']);
  });
});

describe('adopting the runs made while unsaved', () => {
  it('merges them newest first with the saved history, applies the limit and removes the key folder', async () => {
    const history = new RunHistory(dir, { limit: 3 });
    const at = (s: number) => new Date(Date.UTC(2026, 10, 28, 1, 0, s));
    const saved = { path: '/work/flows/w.flow.json', key: 'doc-x' };
    const unsaved = { path: null, key: 'doc-x' };
    await history.record(saved, run('s1', { endedAt: at(1) }));
    await history.record(saved, run('s4', { endedAt: at(4) }));
    await history.record(unsaved, run('u2', { endedAt: at(2) }));
    await history.record(unsaved, run('u3', { endedAt: at(3) }));
    await history.record(unsaved, run('u5', { endedAt: at(5) }));
    expect((await history.list(saved)).runs.map((r) => r.id)).toEqual(['u5', 's4', 'u3']);
    expect((await readdir(history.folderFor(saved))).sort()).toEqual([
      'index.json',
      's4.json',
      'u3.json',
      'u5.json',
    ]);
    expect(await history.get(saved, 'u5')).toEqual(recordOf('u5', { endedAt: at(5) }));
    expect(await readdir(join(dir, 'run-history'))).toEqual([history.folderFor(saved).split('/').at(-1)]);
    expect((await history.list(unsaved)).runs).toEqual([]);
  });
});
