/**
 * Retries against a real HTTP server on 127.0.0.1: a fetch that answers 503 twice and then 200, and
 * one that always answers 503. The engine, the Python export (CPython, aiohttp) and the TypeScript
 * export (tsx) each try as often, wait as long and end the same: the statuses a retry names are
 * retried, the error of the last try is the node's.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Graph } from '../graph/types';
import { startHostedRun } from '../../host/hosted-run';
import { PYTHON } from '../../test/oracle/oracle';
import { startTestHttpServer, type TestHttpServer } from '../../test/http-server';
import { runProcess } from '../../test/run-process';
import { exportPython } from './python';
import { exportTypeScript } from './typescript';

const TSX = fileURLToPath(new URL('../../node_modules/tsx/dist/cli.mjs', import.meta.url));
const folder = mkdtempSync(join(tmpdir(), 'flowloop-retry-'));
let server: TestHttpServer;
/** Requests seen per key, and when (ms since the server started). */
const tries = new Map<string, number[]>();
const started = Date.now();

beforeAll(async () => {
  server = await startTestHttpServer({
    '/flaky': (request, res) => {
      const query = new URL(request.path, 'http://x').searchParams;
      const key = query.get('key') ?? '';
      const seen = [...(tries.get(key) ?? []), Date.now() - started];
      tries.set(key, seen);
      const failing = seen.length <= Number(query.get('fail') ?? '0');
      res.writeHead(failing ? 503 : 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(failing ? { busy: true } : { key, tries: seen.length }));
    },
  });
});
afterAll(() => server.close());

function workflow(side: string): Graph {
  const url = (key: string, fail: number) => server.url(`/flaky?key=${side}-${key}&fail=${fail}`);
  return {
    format: 'flowloop.graph/2',
    name: 'retries',
    nodes: [
      {
        id: 'eventually',
        kind: 'fetch',
        params: { url: url('eventually', 2) },
        retry: { attempts: 3, delay: 0.1, backoff: 2, statuses: [503] },
      },
      {
        id: 'never',
        kind: 'fetch',
        params: { url: url('never', 99) },
        retry: { attempts: 2, delay: 0.05, errors: ['ConnectionError'], statuses: [502, 503] },
      },
      {
        id: 'not_listed',
        kind: 'fetch',
        params: { url: url('not-listed', 99) },
        retry: { attempts: 4, delay: 0.05, statuses: [500] },
      },
      { id: 'all', kind: 'gather', params: { returnExceptions: true } },
    ],
    edges: [
      { source: 'eventually', target: 'all', input: 0 },
      { source: 'never', target: 'all', input: 1 },
      { source: 'not_listed', target: 'all', input: 2 },
    ],
  };
}

function exported(side: string, language: 'python' | 'typescript'): string {
  const result = language === 'python' ? exportPython(workflow(side)) : exportTypeScript(workflow(side));
  if (!result.ok) throw new Error(result.problems.join('; '));
  const file = join(folder, `${side}.${language === 'python' ? 'py' : 'ts'}`);
  writeFileSync(file, result.code);
  return file;
}

const sides: Record<string, () => Promise<unknown>> = {
  engine: async () => (await startHostedRun(workflow('engine'), { clock: 'real' }).report).result,
  python: async () => {
    const out = await runProcess(PYTHON, [exported('python', 'python')], { cwd: folder });
    if (out.code !== 0) throw new Error(out.stderr);
    return JSON.parse(out.stdout);
  },
  typescript: async () => {
    const out = await runProcess(process.execPath, [TSX, exported('typescript', 'typescript')], {
      cwd: folder,
    });
    if (out.code !== 0) throw new Error(out.stderr);
    return JSON.parse(out.stdout);
  },
};

describe.each(Object.keys(sides))('retries in the %s', (side) => {
  it('tries as often and waits as long, and ends as the last try did', async () => {
    const result = await sides[side]!();
    const url = (key: string) => server.url(`/flaky?key=${side}-${key}&fail=99`);
    expect(result).toEqual([
      { key: `${side}-eventually`, tries: 3 },
      { error: { type: 'HTTPError', message: `GET ${url('never')} answered 503 Service Unavailable` } },
      { error: { type: 'HTTPError', message: `GET ${url('not-listed')} answered 503 Service Unavailable` } },
    ]);
    const times = tries.get(`${side}-eventually`) ?? [];
    expect(times).toHaveLength(3);
    // Waits of 0.1 s, then 0.2 s (backoff 2), between the tries; the real clock runs a little late.
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(95);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(195);
    expect(tries.get(`${side}-never`)).toHaveLength(2);
    // 503 is not among the statuses this retry names: one try only.
    expect(tries.get(`${side}-not-listed`)).toHaveLength(1);
  }, 60_000);
});
