/** Turns measurements into the printed tables and the PASS/MISS list of targets. */
import { IMPL_TITLES, type Impl, type Row, type Workload } from './jobs';

export interface Cell {
  impl: Impl;
  workload: Workload;
  tasks: number;
  medianMs: number | null;
  ms: number[];
  warmups: number;
  note: string | null;
}

export interface GraphResult {
  nodes: number;
  graphMs: number | null;
  bareMs: number | null;
  graphSamples: number[];
  bareSamples: number[];
  events: { state: number; holder: number } | null;
  note: string | null;
}

export interface MemoryResult {
  tasks: number;
  engineBytesPerTask: number;
  promisesBytesPerTask: number;
}

export interface Target {
  name: string;
  row: string;
  pass: boolean | null;
  detail: string;
}

export function sizeLabel(tasks: number): string {
  const exp = Math.log10(tasks);
  return Number.isInteger(exp) ? `10^${exp}` : String(tasks);
}

export function rowLabel(row: Row): string {
  return row.workload === 'gather'
    ? `(a) gather ${sizeLabel(row.tasks)}`
    : `(b) sleep(0)×10 ${sizeLabel(row.tasks)}`;
}

function formatMs(ms: number): string {
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  return `${ms.toFixed(ms >= 10 ? 1 : 2)} ms`;
}

function formatRatio(ratio: number): string {
  return ratio >= 10 ? `${ratio.toFixed(0)}×` : `${ratio.toFixed(1)}×`;
}

function cellOf(cells: readonly Cell[], impl: Impl, row: Row): Cell | undefined {
  return cells.find((c) => c.impl === impl && c.workload === row.workload && c.tasks === row.tasks);
}

function medianOf(cells: readonly Cell[], impl: Impl, row: Row): number | null {
  return cellOf(cells, impl, row)?.medianMs ?? null;
}

/**
 * A markdown table: one line per workload and size, one column per implementation, each cell
 * the median time and, in brackets, how many times the engine's time it is (above 1: the
 * engine is faster).
 */
export function speedTable(cells: readonly Cell[], rows: readonly Row[], impls: readonly Impl[]): string {
  const header = `| workload | ${impls.map((i) => IMPL_TITLES[i]).join(' | ')} |`;
  const rule = `|---|${impls.map(() => '---:').join('|')}|`;
  const lines = rows.map((row) => {
    const engine = medianOf(cells, 'engine', row);
    const values = impls.map((impl) => {
      const ms = medianOf(cells, impl, row);
      if (ms === null) return '—';
      if (impl === 'engine' || engine === null) return formatMs(ms);
      return `${formatMs(ms)} (${formatRatio(ms / engine)})`;
    });
    return `| ${rowLabel(row)} | ${values.join(' | ')} |`;
  });
  return [header, rule, ...lines].join('\n');
}

/** One line per (implementation, note), naming the rows it applies to. */
export function notes(cells: readonly Cell[]): string[] {
  const rowsByNote = new Map<string, string[]>();
  for (const cell of cells) {
    if (cell.note === null) continue;
    const key = `${IMPL_TITLES[cell.impl]}: ${cell.note}`;
    const rows = rowsByNote.get(key) ?? [];
    rows.push(rowLabel(cell));
    rowsByNote.set(key, rows);
  }
  return [...rowsByNote].map(([key, rows]) => `${key} [${rows.join(', ')}]`);
}

function ratioTarget(
  cells: readonly Cell[],
  row: Row,
  name: string,
  other: Impl,
  test: (otherOverEngine: number) => boolean,
  describe: (otherOverEngine: number) => string,
): Target {
  const engine = medianOf(cells, 'engine', row);
  const ms = medianOf(cells, other, row);
  if (engine === null || ms === null) return { name, row: rowLabel(row), pass: null, detail: 'not measured' };
  const ratio = ms / engine;
  return { name, row: rowLabel(row), pass: test(ratio), detail: describe(ratio) };
}

export function evaluateTargets(
  cells: readonly Cell[],
  rows: readonly Row[],
  memory: MemoryResult | null,
  graph: GraphResult | null,
): Target[] {
  const targets: Target[] = [];
  for (const row of rows) {
    targets.push(
      ratioTarget(
        cells,
        row,
        'engine ≥ 5× CPython asyncio throughput',
        'asyncio',
        (r) => r >= 5,
        (r) => `engine ${formatRatio(r)} faster`,
      ),
    );
  }
  for (const other of ['effect', 'effection'] as const) {
    for (const row of rows) {
      if (medianOf(cells, other, row) === null) continue;
      targets.push(
        ratioTarget(
          cells,
          row,
          `engine ahead of ${IMPL_TITLES[other]}`,
          other,
          (r) => r > 1,
          (r) => (r > 1 ? `engine ${formatRatio(r)} faster` : `engine ${formatRatio(1 / r)} slower`),
        ),
      );
    }
  }
  for (const row of rows) {
    targets.push(
      ratioTarget(
        cells,
        row,
        'engine within 3× of raw promises',
        'promises',
        (r) => 1 / r <= 3,
        (r) => (r >= 1 ? `engine ${formatRatio(r)} faster` : `engine takes ${formatRatio(1 / r)} the time`),
      ),
    );
  }
  targets.push(
    memory === null
      ? { name: '≤ 1 KB heap per finished task', row: 'gather 10^6', pass: null, detail: 'not measured' }
      : {
          name: '≤ 1 KB heap per finished task',
          row: `gather ${sizeLabel(memory.tasks)}`,
          pass: memory.engineBytesPerTask <= 1024,
          detail: `${memory.engineBytesPerTask.toFixed(0)} B per task (promises: ${memory.promisesBytesPerTask.toFixed(0)} B)`,
        },
  );
  if (graph === null || graph.graphMs === null || graph.bareMs === null) {
    targets.push({
      name: '(c) graph ≤ 3× bare tasks',
      row: '10,000 nodes',
      pass: null,
      detail: graph?.note ?? 'not measured',
    });
  } else {
    const ratio = graph.graphMs / graph.bareMs;
    targets.push({
      name: '(c) graph ≤ 3× bare tasks',
      row: `${graph.nodes.toLocaleString('en')} nodes`,
      pass: ratio <= 3,
      detail: `graph ${formatMs(graph.graphMs)} vs bare ${formatMs(graph.bareMs)}: ${formatRatio(ratio)}`,
    });
  }
  return targets;
}

export function targetLines(targets: readonly Target[]): string[] {
  return targets.map((t) => {
    const verdict = t.pass === null ? 'SKIP' : t.pass ? 'PASS' : 'MISS';
    return `${verdict}  ${t.name} — ${t.row}: ${t.detail}`;
  });
}

export function graphTable(graph: GraphResult): string {
  if (graph.graphMs === null || graph.bareMs === null) {
    return `(c) ${graph.nodes.toLocaleString('en')}-node graph: skipped: ${graph.note ?? 'runtime not available'}`;
  }
  const events =
    graph.events === null ? '' : ` | ${graph.events.state} state + ${graph.events.holder} holder`;
  return [
    '| (c) virtual clock | runWorkflow + listener | bare engine tasks | ratio | events counted |',
    '|---|---:|---:|---:|---:|',
    `| ${graph.nodes.toLocaleString('en')} nodes of sleeps and gathers | ${formatMs(graph.graphMs)} | ${formatMs(graph.bareMs)} | ${formatRatio(graph.graphMs / graph.bareMs)}${events} |`,
  ].join('\n');
}
