/**
 * The live progress view of `flowloop run` without --json. On a terminal it redraws a table of
 * nodes in place about ten times a second; elsewhere (a pipe, a log) it prints one line per
 * state change, so the output is still readable and greppable.
 */
import type { Graph } from '../shared/graph/types';
import type {
  HolderEvent,
  NodeState,
  RetryEvent,
  RunReport,
  SlowStepWarning,
  StateEvent,
} from '../shared/runtime/types';

export interface Terminal {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
  rows?: number;
}

const SYMBOL: Record<NodeState, string> = {
  idle: '·',
  pending: '◷',
  running: '▶',
  done: '✔',
  failed: '✖',
  cancelled: '⊘',
};

const COLOUR: Record<NodeState, string> = {
  idle: '2', // dim
  pending: '33', // yellow
  running: '36', // cyan
  done: '32', // green
  failed: '31', // red
  cancelled: '35', // magenta
};

interface Row {
  id: string;
  kind: string;
  state: NodeState;
  startedAt: number | null;
  endedAt: number | null;
  changedSeq: number;
}

export interface ProgressViewOptions {
  clock: 'real' | 'virtual';
  colour: boolean;
}

export class ProgressView {
  private readonly rows = new Map<string, Row>();
  private readonly warnings: string[] = [];
  private holder: string | null = null;
  private lastT = 0;
  private drawnLines = 0;
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly wallStart = performance.now();
  private readonly live: boolean;

  constructor(
    private readonly out: Terminal,
    private readonly graph: Graph,
    private readonly options: ProgressViewOptions,
  ) {
    for (const node of graph.nodes) {
      this.rows.set(node.id, {
        id: node.id,
        kind: node.kind,
        state: 'idle',
        startedAt: null,
        endedAt: null,
        changedSeq: -1,
      });
    }
    this.live = out.isTTY === true;
  }

  start(): void {
    const name = this.graph.name ? ` ${this.graph.name}` : '';
    if (this.live) {
      this.timer = setInterval(() => this.redraw(), 100);
      this.redraw();
    } else {
      this.out.write(`flowloop run${name} (clock: ${this.options.clock})\n`);
    }
  }

  state(event: StateEvent): void {
    const row = this.rows.get(event.node);
    if (row === undefined) return;
    row.state = event.state;
    row.changedSeq = event.seq;
    if (event.state === 'running') row.startedAt = event.t;
    if (event.state === 'done' || event.state === 'failed' || event.state === 'cancelled')
      row.endedAt = event.t;
    this.lastT = event.t;
    if (!this.live)
      this.out.write(`${formatTime(event.t)}  ${SYMBOL[event.state]} ${event.node} ${event.state}\n`);
  }

  holderChanged(event: HolderEvent): void {
    this.holder = event.node;
    this.lastT = Math.max(this.lastT, event.t);
  }

  slowStep(warning: SlowStepWarning): void {
    const kind = this.rows.get(warning.node)?.kind ?? '?';
    const text = `⚠ loop blocked for ${warning.seconds.toFixed(1)} s by ${warning.node} (${kind}) at t = ${formatTime(warning.t).trim()}`;
    this.warnings.push(text);
    if (!this.live) this.out.write(`${text}\n`);
  }

  /** A node's try failed and its retry will try again: a line, kept with the warnings on a terminal. */
  retry(event: RetryEvent): void {
    const error = `${event.error.type}${event.error.message === '' ? '' : `: ${event.error.message}`}`;
    const text = `${formatTime(event.t)}  ↻ ${event.node} try ${event.attempt} failed (${error}); next try in ${Number(event.delay.toFixed(3))} s`;
    this.warnings.push(text.trim());
    if (!this.live) this.out.write(`${text}\n`);
  }

  /** Stops redrawing and prints the final table and outcome. */
  finish(report: RunReport): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    for (const [id, node] of Object.entries(report.nodes)) {
      const row = this.rows.get(id);
      if (row === undefined) continue;
      row.state = node.state;
      row.startedAt = node.startedAt;
      row.endedAt = node.endedAt;
    }
    const end = report.events.length > 0 ? report.events[report.events.length - 1]!.t : 0;
    this.lastT = end;
    this.holder = null;
    if (this.live) this.redraw(true);
    this.out.write(this.outcome(report) + '\n');
  }

  private outcome(report: RunReport): string {
    const when = `at t = ${formatTime(this.lastT).trim()}`;
    if (report.status === 'done')
      return this.paint('done', `✔ done ${when} · result: ${preview(report.result)}`);
    if (report.status === 'cancelled') return this.paint('cancelled', `⊘ cancelled ${when}`);
    const error = report.error;
    return this.paint(
      'failed',
      `✖ failed ${when} · ${error?.type ?? 'Error'}${error?.message ? `: ${error.message}` : ''}`,
    );
  }

  private paint(state: NodeState, text: string): string {
    return this.options.colour ? `\x1b[${COLOUR[state]}m${text}\x1b[0m` : text;
  }

  private now(): number {
    if (this.options.clock === 'real' && this.timer !== null)
      return (performance.now() - this.wallStart) / 1000;
    return this.lastT;
  }

  private redraw(final = false): void {
    const width = Math.max(40, this.out.columns ?? 80);
    const height = Math.max(8, this.out.rows ?? 24);
    const lines: string[] = [];
    const counts = new Map<NodeState, number>();
    for (const row of this.rows.values()) counts.set(row.state, (counts.get(row.state) ?? 0) + 1);
    const tally = (['running', 'pending', 'done', 'failed', 'cancelled', 'idle'] as const)
      .filter((s) => (counts.get(s) ?? 0) > 0)
      .map((s) => this.paint(s, `${SYMBOL[s]} ${counts.get(s)} ${s}`))
      .join('  ');
    const title = `flowloop ${this.graph.name ?? ''}`.trim();
    lines.push(`${title} · clock ${this.options.clock} · t = ${formatTime(this.now()).trim()}   ${tally}`);

    const room = height - 4 - Math.min(this.warnings.length, 3);
    const rows = [...this.rows.values()];
    let shown = rows;
    if (rows.length > room) {
      // Too many to show: the active ones first, then the most recently changed.
      const rank = (r: Row): number => (r.state === 'running' ? 0 : r.state === 'pending' ? 1 : 2);
      shown = [...rows]
        .sort((a, b) => rank(a) - rank(b) || b.changedSeq - a.changedSeq)
        .slice(0, Math.max(1, room - 1));
    }
    const idWidth = Math.min(24, Math.max(4, ...shown.map((r) => r.id.length)));
    for (const row of shown) {
      const span =
        row.startedAt === null
          ? ''
          : `${formatTime(row.startedAt).trim()} → ${row.endedAt === null ? '…' : formatTime(row.endedAt).trim()}`;
      const holding = row.id === this.holder ? '  ◀ holds the loop' : '';
      const text = `  ${SYMBOL[row.state]} ${row.id.padEnd(idWidth).slice(0, idWidth)}  ${row.kind.padEnd(12)} ${row.state.padEnd(9)} ${span}${holding}`;
      lines.push(this.paint(row.state, text.slice(0, width - 1)));
    }
    if (shown.length < rows.length) lines.push(`  … ${rows.length - shown.length} more nodes`);
    for (const warning of this.warnings.slice(-3))
      lines.push(this.paint('pending', warning.slice(0, width - 1)));

    let text = this.drawnLines > 0 ? `\x1b[${this.drawnLines}F` : '';
    text += lines.map((l) => `${l}\x1b[K`).join('\n') + '\n';
    if (final || lines.length < this.drawnLines) text += '\x1b[J';
    this.drawnLines = lines.length;
    this.out.write(text);
  }
}

function formatTime(t: number): string {
  return `${t.toFixed(3)}s`.padStart(9);
}

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? 'null';
  return text.length > 200 ? `${text.slice(0, 197)}…` : text;
}
