/**
 * `npm run bench`: the engine against raw promises, CPython asyncio, Effect and Effection on
 * the same work, each measurement in a process of its own (see jobs.ts, worker.ts,
 * asyncio_bench.py, memory.ts). Speed is reported as ratios from this one run, never asserted
 * in tests. Prints markdown tables and PASS/MISS per target; writes .bench/latest.json.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pythonVersion, runJob, runNodeChild, type JobOutput, type Outcome } from './children';
import { IMPLS, IMPL_TITLES, jobFor, notRunBecause, ROUNDS, ROWS, type Impl } from './jobs';
import { median } from './measure';
import type { MemoryOutput } from './memory';
import {
  evaluateTargets,
  graphTable,
  notes,
  rowLabel,
  speedTable,
  targetLines,
  type Cell,
  type GraphResult,
  type MemoryResult,
} from './report';
import { nodeCount, TEN_THOUSAND_NODES } from './impl/graph-workload';
import {
  measureWholeProcess,
  wholeProcessTable,
  wholeProcessTargets,
  type WholeProcessResult,
} from './whole-process';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const MEMORY_TASKS = 1e6;
/** Alternating rounds of (d), the whole-process comparison (each ~1 s of flowloop and ~4 s of CPython). */
const WHOLE_ROUNDS = Number(process.env.FLOWLOOP_BENCH_WHOLE_ROUNDS ?? 5);
/**
 * BENCH_QUICK=1 while working on the loop: only the engine and raw promises on (a) and (b), and
 * memory; no graph, whole process, renderer, other implementations, and .bench/latest.json is not
 * written. (d) alone: `npx tsx bench/whole-process.ts`.
 */
const QUICK = process.env.BENCH_QUICK === '1';
const QUICK_IMPLS: readonly Impl[] = ['engine', 'promises'];

function progress(text: string): void {
  process.stderr.write(`${text}\n`);
}

function toCell(base: Omit<Cell, 'medianMs' | 'ms' | 'warmups' | 'note'>, outcome: Outcome<JobOutput>): Cell {
  if (!outcome.ok) return { ...base, medianMs: null, ms: [], warmups: 0, note: `failed: ${outcome.reason}` };
  if ('skipped' in outcome.value)
    return { ...base, medianMs: null, ms: [], warmups: 0, note: `skipped: ${outcome.value.skipped}` };
  return {
    ...base,
    medianMs: median(outcome.value.ms),
    ms: outcome.value.ms,
    warmups: outcome.value.warmups,
    note: null,
  };
}

function measureSpeed(python: boolean): Cell[] {
  const cells: Cell[] = [];
  for (const row of ROWS) {
    for (const impl of IMPLS) {
      if (QUICK && !QUICK_IMPLS.includes(impl)) continue;
      const base = { impl, workload: row.workload, tasks: row.tasks };
      const why =
        impl === 'asyncio' && !python ? 'skipped: /usr/bin/python3 not found' : notRunBecause(impl, row);
      if (why !== null) {
        cells.push({ ...base, medianMs: null, ms: [], warmups: 0, note: why });
        continue;
      }
      const t0 = performance.now();
      const cell = toCell(base, runJob(root, jobFor(impl, row)));
      cells.push(cell);
      const took = ((performance.now() - t0) / 1000).toFixed(1);
      const result =
        cell.medianMs === null ? cell.note : `median ${cell.medianMs.toFixed(2)} ms of ${cell.ms.length}`;
      progress(`  ${rowLabel(row).padEnd(24)} ${IMPL_TITLES[impl].padEnd(24)} ${result} (${took} s)`);
    }
  }
  return cells;
}

function measureGraph(): GraphResult {
  const nodes = nodeCount(TEN_THOUSAND_NODES);
  const job = { runner: 'engine', tasks: nodes, rounds: 0, warmTasks: nodes };
  const graph = runNodeChild<JobOutput & { events?: GraphResult['events'] }>(root, 'bench/worker.ts', {
    ...job,
    workload: 'graph',
  });
  const bare = runNodeChild<JobOutput>(root, 'bench/worker.ts', { ...job, workload: 'bare' });
  const result: GraphResult = {
    nodes,
    graphMs: null,
    bareMs: null,
    graphSamples: [],
    bareSamples: [],
    events: null,
    note: null,
  };
  if (!graph.ok) result.note = `failed: ${graph.reason}`;
  else if ('skipped' in graph.value) result.note = graph.value.skipped;
  else {
    result.graphSamples = graph.value.ms;
    result.graphMs = median(graph.value.ms);
    result.events = graph.value.events ?? null;
  }
  if (!bare.ok) result.note = `bare failed: ${bare.reason}`;
  else if (!('skipped' in bare.value)) {
    result.bareSamples = bare.value.ms;
    result.bareMs = median(bare.value.ms);
  }
  return result;
}

function measureMemory(): MemoryResult | null {
  const out = runNodeChild<MemoryOutput>(root, 'bench/memory.ts', { tasks: MEMORY_TASKS }, ['--expose-gc']);
  if (!out.ok) {
    progress(`  memory: failed: ${out.reason}`);
    return null;
  }
  return out.value;
}

/**
 * The renderer's own benches (headless Chromium), last: each prints its own table and writes
 * .bench/renderer.json and .bench/renderer-stream.json. The first builds the renderer for both.
 */
function runRendererBench(): void {
  progress('  renderer (bench/renderer.ts) …');
  const child = spawnSync(process.execPath, ['--import', 'tsx', 'bench/renderer.ts'], {
    cwd: root,
    stdio: 'inherit',
    timeout: 300_000,
  });
  if (child.status !== 0)
    process.stdout.write(`Renderer bench failed (${child.signal ?? `exit ${String(child.status)}`}).\n`);
  progress('  renderer under a stream of run events (bench/renderer-stream.ts) …');
  const stream = spawnSync(process.execPath, ['--import', 'tsx', 'bench/renderer-stream.ts'], {
    cwd: root,
    stdio: 'inherit',
    timeout: 400_000,
    env: { ...process.env, FLOWLOOP_BENCH_NO_BUILD: child.status === 0 ? '1' : '0' },
  });
  if (stream.status !== 0)
    process.stdout.write(
      `Renderer stream bench failed (${stream.signal ?? `exit ${String(stream.status)}`}).\n`,
    );
}

function main(): void {
  const started = performance.now();
  const python = pythonVersion();
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, load ${loadavg()[0]?.toFixed(2)}`;
  progress(`flowloop bench — node ${process.version}, ${python ?? 'no CPython'}, ${machine}`);
  progress('(a), (b): each implementation in its own process; medians of ≥ 3 timed runs after warm-up');

  const cells = measureSpeed(python !== null);
  progress('  memory (node --expose-gc) …');
  const memory = measureMemory();
  progress('  (c) graph vs bare tasks …');
  const graph: GraphResult = QUICK
    ? {
        nodes: 0,
        graphMs: null,
        bareMs: null,
        graphSamples: [],
        bareSamples: [],
        events: null,
        note: 'not run (BENCH_QUICK)',
      }
    : measureGraph();
  let whole: WholeProcessResult | null = null;
  if (!QUICK) {
    progress(`  (d) whole process: flowloop run vs CPython asyncio, ${WHOLE_ROUNDS} alternating rounds …`);
    whole = measureWholeProcess(root, WHOLE_ROUNDS, progress);
  }
  const targets = [
    ...evaluateTargets(cells, ROWS, memory, graph),
    ...(whole === null ? [] : wholeProcessTargets(whole)),
  ];
  const seconds = (performance.now() - started) / 1000;

  const out: string[] = [];
  out.push('');
  out.push(
    `Median wall time per run; (n×) = that implementation's time / the engine's (above 1: engine faster).`,
  );
  out.push(
    `(b) = each task calls sleep(0) ${ROUNDS} times. promises: sleep(0) = \`await null\`. Node ${process.version}, ${python ?? 'no CPython'}.`,
  );
  out.push('');
  out.push(speedTable(cells, ROWS, IMPLS));
  out.push('');
  out.push(graphTable(graph));
  out.push('');
  if (whole !== null) {
    out.push(wholeProcessTable(whole));
    out.push('');
  }
  if (memory !== null) {
    out.push(
      `Memory, gather of ${memory.tasks.toLocaleString('en')} finished tasks kept with their results: ` +
        `engine ${memory.engineBytesPerTask.toFixed(0)} B/task, promises ${memory.promisesBytesPerTask.toFixed(0)} B/task (heap after full GC).`,
    );
    out.push('');
  }
  out.push('Targets:');
  out.push(...targetLines(targets).map((line) => `  ${line}`));
  const notesList = notes(cells);
  if (notesList.length > 0) {
    out.push('');
    out.push('Notes:');
    out.push(...notesList.map((n) => `  ${n}`));
  }
  out.push('');
  out.push(`bench took ${seconds.toFixed(0)} s; machine: ${machine}, load now ${loadavg()[0]?.toFixed(2)}`);
  process.stdout.write(`${out.join('\n')}\n`);
  if (QUICK) return;

  mkdirSync(join(root, '.bench'), { recursive: true });
  const json = {
    date: new Date().toISOString(),
    node: process.version,
    python,
    machine,
    seconds,
    rounds: ROUNDS,
    cells,
    graph,
    whole,
    memory,
    targets,
  };
  writeFileSync(join(root, '.bench', 'latest.json'), `${JSON.stringify(json, null, 2)}\n`);
  runRendererBench();
}

main();
