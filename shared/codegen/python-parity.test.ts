/**
 * The Python export does what the run did: every differential scenario and every example,
 * run on the engine (virtual clock) and exported to Python and run by CPython on a virtual-
 * clock asyncio loop; results, final node states and end times must agree. Fetch workflows run
 * both sides against a real HTTP server on 127.0.0.1. Every export passes py_compile.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportPython, pythonNodeNames } from './python';
import type { Graph } from '../graph/types';
import { runWorkflow } from '../runtime/run';
import { PYTHON } from '../../test/oracle/oracle';
import { runProcess, type ProcessOutput } from '../../test/run-process';
import { startHostedRun } from '../../host/hosted-run';
import {
  EXAMPLES,
  SCENARIOS,
  engineOutcome,
  hasFetch,
  hasJavaScript,
  retarget,
  type NamedGraph,
  type Outcome,
} from '../../test/codegen/export-parity';
import { ENV, ENV_ROUTES, childEnv, envCases, envLookup, runWithEnv } from '../../test/codegen/env-parity';
import { startTestHttpServer, type TestHttpServer } from '../../test/http-server';

const RUNNER = fileURLToPath(new URL('../../test/codegen/run_python_export.py', import.meta.url));
const workdir = mkdtempSync(join(tmpdir(), 'flowloop-py-parity-'));

function python(args: string[]): Promise<ProcessOutput> {
  return runProcess(PYTHON, args);
}

function writeExport(name: string, graph: Graph): string {
  const exported = exportPython(graph);
  if (!exported.ok) throw new Error(exported.problems.join('; '));
  const path = join(workdir, `${name.replace(/[^A-Za-z0-9_]/g, '_')}.py`);
  writeFileSync(path, exported.code);
  return path;
}

async function pythonOutcome(
  graph: Graph,
  path: string,
  clock: 'virtual' | 'real',
  deadline: number | null,
): Promise<Outcome> {
  const args = [RUNNER, path, '--clock', clock];
  if (deadline !== null) args.push('--deadline', String(deadline));
  const out = await python(args);
  if (out.code !== 0) throw new Error(`exported ${path} could not run: ${out.stderr}`);
  const raw = JSON.parse(out.stdout) as {
    status: Outcome['status'];
    result: unknown;
    error: { type: string } | null;
    tasks: Record<string, string>;
    endTime: number;
  };
  const idOf = new Map([...pythonNodeNames(graph)].map(([id, name]) => [name, id]));
  const states: Outcome['states'] = {};
  for (const [name, state] of Object.entries(raw.tasks))
    states[idOf.get(name) ?? `?${name}`] = state as Outcome['states'][string];
  return {
    status: raw.status,
    result: raw.status === 'done' ? raw.result : null,
    errorType: raw.error?.type ?? null,
    states,
    endTime: raw.endTime,
  };
}

const virtualCases: NamedGraph[] = [...SCENARIOS, ...EXAMPLES].filter(
  (c) => !hasFetch(c.graph) && !hasJavaScript(c.graph),
);

describe('Python export parity on the virtual clock', () => {
  it('covers every scenario and every example without fetch', () => {
    expect(virtualCases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(virtualCases.map((c) => [c.name, c] as const))('%s', async (_name, { name, graph, deadline }) => {
    const path = writeExport(name, graph);
    const [engine, exported] = await Promise.all([
      runWorkflow(graph, { clock: 'virtual', deadline }).then(engineOutcome),
      pythonOutcome(graph, path, 'virtual', deadline),
    ]);
    expect(exported).toEqual(engine);
  });
});

describe('Python export parity with fetch nodes against a real server', () => {
  let server: Server;
  let origin = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const delay = url.pathname.includes('python') ? 60 : 20;
      setTimeout(() => {
        if (url.pathname === '/users') {
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify([{ id: 1 }, { id: 2 }, { id: 3 }]));
        } else if (url.pathname.startsWith('/users/')) {
          const id = Number(url.pathname.split('/')[2]);
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify({ id, name: `user ${id}`, email: `u${id}@example.test`, phone: 'x' }));
        } else if (url.pathname === '/missing') {
          res.statusCode = 404;
          res.end('no');
        } else {
          res.end(`<html>${url.pathname}</html>`);
        }
      }, delay);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const fetchCases: NamedGraph[] = EXAMPLES.filter((c) => hasFetch(c.graph));
  // Short sleeps, so that the real-clock runs stay quick; the fetches decide the order.
  const quick = (graph: Graph): Graph => {
    const copy = retarget(graph, origin);
    for (const node of copy.nodes)
      if (node.kind === 'sleep') node.params.seconds = Math.min(node.params.seconds, 0.3);
    return copy;
  };

  it('has fetch examples to check', () => expect(fetchCases.length).toBeGreaterThanOrEqual(3));

  it.each(fetchCases.map((c) => [c.name, c] as const))('%s', async (_name, example) => {
    const graph = quick(example.graph);
    const path = writeExport(`fetch_${example.name}`, graph);
    const engine = engineOutcome(await startHostedRun(graph, { clock: 'real' }).report);
    const exported = await pythonOutcome(graph, path, 'real', null);
    expect(exported.status).toBe(engine.status);
    expect(exported.result).toEqual(engine.result);
    expect(exported.states).toEqual(engine.states);
  });

  it('an HTTP error fails both the same way', async () => {
    const graph: Graph = {
      format: 'flowloop.graph/2',
      nodes: [
        { id: 'missing_page', kind: 'fetch', params: { url: `${origin}/missing`, responseType: 'text' } },
      ],
      edges: [],
    };
    const path = writeExport('fetch_missing', graph);
    const engine = engineOutcome(await startHostedRun(graph, { clock: 'real' }).report);
    const exported = await pythonOutcome(graph, path, 'real', null);
    expect(engine).toMatchObject({ status: 'failed', errorType: 'HTTPError' });
    expect(exported).toMatchObject({ status: 'failed', errorType: 'HTTPError', states: engine.states });
  });
});

describe("Python export parity with {env.NAME} placeholders (variables in the child's environment)", () => {
  let server: TestHttpServer;
  beforeAll(async () => {
    server = await startTestHttpServer(ENV_ROUTES);
  });
  afterAll(() => server.close());

  it('reads os.environ as the engine reads its lookup: same result, same error type and message', async () => {
    const secret = ENV.FLOWLOOP_TEST_API_KEY;
    const cases = envCases(`http://127.0.0.1:${server.port}`);
    for (const { name, graph } of cases) {
      const path = writeExport(name, graph);
      const report = await startHostedRun(graph, { clock: 'real', env: envLookup }).report;
      const out = await runWithEnv(PYTHON, [RUNNER, path, '--clock', 'real'], workdir, childEnv());
      expect(out.code, out.stderr).toBe(0);
      const exported = JSON.parse(out.stdout) as {
        status: string;
        result: unknown;
        error: { type: string; message: string } | null;
      };
      expect({
        name,
        status: exported.status,
        result: exported.status === 'done' ? exported.result : null,
        error: exported.error,
      }).toEqual({
        name,
        status: report.status,
        result: report.status === 'done' ? report.result : null,
        error: report.error,
      });
      // The export holds the names, never the values; an error's message shows the placeholders.
      expect(readFileSync(path, 'utf8')).not.toContain(secret);
      if (exported.status !== 'done') expect(out.stdout).not.toContain(encodeURIComponent(secret));
    }
    const sent = server.requests.filter((r) => r.path.startsWith('/echo'));
    expect(sent).toHaveLength(2);
    for (const request of sent) expect(request.path).toContain(encodeURIComponent(secret));
  });

  it('says which variable is missing, and shows {env.NAME} in an HTTPError', async () => {
    const [, httpError, unset, objectNames] = envCases(`http://127.0.0.1:${server.port}`);
    const failed = async (graph: Graph) => (await startHostedRun(graph, { env: envLookup }).report).error;
    expect(await failed(unset!.graph)).toEqual({
      type: 'KeyError',
      message: 'environment variable FLOWLOOP_TEST_UNSET is not set',
    });
    expect(await failed(objectNames!.graph)).toEqual({
      type: 'KeyError',
      message: 'environment variable constructor is not set',
    });
    expect(await failed(httpError!.graph)).toEqual({
      type: 'HTTPError',
      message: `GET http://127.0.0.1:${server.port}/status/404?key={env.FLOWLOOP_TEST_API_KEY}&who=Ada answered 404 Not Found`,
    });
  });
});

describe('every Python export compiles', () => {
  it('passes py_compile for every scenario and example', async () => {
    const paths = [...SCENARIOS, ...EXAMPLES]
      .filter((c) => !hasJavaScript(c.graph))
      .map((c) => writeExport(`compile_${c.name}`, c.graph));
    const out = await python(['-m', 'py_compile', ...paths]);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
  });
});
