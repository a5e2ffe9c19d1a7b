/**
 * A secret ({env.NAME}) reaches the server and nothing else: a workflow whose fetch puts it in the
 * url, a header and the body runs on the engine, through `flowloop run` (--json and the progress
 * view, a real child process with the variable in its environment) and through the app's host (the
 * value kept in its data folder), against a real server on 127.0.0.1. The server must receive it;
 * no output, report, event, error message, history file or export may hold its bytes (as they
 * are, or URL-encoded as the url carries them).
 */
import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseGraph } from '../shared/graph';
import type { HostEvent, HostResponses } from '../shared/protocol/messages';
import { reportJsonChunks } from '../shared/protocol/report-json';
import { runCliProcess } from '../test/cli-harness';
import { jsonRoute, startTestHttpServer, type TestHttpServer } from '../test/http-server';
import { createHostService, type HostService } from './host-service';
import { environmentLookup, startHostedRun } from './hosted-run';
import { SECRETS_FILE } from './workflow-secrets';

const SECRET = 'Zk9#s3cr3t v@lue&7';
const FORMS = [SECRET, encodeURIComponent(SECRET)];
const ENV = { FLOWLOOP_SECRET_TEST_KEY: SECRET };

function expectNoSecret(text: string, where: string): void {
  for (const form of FORMS) expect(text.includes(form), `${where} holds the secret (${form})`).toBe(false);
}

/** Every file under `dir`, as text, but `except`. */
async function filesUnder(dir: string, except: string[] = []): Promise<[string, string][]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile() && !except.includes(e.name));
  return Promise.all(
    files.map(async (e): Promise<[string, string]> => {
      const path = join(e.parentPath, e.name);
      return [path, await readFile(path, 'utf8')];
    }),
  );
}

const workflow = (origin: string, path: string) =>
  JSON.stringify({
    format: 'flowloop.graph/2',
    name: 'a secret',
    nodes: [
      {
        id: 'page',
        kind: 'fetch',
        params: {
          url: `${origin}${path}?key={env.FLOWLOOP_SECRET_TEST_KEY}`,
          method: 'POST',
          headers: { Authorization: 'Bearer {env.FLOWLOOP_SECRET_TEST_KEY}' },
          body: { key: '{env.FLOWLOOP_SECRET_TEST_KEY}', note: 'k={env.FLOWLOOP_SECRET_TEST_KEY}' },
        },
      },
    ],
  });

let server: TestHttpServer;
let dir: string;
let okFile: string;
let failingFile: string;

beforeAll(async () => {
  server = await startTestHttpServer({ '/ok': jsonRoute({ fine: true }) });
  dir = await mkdtemp(join(tmpdir(), 'flowloop-secret-'));
  okFile = join(dir, 'ok.flow.json');
  failingFile = join(dir, 'failing.flow.json');
  await writeFile(okFile, workflow(`http://127.0.0.1:${server.port}`, '/ok'));
  await writeFile(failingFile, workflow(`http://127.0.0.1:${server.port}`, '/missing'));
});
afterAll(() => server.close());

/** Checks the last request the server saw carried the secret in the url, the header and the body. */
function expectServerGotIt(path: string): void {
  const seen = server.requests.at(-1)!;
  expect(seen.path).toBe(`${path}?key=${encodeURIComponent(SECRET)}`);
  expect(seen.headers.authorization).toBe(`Bearer ${SECRET}`);
  expect(JSON.parse(seen.body)).toEqual({ key: SECRET, note: `k=${SECRET}` });
}

describe('a secret reaches the server and nothing else', () => {
  it('on the engine: the report (as --json writes it) holds no value, done or failed', async () => {
    for (const [file, path] of [
      [okFile, '/ok'],
      [failingFile, '/missing'],
    ] as const) {
      const parsed = parseGraph(await readFile(file, 'utf8'));
      if (!parsed.ok) throw new Error('invalid');
      const events: unknown[] = [];
      const report = await startHostedRun(parsed.graph, {
        clock: 'virtual',
        env: environmentLookup(ENV),
        listener: { state: (e) => events.push(e), retry: (r) => events.push(r) },
      }).report;
      expectServerGotIt(path);
      expectNoSecret([...reportJsonChunks(report)].join(''), 'the report');
      expectNoSecret(JSON.stringify(events), 'the events');
      if (path === '/missing') {
        expect(report.error).toEqual({
          type: 'HTTPError',
          message: `POST http://127.0.0.1:${server.port}/missing?key={env.FLOWLOOP_SECRET_TEST_KEY} answered 404 Not Found`,
        });
      }
    }
  });

  it('through `flowloop run` (a child process with the variable in its environment), --json and the progress view', async () => {
    for (const [file, path, status] of [
      [okFile, '/ok', 0],
      [failingFile, '/missing', 1],
    ] as const) {
      for (const json of [true, false]) {
        const out = await runCliProcess(['run', file, ...(json ? ['--json'] : [])], { env: ENV }).outcome;
        expect(out.status, out.stderr).toBe(status);
        expectServerGotIt(path);
        expectNoSecret(out.stdout, `stdout of run ${json ? '--json' : ''}`);
        expectNoSecret(out.stderr, 'stderr of run');
        if (json && status === 1) expect(out.stdout).toContain('{env.FLOWLOOP_SECRET_TEST_KEY} answered 404');
      }
    }
    // Not set: the node fails before any request, saying which variable.
    const before = server.requests.length;
    const unset = await runCliProcess(['run', okFile, '--json'], {
      env: { FLOWLOOP_SECRET_TEST_KEY: undefined },
    }).outcome;
    expect(unset.status).toBe(1);
    expect(JSON.parse(unset.stdout)).toMatchObject({
      status: 'failed',
      error: { type: 'KeyError', message: 'environment variable FLOWLOOP_SECRET_TEST_KEY is not set' },
    });
    expect(server.requests.length).toBe(before);
  });

  it('through `flowloop export`: the programs name the variable, never hold its value', async () => {
    for (const to of ['python', 'typescript']) {
      const out = await runCliProcess(['export', okFile, '--to', to], { env: ENV }).outcome;
      expect(out.status, out.stderr).toBe(0);
      expect(out.stdout).toContain('FLOWLOOP_SECRET_TEST_KEY');
      expect(out.stdout).toContain(to === 'python' ? 'os.environ' : 'process.env');
      expectNoSecret(out.stdout + out.stderr, `the ${to} export`);
    }
  });

  it('through the app: the value kept in the data folder (0600) reaches the server; events, reports and history files hold none', async () => {
    const dataDir = join(dir, 'data');
    const service: HostService = createHostService({
      dataDir,
      initialFile: null,
      defaultClock: { kind: 'virtual' },
      shell: 'browser',
      processEnv: {},
    });
    const heard: HostEvent[] = [];
    service.onEvent((event) => heard.push(event));
    try {
      await service.handle({
        type: 'secrets.set',
        path: okFile,
        name: 'FLOWLOOP_SECRET_TEST_KEY',
        value: SECRET,
      });
      await service.handle({
        type: 'secrets.set',
        path: failingFile,
        name: 'FLOWLOOP_SECRET_TEST_KEY',
        value: SECRET,
      });
      const listed = (await service.handle({
        type: 'secrets.list',
        path: okFile,
        names: ['FLOWLOOP_SECRET_TEST_KEY', 'OTHER'],
      })) as HostResponses['secrets.list'];
      expect(listed.secrets).toEqual([
        { name: 'FLOWLOOP_SECRET_TEST_KEY', used: true, source: 'app' },
        { name: 'OTHER', used: true, source: null },
      ]);
      for (const [file, path] of [
        [okFile, '/ok'],
        [failingFile, '/missing'],
      ] as const) {
        const text = await readFile(file, 'utf8');
        const started = (await service.handle({
          type: 'run.start',
          text,
          clock: { kind: 'virtual' },
          document: { path: file, key: 'doc' },
        })) as HostResponses['run.start'];
        if (!started.ok) throw new Error('refused');
        while (!heard.some((e) => e.type === 'run.ended' && e.runId === started.runId))
          await new Promise((resolve) => setTimeout(resolve, 10));
        expectServerGotIt(path);
        const ended = heard.find((e) => e.type === 'run.ended' && e.runId === started.runId);
        expect(ended?.type === 'run.ended' && ended.report.status).toBe(path === '/ok' ? 'done' : 'failed');
        const report = (await service.handle({
          type: 'run.report',
          runId: started.runId,
        })) as HostResponses['run.report'];
        expectNoSecret(JSON.stringify(report), 'run.report');
      }
      await service.stopAllRuns(); // the history records are written
      expectNoSecret(JSON.stringify(heard), 'the events the page hears');
      expect((await stat(join(dataDir, SECRETS_FILE))).mode & 0o777).toBe(0o600);
      const kept = await filesUnder(dataDir, [SECRETS_FILE]);
      expect(kept.some(([path]) => path.includes('run-history'))).toBe(true);
      for (const [path, text] of kept) expectNoSecret(text, path);
      for (const file of [okFile, failingFile]) expectNoSecret(await readFile(file, 'utf8'), file);
      const history = (await service.handle({
        type: 'history.list',
        document: { path: okFile, key: 'doc' },
      })) as HostResponses['history.list'];
      expect(history.runs).toHaveLength(1);
      expectNoSecret(JSON.stringify(history), 'history.list');
    } finally {
      await service.close();
    }
  });
});
