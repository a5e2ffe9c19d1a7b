/**
 * (d) The whole process: `flowloop run FILE --clock virtual --json` on a 50,001-node workflow (one
 * top gather of 5,000 gathers of 9 sleeps, 150,003 state events), start-up, reading and checking
 * the file, the run and the report included, against the same graph run by a CPython asyncio
 * program as a whole process (bench/asyncio_workflow.py: reads the file, runs the graph with the
 * repository's CPython reference, asyncio_oracle.py, on a virtual-clock asyncio loop, and writes
 * the same report as JSON). Both are measured by bench/measure_process.py the same way: wall time
 * from fork to reaping, user and system CPU, peak RSS from wait4's rusage; each writes its report
 * to a file, which is then checked to hold the same events, states and results on both sides.
 * The two sides alternate (flowloop, CPython, CPython, flowloop, …) after one uncounted run each,
 * so that a busy spell of the shared machine falls on both; medians are reported.
 *
 * The flowloop side is whatever the product is: `node bin/flowloop.mjs`, which loads the built
 * command line (dist/cli, rebuilt first if a source is newer: the uncounted run does that).
 *
 * Run by bench/run.ts, or alone: `npx tsx bench/whole-process.ts` (FLOWLOOP_BENCH_WHOLE_ROUNDS=N
 * rounds, 5 by default). The workflow file is generated into a temporary folder.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { PYTHON, pythonVersion } from './children';
import { buildGraph, nodeCount, type GraphShape } from './impl/graph-workload';
import { median } from './measure';
import { targetLines, type Target } from './report';

export const WHOLE_SHAPE: GraphShape = { groups: 5000, perGroup: 9 };
export const SPEED_TARGET = 4;
const RUN_TIMEOUT_MS = 180_000;

/** One run of one side, as measure_process.py reports it. */
export interface ProcessSample {
  status: number;
  wallMs: number;
  userMs: number;
  sysMs: number;
  maxRssKB: number;
}

export interface WholeProcessSide {
  title: string;
  /** What runs, as a command line (FILE is the workflow file). */
  command: string;
  samples: ProcessSample[];
  wallMs: number | null;
  cpuMs: number | null;
  rssMB: number | null;
}

export interface WholeProcessResult {
  nodes: number;
  /** State events in the flowloop report (and in CPython's, when they agree). */
  events: number | null;
  flowloop: WholeProcessSide;
  cpython: WholeProcessSide;
  /** Whether both reports hold the same status, result, node reports and events (null: not compared). */
  sameReport: boolean | null;
  note: string | null;
}

interface Side {
  title: string;
  display: string;
  argv: (file: string) => string[];
}

function sides(root: string, python: string): Side[] {
  return [
    {
      title: 'flowloop',
      display: 'node bin/flowloop.mjs run FILE --clock virtual --json',
      argv: (file) => [
        process.execPath,
        join(root, 'bin', 'flowloop.mjs'),
        'run',
        file,
        '--clock',
        'virtual',
        '--json',
      ],
    },
    {
      title: python.replace('Python', 'CPython'),
      display: 'python3 bench/asyncio_workflow.py FILE',
      argv: (file) => [PYTHON, join(root, 'bench', 'asyncio_workflow.py'), file],
    },
  ];
}

function measureOnce(root: string, side: Side, file: string, out: string): ProcessSample {
  const child = spawnSync(PYTHON, [join(root, 'bench', 'measure_process.py'), out, ...side.argv(file)], {
    cwd: root,
    encoding: 'utf8',
    timeout: RUN_TIMEOUT_MS,
  });
  if (child.error !== undefined) throw child.error;
  if (child.status !== 0)
    throw new Error(`measure_process.py: exit ${String(child.status)}: ${child.stderr.trim()}`);
  const sample = JSON.parse(child.stdout.trim().split('\n').at(-1) ?? 'null') as ProcessSample;
  if (sample.status !== 0) {
    throw new Error(
      `${side.title} exited with ${sample.status}: ${child.stderr.trim().split('\n').slice(-3).join(' | ')}`,
    );
  }
  return sample;
}

function summarise(side: Side, samples: ProcessSample[]): WholeProcessSide {
  const of = (value: (s: ProcessSample) => number): number | null =>
    samples.length === 0 ? null : median(samples.map(value));
  return {
    title: side.title,
    command: side.display,
    samples,
    wallMs: of((s) => s.wallMs),
    cpuMs: of((s) => s.userMs + s.sysMs),
    rssMB: of((s) => s.maxRssKB / 1024),
  };
}

interface ComparableReport {
  status: string;
  result: unknown;
  error: unknown;
  nodes: Record<string, unknown>;
  events: unknown[];
}

/** Both reports parsed: the event count, and whether they agree (numbers compare as numbers: CPython writes 1.0 for 1). */
function compareReports(flowloopFile: string, cpythonFile: string): { events: number; same: boolean } {
  const a = JSON.parse(readFileSync(flowloopFile, 'utf8')) as ComparableReport;
  const b = JSON.parse(readFileSync(cpythonFile, 'utf8')) as ComparableReport;
  return { events: a.events.length, same: isDeepStrictEqual(a, b) };
}

export function measureWholeProcess(
  root: string,
  rounds: number,
  progress: (line: string) => void = () => undefined,
): WholeProcessResult {
  const nodes = nodeCount(WHOLE_SHAPE);
  const python = pythonVersion();
  const [flowloop, cpython] = sides(root, python ?? 'CPython') as [Side, Side];
  const result: WholeProcessResult = {
    nodes,
    events: null,
    flowloop: summarise(flowloop, []),
    cpython: summarise(cpython, []),
    sameReport: null,
    note: null,
  };
  if (python === null) {
    result.note = `${PYTHON} not found`;
    return result;
  }
  const dir = mkdtempSync(join(tmpdir(), 'flowloop-whole-'));
  try {
    const file = join(dir, 'gathers.flow.json');
    writeFileSync(file, `${JSON.stringify(buildGraph(WHOLE_SHAPE), null, 2)}\n`);
    const outs = [join(dir, 'flowloop.json'), join(dir, 'cpython.json')] as const;
    const samples: [ProcessSample[], ProcessSample[]] = [[], []];
    // One uncounted run each: the command line may be rebuilt, and the file enters the page cache.
    measureOnce(root, flowloop, file, outs[0]);
    measureOnce(root, cpython, file, outs[1]);
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? [0, 1] : [1, 0];
      for (const i of order) {
        const side = i === 0 ? flowloop : cpython;
        const sample = measureOnce(root, side, file, outs[i as 0 | 1]);
        samples[i as 0 | 1].push(sample);
        progress(
          `  (d) round ${round + 1}/${rounds} ${side.title.padEnd(16)} ${(sample.wallMs / 1000).toFixed(2)} s wall, ` +
            `${((sample.userMs + sample.sysMs) / 1000).toFixed(2)} s CPU, ${(sample.maxRssKB / 1024).toFixed(0)} MB peak RSS`,
        );
      }
    }
    result.flowloop = summarise(flowloop, samples[0]);
    result.cpython = summarise(cpython, samples[1]);
    const compared = compareReports(outs[0], outs[1]);
    result.events = compared.events;
    result.sameReport = compared.same;
  } catch (error) {
    result.note = `failed: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return result;
}

function seconds(ms: number | null): string {
  return ms === null ? '—' : `${(ms / 1000).toFixed(2)} s`;
}

function megabytes(mb: number | null): string {
  return mb === null ? '—' : `${mb.toFixed(0)} MB`;
}

/** CPython's over flowloop's (above 1: flowloop faster or smaller). */
function ratio(cpython: number | null, flowloop: number | null): number | null {
  return cpython === null || flowloop === null || flowloop === 0 ? null : cpython / flowloop;
}

function times(value: number | null): string {
  return value === null ? '—' : `${value.toFixed(1)}×`;
}

export function wholeProcessTable(result: WholeProcessResult): string {
  const { flowloop, cpython } = result;
  const n = Math.min(flowloop.samples.length, cpython.samples.length);
  const lines = [
    `(d) whole process, ${result.nodes.toLocaleString('en')}-node workflow (5,000 gathers of 9 sleeps under one gather), ` +
      `${result.events === null ? '?' : result.events.toLocaleString('en')} events; median of ${n} alternating runs each:`,
    '',
    '| side | command | wall | CPU (user + sys) | peak RSS |',
    '|---|---|---:|---:|---:|',
    ...[flowloop, cpython].map(
      (s) =>
        `| ${s.title} | \`${s.command}\` | ${seconds(s.wallMs)} | ${seconds(s.cpuMs)} | ${megabytes(s.rssMB)} |`,
    ),
    `| CPython / flowloop | | ${times(ratio(cpython.wallMs, flowloop.wallMs))} | ${times(ratio(cpython.cpuMs, flowloop.cpuMs))} | ${times(ratio(cpython.rssMB, flowloop.rssMB))} |`,
    '',
    'Both read the workflow file, run it on a virtual clock recording every state change, and write the report of docs/run-report.md ' +
      'to a file: flowloop one node and one event per line, CPython with json.dumps (compact). ' +
      `CPython runs the graph with test/oracle/asyncio_oracle.py (asyncio's own tasks, gather and loop). ` +
      `Same report on both sides: ${result.sameReport === null ? 'not compared' : result.sameReport ? 'yes' : 'NO'}.`,
  ];
  if (result.note !== null) lines.push(`(d) ${result.note}`);
  return lines.join('\n');
}

export function wholeProcessTargets(result: WholeProcessResult): Target[] {
  const row = `${result.nodes.toLocaleString('en')} nodes, whole process`;
  const speed = ratio(result.cpython.wallMs, result.flowloop.wallMs);
  const memory = ratio(result.cpython.rssMB, result.flowloop.rssMB);
  const broken = result.sameReport === false ? 'the reports differ' : null;
  return [
    {
      name: `(d) flowloop run ≥ ${SPEED_TARGET}× faster than CPython asyncio`,
      row,
      pass: broken !== null || speed === null ? null : speed >= SPEED_TARGET,
      detail:
        broken ??
        (speed === null
          ? (result.note ?? 'not measured')
          : `${seconds(result.flowloop.wallMs)} vs ${seconds(result.cpython.wallMs)} wall: ${times(speed)}`),
    },
    {
      name: '(d) flowloop run peak memory ≤ CPython asyncio’s',
      row,
      pass: broken !== null || memory === null ? null : memory >= 1,
      detail:
        broken ??
        (memory === null
          ? (result.note ?? 'not measured')
          : `${megabytes(result.flowloop.rssMB)} vs ${megabytes(result.cpython.rssMB)} peak RSS`),
    },
  ];
}

function main(): void {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const rounds = Number(process.env.FLOWLOOP_BENCH_WHOLE_ROUNDS ?? 5);
  const result = measureWholeProcess(root, rounds, (line) => process.stderr.write(`${line}\n`));
  const verdicts = targetLines(wholeProcessTargets(result)).map((line) => `  ${line}`);
  process.stdout.write(`${wholeProcessTable(result)}\n\nTargets:\n${verdicts.join('\n')}\n`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
