/**
 * The TypeScript export does what the run did, as the Python export's suite checks it: every
 * differential scenario (deadlines included), every example and the fixtures here run on the
 * engine (virtual clock) and as the exported program, whose timers a preload makes virtual
 * (testing/virtual-timers.mjs; the program does not know). They must agree on the outcome (done,
 * failed or cancelled), the result, the error's type and message, the final state of every node
 * that got a task, and the end time. Workflows with fetch nodes run both sides on the real clock
 * against a real HTTP server on 127.0.0.1 (the end time is then the wall clock's, not compared).
 *
 * Each export is run twice:
 * - as exported, as its header says (`npx tsx FILE.ts`), in a plain temporary folder with no
 *   package.json, whose node_modules is the project's (where a user would have installed what
 *   the program imports); what it prints must be the engine's outcome without a deadline;
 * - with the test's probe appended (testing/typescript-probe.ts), compiled by tsc in an ES
 *   module package: the probe reports the nodes' final states and the end time, and cancels
 *   main's task at a scenario's deadline, as run_python_export.py does for Python.
 * Every export, and every probed copy, type-checks with `tsc --strict` (one tsc run checks them
 * all). The header's other two ways to run it are checked too: compiled with the tsc options it
 * names, and `node FILE.ts` on Node 22.18+.
 *
 * What cannot be equal, and why:
 * - The messages of TransformError and ConnectionError come from the platform, not from
 *   Flowloop: the JavaScript engine (QuickJS in the sandbox, V8 in the export) and the network
 *   stack word them differently. Their type must agree; their message is left out.
 * - End times agree to the nanosecond, not to the last bit: the program's clock counts
 *   milliseconds (performance.now()), the engine's seconds, so a sum of the same delays can
 *   round differently (0.1 + 0.2 s is 0.30000000000000004 s, 100 + 200 ms is 300 ms).
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportTypeScript, typeScriptNodeNames } from './typescript';
import { parseGraph } from '../graph';
import type { Graph, JsonValue } from '../graph/types';
import { runWorkflow } from '../runtime/run';
import type { NodeState, RunReport } from '../runtime/types';
import { startHostedRun } from '../../host/hosted-run';
import {
  EXAMPLES,
  SCENARIOS,
  engineOutcome,
  hasFetch,
  retarget,
  type NamedGraph,
} from '../../test/codegen/export-parity';
import { probeText, type ProbeReport } from '../../test/codegen/typescript-probe';
import { ENV, ENV_ROUTES, childEnv, envCases, envLookup, runWithEnv } from '../../test/codegen/env-parity';
import { startTestHttpServer } from '../../test/http-server';
import { limitConcurrency } from '../../test/oracle/oracle';
import { runProcess, type ProcessOutput } from '../../test/run-process';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PRELOAD = fileURLToPath(new URL('../../test/codegen/virtual-timers.mjs', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../../test/fixtures/codegen/', import.meta.url));
const TSX = join(ROOT, 'node_modules/tsx/dist/cli.mjs');
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');

/** What a program prints: how it ended, its result, its error. */
interface Outcome {
  status: RunReport['status'];
  result: JsonValue | null;
  error: { type: string; message: string } | null;
}

/** …and what the probe (or the engine's report) adds: every node's final state, and the end time. */
interface FullOutcome extends Outcome {
  states: Record<string, NodeState>;
  endTime: number;
}

function loadFixtures(): NamedGraph[] {
  return readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.flow.json'))
    .sort()
    .map((f) => {
      const parsed = parseGraph(readFileSync(join(FIXTURES, f), 'utf8'));
      if (!parsed.ok) throw new Error(`${f}: ${parsed.problems.map((p) => p.message).join('; ')}`);
      return { name: f.replace(/\.flow\.json$/, ''), graph: parsed.graph, deadline: null };
    });
}

interface Case {
  /** The exported file's name, without extension. */
  file: string;
  name: string;
  graph: Graph;
  deadline: number | null;
}

/** Errors whose messages come from the platform rather than from Flowloop (see above). */
const PLATFORM_WORDED = new Set(['TransformError', 'ConnectionError']);

function comparable(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(comparable);
  if (value === null || typeof value !== 'object') return value;
  const error = value.error;
  if (
    Object.keys(value).length === 1 &&
    error !== null &&
    typeof error === 'object' &&
    !Array.isArray(error)
  ) {
    if (typeof error.type === 'string' && PLATFORM_WORDED.has(error.type))
      return { error: { type: error.type, message: '…' } };
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, comparable(v)]));
}

function comparableOutcome(outcome: Outcome): Outcome {
  const error =
    outcome.error !== null && PLATFORM_WORDED.has(outcome.error.type)
      ? { type: outcome.error.type, message: '…' }
      : outcome.error;
  return {
    status: outcome.status,
    result: outcome.result === null ? null : comparable(outcome.result),
    error,
  };
}

function engineRun(report: RunReport): FullOutcome {
  const { states, endTime } = engineOutcome(report);
  return {
    status: report.status,
    result: report.status === 'done' ? report.result : null,
    error:
      report.status === 'failed' && report.error !== null
        ? { type: report.error.type, message: report.error.message }
        : null,
    states,
    endTime,
  };
}

/** The exported program's outcome, read from what it prints and its exit status. */
function programOutcome(out: ProcessOutput): Outcome {
  const stderr = out.stderr.replace(/\n$/, '');
  if (out.code === 0 && stderr === '')
    return { status: 'done', result: JSON.parse(out.stdout) as JsonValue, error: null };
  if (out.code !== 1) throw new Error(`the program exited with ${String(out.code)}: ${out.stderr}`);
  if (stderr === 'CancelledError: the workflow was cancelled')
    return { status: 'cancelled', result: null, error: null };
  const match = /^([A-Za-z_][A-Za-z0-9_]*): (.*)$/s.exec(stderr);
  if (match === null) throw new Error(`the program failed without a "Type: message" line: ${out.stderr}`);
  return { status: 'failed', result: null, error: { type: match[1] as string, message: match[2] as string } };
}

function run(command: string, args: readonly string[], cwd: string): Promise<ProcessOutput> {
  return runProcess(command, args, { cwd });
}

const workdir = mkdtempSync(join(tmpdir(), 'flowloop-ts-parity-'));
// A user's folder: the exports as written, no package.json, no tsconfig.json; node_modules holds
// what they import (@jmespath-community/jmespath) and, for tsc, @types/node.
const plain = join(workdir, 'plain');
// The probed copies, in an ES module package with a strict tsconfig whose tsc run also checks the
// plain folder's files (as CommonJS, which is what a file with no package.json above it is).
const probed = join(workdir, 'probed');
for (const dir of [plain, probed]) {
  mkdirSync(dir);
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
}
writeFileSync(join(probed, 'package.json'), JSON.stringify({ type: 'module', private: true }));
writeFileSync(
  join(probed, 'tsconfig.json'),
  JSON.stringify({
    compilerOptions: {
      strict: true,
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      types: ['node'],
      rootDir: '..',
      outDir: 'out',
      noUncheckedIndexedAccess: true,
      noImplicitOverride: true,
      noImplicitReturns: true,
      noFallthroughCasesInSwitch: true,
      // No dead code: a helper, variable or parameter the program does not use fails the check.
      noUnusedLocals: true,
      noUnusedParameters: true,
      skipLibCheck: true,
    },
    include: ['*.ts', '../plain/*.ts'],
  }),
);

const reportPath = (file: string): string => join(probed, `${file}.report.json`);

function exportCase(file: string, name: string, graph: Graph, deadline: number | null): Case {
  const exported = exportTypeScript(graph);
  if (!exported.ok) throw new Error(`${name}: ${exported.problems.join('; ')}`);
  writeFileSync(join(plain, `${file}.ts`), exported.code);
  writeFileSync(
    join(probed, `${file}.ts`),
    exported.code + probeText(graph, exported.code, deadline, reportPath(file)),
  );
  return { file, name, graph, deadline };
}

const FIXTURE_GRAPHS = loadFixtures();
const SOURCES: [prefix: string, graphs: NamedGraph[]][] = [
  ['scenario', SCENARIOS],
  ['example', EXAMPLES],
  ['fixture', FIXTURE_GRAPHS],
];
const fileName = (prefix: string, name: string): string => `${prefix}_${name.replace(/[^A-Za-z0-9_]/g, '_')}`;

const virtualCases: Case[] = SOURCES.flatMap(([prefix, graphs]) =>
  graphs
    .filter((c) => !hasFetch(c.graph))
    .map((c) => exportCase(fileName(prefix, c.name), `${prefix} ${c.name}`, c.graph, c.deadline)),
);

/**
 * The server fetch workflows talk to. Examples name real sites; fixtures name http://flowloop.test.
 * Both are pointed at it, keeping the path (examples: every origin; fixtures: only that one).
 */
function startServer(): Promise<Server> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const path = url.pathname;
      const json = (value: unknown): void => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(value));
      };
      const slow = /^\/slow\/(\d+)$/.exec(path);
      const status = /^\/status\/(\d+)$/.exec(path);
      const user = /^\/users\/(\d+)$/.exec(path);
      setTimeout(
        () => {
          if (path === '/users') json([{ id: 1 }, { id: 2 }, { id: 3 }]);
          else if (user !== null)
            json({ id: Number(user[1]), name: `user ${user[1]}`, email: `u${user[1]}@example.test` });
          else if (path === '/echo') {
            const body = Buffer.concat(chunks).toString('utf8');
            json({
              method: req.method,
              query: url.search,
              contentType: req.headers['content-type'] ?? null,
              flow: req.headers['x-flow'] ?? null,
              body,
            });
          } else if (status !== null) {
            res.statusCode = Number(status[1]);
            res.end();
          } else if (path === '/not-json') res.end('{"oops": ');
          else if (path === '/empty') res.end();
          else if (path === '/big') res.end('x'.repeat(10 * 1024 * 1024 + 1));
          else if (slow !== null) json({ slow: Number(slow[1]) });
          else res.end(`<html>${path}</html>`);
        },
        slow !== null ? Number(slow[1]) : path === '/' ? 60 : 20,
      );
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** An origin where nothing listens: a port the system gave us and we let go again. */
async function closedOrigin(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

const server = await startServer();
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const refusedOrigin = await closedOrigin();

/** The graph pointed at the test server (http://flowloop.refused at a closed port), with sleeps of at most 0.3 s so that real-clock runs stay quick. */
function forServer(graph: Graph, everyOrigin: boolean): Graph {
  const copy = everyOrigin ? retarget(graph, origin) : structuredClone(graph);
  for (const node of copy.nodes) {
    if (node.kind === 'fetch') {
      node.params.url = node.params.url
        .replace(/^http:\/\/flowloop\.test(?=\/)/, origin)
        .replace(/^http:\/\/flowloop\.refused(?=\/)/, refusedOrigin);
    }
    if (node.kind === 'sleep') node.params.seconds = Math.min(node.params.seconds, 0.3);
  }
  return copy;
}

const fetchCases: Case[] = SOURCES.flatMap(([prefix, graphs]) =>
  graphs
    .filter((c) => hasFetch(c.graph))
    .map((c) =>
      exportCase(
        fileName(`fetch_${prefix}`, c.name),
        `${prefix} ${c.name}`,
        forServer(c.graph, prefix === 'example'),
        c.deadline,
      ),
    ),
);

let compiled: Promise<ProcessOutput> | null = null;
/** One tsc run type-checks every export and every probed copy (strict) and writes the JavaScript the probed runs use. */
function compileAll(): Promise<ProcessOutput> {
  compiled ??= run(process.execPath, [TSC, '-p', probed], probed);
  return compiled;
}

const pool = limitConcurrency(2);
type Clock = 'virtual' | 'real';
const timerArgs = (clock: Clock): string[] => (clock === 'virtual' ? ['--import', PRELOAD] : []);

/** Runs `key` once, in the pool; its promise, shared by whoever asks again. */
const started = new Map<string, Promise<ProcessOutput>>();
function once(key: string, start: () => Promise<ProcessOutput>): Promise<ProcessOutput> {
  let promise = started.get(key);
  if (promise === undefined) {
    promise = start();
    promise.catch(() => undefined); // reported by the case's own test
    started.set(key, promise);
  }
  return promise;
}

/** The export as written, run as its header says: `npx tsx FILE.ts` in the plain folder. */
function runAsWritten(file: string, clock: Clock): Promise<ProcessOutput> {
  return once(`tsx ${file}`, () =>
    pool(() => run(process.execPath, [TSX, ...timerArgs(clock), `${file}.ts`], plain)),
  );
}

/** The probed copy, compiled; gives what it printed and what the probe reported. */
async function runProbed(c: Case, clock: Clock): Promise<FullOutcome> {
  // The compilation is awaited inside the pool, so that each case's two runs keep their turn.
  const out = await once(`probed ${c.file}`, () =>
    pool(async () => {
      await compileAll();
      return run(process.execPath, [...timerArgs(clock), `out/probed/${c.file}.js`], probed);
    }),
  );
  const outcome = programOutcome(out);
  const report = JSON.parse(readFileSync(reportPath(c.file), 'utf8')) as ProbeReport;
  const idOf = new Map([...typeScriptNodeNames(c.graph)].map(([id, name]) => [name, id]));
  const states: Record<string, NodeState> = {};
  for (const [name, state] of Object.entries(report.states)) states[idOf.get(name) ?? `?${name}`] = state;
  return { ...outcome, states, endTime: report.endTime };
}

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(workdir, { recursive: true, force: true });
});

describe('TypeScript export parity on the virtual clock', () => {
  beforeAll(() => {
    for (const c of virtualCases) {
      void runAsWritten(c.file, 'virtual');
      void runProbed(c, 'virtual').catch(() => undefined);
    }
  });

  it('covers every scenario (deadlines too), example and fixture without fetch', () => {
    expect(virtualCases.length).toBeGreaterThanOrEqual(60);
    expect(virtualCases.filter((c) => c.deadline !== null).length).toBeGreaterThanOrEqual(10);
  });

  it.each(virtualCases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const engine = engineRun(await runWorkflow(c.graph, { clock: 'virtual', deadline: c.deadline }));
    const exported = await runProbed(c, 'virtual');
    expect({ ...comparableOutcome(exported), states: exported.states }).toEqual({
      ...comparableOutcome(engine),
      states: engine.states,
    });
    expect(exported.endTime).toBeCloseTo(engine.endTime, 9);
    // As written, run as its header says: no deadline there (nobody stops it), so it runs to the end.
    const toEnd = c.deadline === null ? engine : engineRun(await runWorkflow(c.graph, { clock: 'virtual' }));
    const asWritten = programOutcome(await runAsWritten(c.file, 'virtual'));
    expect(comparableOutcome(asWritten)).toEqual(comparableOutcome(toEnd));
  });
});

describe('TypeScript export parity with fetch nodes against a real server (real clock)', () => {
  beforeAll(() => {
    for (const c of fetchCases) {
      void runAsWritten(c.file, 'real');
      void runProbed(c, 'real').catch(() => undefined);
    }
  });

  it('covers the fetch examples and fixtures', () => {
    expect(fetchCases.length).toBeGreaterThanOrEqual(5);
  });

  it.each(fetchCases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const engine = engineRun(await startHostedRun(c.graph, { clock: 'real' }).report);
    const exported = await runProbed(c, 'real');
    expect({ ...comparableOutcome(exported), states: exported.states }).toEqual({
      ...comparableOutcome(engine),
      states: engine.states,
    });
    const asWritten = programOutcome(await runAsWritten(c.file, 'real'));
    expect(comparableOutcome(asWritten)).toEqual(comparableOutcome(engine));
  });
});

const envServer = await startTestHttpServer(ENV_ROUTES);
const envExports: Case[] = envCases(`http://127.0.0.1:${envServer.port}`).map(({ name, graph }) =>
  exportCase(`env_${name}`, name, graph, null),
);
afterAll(() => envServer.close());

describe("TypeScript export parity with {env.NAME} placeholders (variables in the child's environment)", () => {
  it.each(envExports.map((c) => [c.name, c] as const))(
    '%s: process.env as the engine reads its lookup, as written and probed',
    async (_name, c) => {
      const engine = engineRun(await startHostedRun(c.graph, { clock: 'real', env: envLookup }).report);
      const asWritten = programOutcome(
        await pool(() => runWithEnv(process.execPath, [TSX, `${c.file}.ts`], plain, childEnv())),
      );
      expect(asWritten).toEqual({ status: engine.status, result: engine.result, error: engine.error });
      await compileAll();
      const out = await pool(() =>
        runWithEnv(process.execPath, [`out/probed/${c.file}.js`], probed, childEnv()),
      );
      const report = JSON.parse(readFileSync(reportPath(c.file), 'utf8')) as ProbeReport;
      expect({ ...programOutcome(out), states: report.states }).toEqual({
        status: engine.status,
        result: engine.result,
        error: engine.error,
        states: engine.states,
      });
      // The export holds the names, never the values; an error's message shows the placeholders.
      const secret = ENV.FLOWLOOP_TEST_API_KEY;
      expect(readFileSync(join(plain, `${c.file}.ts`), 'utf8')).not.toContain(secret);
      if (engine.status !== 'done') expect(out.stderr).not.toContain(encodeURIComponent(secret));
    },
  );

  it('sent the values, and failed with the messages Flowloop gives', async () => {
    const echoed = envServer.requests.filter((r) => r.path.startsWith('/echo'));
    expect(echoed.length).toBeGreaterThanOrEqual(3); // engine, as written, probed
    for (const request of echoed) {
      expect(request.path).toContain(encodeURIComponent(ENV.FLOWLOOP_TEST_API_KEY));
      expect(request.headers['x-flow']).toBe(`Bearer ${ENV.FLOWLOOP_TEST_TOKEN}`);
    }
    const errors = await Promise.all(
      envExports.slice(1).map(async (c) => (await startHostedRun(c.graph, { env: envLookup }).report).error),
    );
    expect(errors).toEqual([
      {
        type: 'HTTPError',
        message: `GET http://127.0.0.1:${envServer.port}/status/404?key={env.FLOWLOOP_TEST_API_KEY}&who=Ada answered 404 Not Found`,
      },
      { type: 'KeyError', message: 'environment variable FLOWLOOP_TEST_UNSET is not set' },
      { type: 'KeyError', message: 'environment variable constructor is not set' },
    ]);
  });
});

describe('every TypeScript export type-checks', () => {
  it('passes tsc --strict (and noUncheckedIndexedAccess, noUnusedLocals…) for every scenario, example and fixture, as written and probed', async () => {
    const out = await compileAll();
    expect(out.stdout + out.stderr).toBe('');
    expect(out.code).toBe(0);
  });
});

const NODE_TS_VERSION = '22.18.0';

/**
 * A Node that runs .ts files itself (22.18+): FLOWLOOP_NODE_TS names one; else the one running
 * the tests if it is new enough; else Node 22.18.0 from the npm registry's node-<os>-<cpu>
 * package, unpacked once into node_modules/.cache (so that CI, on Node 20, checks it too).
 */
async function typeStrippingNode(): Promise<{ node: string } | { why: string }> {
  const named = process.env.FLOWLOOP_NODE_TS;
  if (named !== undefined && named !== '') return { node: named };
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  if (major > 22 || (major === 22 && minor >= 18)) return { node: process.execPath };
  if (process.platform === 'win32')
    return { why: 'no Node 22.18+ here to run .ts files with (set FLOWLOOP_NODE_TS)' };
  const pkg = `node-${process.platform}-${process.arch}`;
  const dir = join(ROOT, 'node_modules', '.cache', 'flowloop', `${pkg}-${NODE_TS_VERSION}`);
  const node = join(dir, 'package', 'bin', 'node');
  if (existsSync(node)) return { node };
  mkdirSync(dir, { recursive: true });
  const packed = await run('npm', ['pack', `${pkg}@${NODE_TS_VERSION}`, '--silent'], dir);
  const tarball = packed.stdout.trim().split('\n').pop() ?? '';
  if (packed.code !== 0 || tarball === '')
    return { why: `npm pack ${pkg}@${NODE_TS_VERSION} failed: ${packed.stderr.trim().split('\n')[0] ?? ''}` };
  const unpacked = await run('tar', ['-xzf', tarball], dir);
  if (unpacked.code !== 0 || !existsSync(node))
    return { why: `unpacking ${tarball} failed: ${unpacked.stderr.trim()}` };
  return { node };
}

describe('the other ways the header gives to run an export', () => {
  /** Every export without fetch, run this way, prints what it printed run with tsx, and exits the same. */
  async function expectSameOutput(start: (c: Case) => Promise<ProcessOutput>): Promise<void> {
    const outputs = await Promise.all(virtualCases.map((c) => pool(() => start(c))));
    for (const [i, c] of virtualCases.entries()) {
      const asWritten = await runAsWritten(c.file, 'virtual');
      expect({ case: c.name, ...outputs[i] }).toEqual({ case: c.name, ...asWritten });
    }
  }

  it('compiled with `npx tsc --target es2022 --module nodenext FILE.ts`, then `node FILE.js`', async () => {
    const header = readFileSync(join(plain, `${virtualCases[0]?.file ?? ''}.ts`), 'utf8');
    expect(header).toContain('`npx tsc --target es2022 --module nodenext FILE.ts` and run FILE.js');
    const compile = await run(
      process.execPath,
      [TSC, '--target', 'es2022', '--module', 'nodenext', ...virtualCases.map((c) => `${c.file}.ts`)],
      plain,
    );
    expect(compile.stdout + compile.stderr).toBe('');
    await expectSameOutput((c) => run(process.execPath, ['--import', PRELOAD, `${c.file}.js`], plain));
  }, 240_000);

  it('`node FILE.ts` on Node 22.18+', async (context) => {
    const found = await typeStrippingNode();
    if ('why' in found) {
      context.skip(`SKIPPED: ${found.why}`);
      return;
    }
    const { node } = found;
    const header = readFileSync(join(plain, `${virtualCases[0]?.file ?? ''}.ts`), 'utf8');
    expect(header).toContain('Node 22.18+ runs it as `node FILE.ts`');
    await expectSameOutput((c) => run(node, ['--import', PRELOAD, `${c.file}.ts`], plain));
  }, 240_000);
});
