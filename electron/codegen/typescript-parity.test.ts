/**
 * The TypeScript export does what the run did. Every differential scenario, every example and
 * the fixtures here run on the engine (virtual clock) and as the exported program under Node,
 * whose timers a preload makes virtual (testing/virtual-timers.mjs; the program does not know);
 * the result, the outcome (done, failed or cancelled) and the error must agree. Workflows with
 * fetch nodes run both sides on the real clock against a real HTTP server on 127.0.0.1. Every
 * export also type-checks with `tsc --strict` (one tsc run compiles them all, and its output is
 * what Node runs).
 *
 * Exported programs have no deadline (a user's stop): scenarios that ask for one run to the end.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportTypeScript } from '../../shared/codegen/typescript';
import { parseGraph } from '../../shared/graph';
import type { Graph, JsonValue } from '../../shared/graph/types';
import { runWorkflow } from '../../shared/runtime/run';
import type { RunReport } from '../../shared/runtime/types';
import { startHostedRun } from '../host/hosted-run';
import { EXAMPLES, SCENARIOS, hasFetch, retarget, type NamedGraph } from './export-parity';
import { limitConcurrency } from '../../shared/runtime/testing/oracle';
import { runProcess, type ProcessOutput } from '../../shared/testing/run-process';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PRELOAD = fileURLToPath(new URL('./testing/virtual-timers.mjs', import.meta.url));
const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** What both sides can be compared on. */
interface Outcome {
  status: RunReport['status'];
  result: JsonValue | null;
  error: { type: string; message: string } | null;
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
}

/**
 * Errors whose messages come from the platform rather than from Flowloop: the JavaScript engine
 * (QuickJS in the sandbox, V8 in the export) and the network stack word them differently. Their
 * type must agree; their message is left out of the comparison.
 */
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
  return { ...outcome, result: outcome.result === null ? null : comparable(outcome.result), error };
}

function engineOutcome(report: RunReport): Outcome {
  if (report.status === 'done') return { status: 'done', result: report.result, error: null };
  if (report.status === 'cancelled') return { status: 'cancelled', result: null, error: null };
  return { status: 'failed', result: null, error: report.error };
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

// The exports live in a temporary package whose node_modules is the project's, so that the
// programs and tsc find @jmespath-community/jmespath and @types/node as a user's project would.
const workdir = mkdtempSync(join(tmpdir(), 'flowloop-ts-parity-'));
symlinkSync(join(ROOT, 'node_modules'), join(workdir, 'node_modules'), 'dir');
writeFileSync(join(workdir, 'package.json'), JSON.stringify({ type: 'module', private: true }));
writeFileSync(
  join(workdir, 'tsconfig.json'),
  JSON.stringify({
    compilerOptions: {
      strict: true,
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      types: ['node'],
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
    include: ['*.ts'],
  }),
);

function exportCase(file: string, name: string, graph: Graph): Case {
  const exported = exportTypeScript(graph);
  if (!exported.ok) throw new Error(`${name}: ${exported.problems.join('; ')}`);
  writeFileSync(join(workdir, `${file}.ts`), exported.code);
  return { file, name, graph };
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
    .map((c) => exportCase(fileName(prefix, c.name), `${prefix} ${c.name}`, c.graph)),
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
      ),
    ),
);

let compiled: Promise<ProcessOutput> | null = null;
/** One tsc run type-checks every export (strict) and writes the JavaScript that Node runs. */
function compileAll(): Promise<ProcessOutput> {
  compiled ??= run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', workdir], workdir);
  return compiled;
}

const pool = limitConcurrency(2);
const programRuns = new Map<string, Promise<ProcessOutput>>();
function runProgram(file: string, clock: 'virtual' | 'real'): Promise<ProcessOutput> {
  let started = programRuns.get(file);
  if (started === undefined) {
    const args = clock === 'virtual' ? ['--import', PRELOAD, `out/${file}.js`] : [`out/${file}.js`];
    started = compileAll().then(() => pool(() => run(process.execPath, args, workdir)));
    started.catch(() => undefined); // reported by the case's own test
    programRuns.set(file, started);
  }
  return started;
}

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(workdir, { recursive: true, force: true });
});

describe('TypeScript export parity on the virtual clock', () => {
  beforeAll(() => {
    for (const c of virtualCases) void runProgram(c.file, 'virtual');
  });

  it('covers every scenario, example and fixture without fetch', () => {
    expect(virtualCases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(virtualCases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const engine = engineOutcome(await runWorkflow(c.graph, { clock: 'virtual' }));
    const exported = programOutcome(await runProgram(c.file, 'virtual'));
    expect(comparableOutcome(exported)).toEqual(comparableOutcome(engine));
  });
});

describe('TypeScript export parity with fetch nodes against a real server (real clock)', () => {
  beforeAll(() => {
    for (const c of fetchCases) void runProgram(c.file, 'real');
  });

  it('covers the fetch examples and fixtures', () => {
    expect(fetchCases.length).toBeGreaterThanOrEqual(5);
  });

  it.each(fetchCases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const engine = engineOutcome(await startHostedRun(c.graph, { clock: 'real' }).report);
    const exported = programOutcome(await runProgram(c.file, 'real'));
    expect(comparableOutcome(exported)).toEqual(comparableOutcome(engine));
  });
});

describe('every TypeScript export type-checks', () => {
  it('passes tsc --strict (and noUncheckedIndexedAccess, noUnusedLocals…) for every scenario, example and fixture', async () => {
    const out = await compileAll();
    expect(out.stdout + out.stderr).toBe('');
    expect(out.code).toBe(0);
  });
});
