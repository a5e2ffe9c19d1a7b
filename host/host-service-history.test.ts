/** The run history through the host service: run.start with a document, history.list and history.get. */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHostService, type HostService } from './host-service';
import type { HostEvent, HostResponses } from '../shared/protocol/messages';
import type { HistoryDocument } from '../shared/protocol/run-history';

const graphText = (seconds: number) =>
  JSON.stringify({
    format: 'flowloop.graph/2',
    name: 'two sleeps',
    nodes: [
      { id: 'a', kind: 'sleep', params: { seconds, result: 'a' }, position: { x: 0, y: 0 } },
      { id: 'b', kind: 'sleep', params: { seconds: 2, result: 'b' }, position: { x: 0, y: 100 } },
      { id: 'all', kind: 'gather', params: {}, position: { x: 200, y: 50 } },
    ],
    edges: [
      { source: 'a', target: 'all', input: 0 },
      { source: 'b', target: 'all', input: 1 },
    ],
  });

const DOCUMENT: HistoryDocument = { path: '/somewhere/two.flow.json', key: 'doc-abc' };
let dir: string;
let service: HostService;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'flowloop-host-history-'));
  service = createHostService({
    dataDir: join(dir, 'data'),
    initialFile: null,
    defaultClock: { kind: 'virtual' },
    shell: 'browser',
  });
});
afterEach(async () => {
  await service.close();
  await rm(dir, { recursive: true, force: true });
});

/** Starts a run and resolves with its id once run.ended has been heard. */
async function runToEnd(s: HostService, request: Record<string, unknown>): Promise<string> {
  let runId = '';
  const ended = new Set<string>();
  let wake: () => void = () => undefined;
  const off = s.onEvent((event: HostEvent) => {
    if (event.type === 'run.ended') {
      ended.add(event.runId);
      wake();
    }
  });
  const started = (await s.handle({ type: 'run.start', ...request })) as HostResponses['run.start'];
  if (!started.ok) throw new Error('run refused');
  runId = started.runId;
  while (!ended.has(runId)) await new Promise<void>((r) => (wake = r));
  off();
  return runId;
}

const list = (document = DOCUMENT) =>
  service.handle({ type: 'history.list', document }) as Promise<HostResponses['history.list']>;

describe('run history through the host', () => {
  it('records a run of a document when it ends; history.list answers right after run.ended', async () => {
    const first = await runToEnd(service, {
      text: graphText(1),
      clock: { kind: 'virtual' },
      document: DOCUMENT,
    });
    expect(await list()).toMatchObject({
      problem: null,
      runs: [{ id: first, status: 'done', clock: { kind: 'virtual' }, duration: 2 }],
    });
    const second = await runToEnd(service, {
      text: graphText(3),
      clock: { kind: 'virtual' },
      document: DOCUMENT,
    });
    const { runs } = await list();
    expect(runs.map((r) => r.id)).toEqual([second, first]);
    expect(runs[0]?.counts).toEqual({ idle: 0, pending: 0, running: 0, done: 3, failed: 0, cancelled: 0 });
    expect(runs[0]?.duration).toBe(3);
    expect(Date.parse(runs[0]?.endedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(runs[0]?.startedAt ?? ''));

    const { record } = (await service.handle({
      type: 'history.get',
      document: DOCUMENT,
      runId: first,
    })) as HostResponses['history.get'];
    expect(record?.text).toBe(graphText(1));
    expect(record?.report.nodes.a?.endedAt).toBe(1);
    expect(record?.report.events.length).toBeGreaterThan(0);
    expect(await service.handle({ type: 'history.get', document: DOCUMENT, runId: 'missing' })).toEqual({
      record: null,
    });
  });

  it('records nothing for a run without a document, and keeps documents apart', async () => {
    await runToEnd(service, { text: graphText(1), clock: { kind: 'virtual' } });
    expect(await list()).toEqual({ runs: [], problem: null });
    const unsaved = { path: null, key: 'doc-unsaved' };
    const id = await runToEnd(service, { text: graphText(1), clock: { kind: 'virtual' }, document: unsaved });
    expect((await list(unsaved)).runs.map((r) => r.id)).toEqual([id]);
    expect((await list()).runs).toEqual([]);
  });

  it('records two runs of one document that end together', async () => {
    const ids = await Promise.all(
      [1, 2].map((s) =>
        runToEnd(service, { text: graphText(s), clock: { kind: 'virtual' }, document: DOCUMENT }),
      ),
    );
    expect((await list()).runs.map((r) => r.id).sort()).toEqual([...ids].sort());
  });

  it('keeps the history in the data folder for the next start', async () => {
    const id = await runToEnd(service, {
      text: graphText(1),
      clock: { kind: 'virtual' },
      document: DOCUMENT,
    });
    await service.close();
    service = createHostService({
      dataDir: join(dir, 'data'),
      initialFile: null,
      defaultClock: { kind: 'virtual' },
      shell: 'browser',
    });
    expect((await list()).runs.map((r) => r.id)).toEqual([id]);
    expect(await readdir(join(dir, 'data', 'run-history'))).toHaveLength(1);
  });

  it('refuses a bad document with a message naming the field', async () => {
    await expect(
      service.handle({ type: 'history.list', document: { path: null, key: '../x' } }),
    ).rejects.toThrow(/bad 'history.list' request: document.key/);
    await expect(
      service.handle({
        type: 'run.start',
        text: graphText(1),
        clock: { kind: 'virtual' },
        document: { key: 'k' },
      }),
    ).rejects.toThrow(/bad 'run.start' request: document.path/);
    await expect(service.handle({ type: 'history.get', document: DOCUMENT })).rejects.toThrow(/runId/);
  });
});
