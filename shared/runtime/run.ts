/**
 * Runs a workflow graph as the Python program of docs/run-semantics.md, on our asyncio-style loop, and
 * reports every node's state changes (docs/run-semantics.md) to listeners and in the final report (docs/run-report.md).
 *
 *     async def main():                      # the run's main task
 *         return await asyncio.gather(*[demand(t) for t in terminals])
 *     asyncio.run(main())                    # then every unfinished task is cancelled
 *
 * A node's task is created the first time it is demanded; later demands share it.
 */
import {
  EventLoop,
  gather,
  type Clock,
  type ClockKind,
  type Coro,
  type Future,
  type Task,
  type TaskObserver,
} from '../loop';
import type { Graph, GraphNode, JsonValue } from '../graph/types';
import { toErrorInfo } from './error-info';
import { graphNeedsSandbox, nodeCoroutine, type NodeServices } from './kinds';
import type { HttpClient, TransformSandbox } from './services';
import {
  CANCELLED,
  DONE,
  FAILED,
  PENDING,
  RUNNING,
  RunLog,
  runReport,
  type EventState,
  type LoggedNode,
} from './run-log';
import type { ErrorInfo, NodeState, RetryEvent, RunListener, RunReport, RunStatus } from './types';

export interface RunOptions {
  clock?: ClockKind | Clock;
  listener?: RunListener;
  /** Cancel the main task after this many loop seconds, as a user's stop would. */
  deadline?: number | null;
  /** One HTTP client (connection pool) for the run; needed by fetch nodes. The caller closes it. */
  http?: HttpClient | null;
  /** The JavaScript sandbox; when absent and the graph has JavaScript transforms, one is made and disposed. */
  sandbox?: TransformSandbox | null;
  /** A step holding the loop this long (seconds of wall time) is reported as slow. Default 0.1, as asyncio's debug mode. */
  slowStepSeconds?: number;
  /** Largest HTTP response body a fetch node accepts. Default 10 MiB. */
  maxResponseBytes?: number;
  /** Values for the workflow's inputs, by name (check them first with inputProblems, shared/graph/inputs.ts). */
  inputs?: Readonly<Record<string, JsonValue>>;
  /** Reads an environment variable for `{env.NAME}` placeholders (absent: none is set). */
  env?: (name: string) => string | undefined;
}

/** A run in progress. */
export interface RunHandle {
  /** Cancels the main task; cancellation spreads as in asyncio. Safe to call at any time, any number of times. */
  stop(): void;
  readonly report: Promise<RunReport>;
  /** The run's loop time now, in seconds from its start (0 before it starts): what a live view shows as "loop time". */
  loopTime(): number;
}

export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;
export const DEFAULT_SLOW_STEP_SECONDS = 0.1;

/** Runs `graph` (already validated) to the end and gives the report. */
export function runWorkflow(graph: Graph, options: RunOptions = {}): Promise<RunReport> {
  return startRun(graph, options).report;
}

export function startRun(graph: Graph, options: RunOptions = {}): RunHandle {
  const run = new WorkflowRun(graph, options);
  return { stop: () => run.stop(), report: run.start(), loopTime: () => run.loopTime() };
}

export function needsSandbox(graph: Graph): boolean {
  return graphNeedsSandbox(graph);
}

/**
 * One node's run: its report's fields (the run log's node), its task once demanded, and the
 * observer the task calls when its coroutine starts and when it settles (so no lookup by task
 * is needed on the hot path).
 */
class NodeRecord implements TaskObserver, LoggedNode {
  task: Task<JsonValue> | null = null;
  state: NodeState = 'idle';
  result: JsonValue | null = null;
  error: ErrorInfo | null = null;
  createdAt: number | null = null;
  startedAt: number | null = null;
  endedAt: number | null = null;
  /** The source ids of the node's arguments, in input order (set once, while the run is made). */
  argIds: readonly string[] = NO_ARGUMENTS;
  /** While the run is made: each argument's input number, when an edge comes in; then null. */
  inputs: number[] | null = null;
  /** Whether an edge leaves the node (else it is a terminal, which the main task gathers). */
  feeds = false;

  constructor(
    readonly node: GraphNode,
    /** The node's place in the file, and in the run log. */
    readonly index: number,
    private readonly run: WorkflowRun,
  ) {}

  started(): void {
    this.startedAt = this.run.emit(this, RUNNING, 'running');
  }

  settled(task: Task<unknown>): void {
    if (task.cancelled()) {
      this.error = { type: 'CancelledError', message: task._cancelMessage ?? '' };
      this.endedAt = this.run.emit(this, CANCELLED, 'cancelled');
    } else if (task.failed()) {
      this.error = toErrorInfo(task.exception());
      this.endedAt = this.run.emit(this, FAILED, 'failed');
    } else {
      this.result = task.result() as JsonValue;
      this.endedAt = this.run.emit(this, DONE, 'done');
    }
  }
}

const NO_ARGUMENTS: readonly string[] = [];

class WorkflowRun {
  /** Nodes no edge leaves, in file order: what the main task gathers. */
  private readonly terminals: readonly string[];
  private readonly loop: EventLoop;
  private readonly listener: RunListener;
  private readonly records = new Map<string, NodeRecord>();
  private readonly log: RunLog<NodeRecord>;
  private mainTask: Task<JsonValue> | null = null;
  /** Each failed try a retry caught (RunReport.retries). */
  private readonly retries: RetryEvent[] = [];
  private stopRequested = false;
  private services: NodeServices | null = null;
  /** Loop time when the run began (after the sandbox was ready): report times count from here. */
  private t0 = 0;

  constructor(
    private readonly graph: Graph,
    private readonly options: RunOptions,
  ) {
    this.loop = new EventLoop({ clock: options.clock ?? 'real' });
    this.listener = options.listener ?? {};
    const nodes = graph.nodes;
    const list = new Array<NodeRecord>(nodes.length);
    for (let i = 0; i < nodes.length; i++) {
      const record = new NodeRecord(nodes[i]!, i, this);
      list[i] = record;
      this.records.set(record.node.id, record);
    }
    this.log = new RunLog(list);
    this.terminals = this.indexArguments(list);
    this.installStepObserver();
  }

  /**
   * Gives each record its arguments' source ids in input order, and gives the terminals. What
   * indexGraph (graph/topology.ts) finds, written onto the records: a 50,000-node run keeps no
   * maps of nodes and arguments besides the one of records by id.
   */
  private indexArguments(list: readonly NodeRecord[]): string[] {
    const records = this.records;
    for (const edge of this.graph.edges) {
      const source = records.get(edge.source);
      if (source !== undefined) source.feeds = true;
      const target = records.get(edge.target);
      if (target === undefined) continue;
      const inputs = target.inputs;
      if (inputs === null) {
        target.argIds = [edge.source];
        target.inputs = [edge.input];
      } else {
        (target.argIds as string[]).push(edge.source);
        inputs.push(edge.input);
      }
    }
    const terminals: string[] = [];
    for (const record of list) {
      const inputs = record.inputs;
      if (inputs !== null) {
        record.inputs = null;
        if (!inOrder(inputs)) {
          const ids = record.argIds;
          const order = inputs.map((_, i) => i).sort((a, b) => inputs[a]! - inputs[b]!);
          record.argIds = order.map((i) => ids[i]!);
        }
      }
      if (!record.feeds) terminals.push(record.node.id);
    }
    return terminals;
  }

  loopTime(): number {
    return this.mainTask === null ? 0 : Math.max(0, this.loop.time() - this.t0);
  }

  stop(): void {
    this.stopRequested = true;
    const main = this.mainTask;
    if (main !== null && !this.loop.isClosed()) this.loop.callSoonThreadsafe(() => main.cancel());
  }

  async start(): Promise<RunReport> {
    let ownSandbox: TransformSandbox | null = null;
    let sandbox = this.options.sandbox ?? null;
    if (sandbox === null && needsSandbox(this.graph)) {
      const { createQuickJsSandbox } = await import('./transform');
      sandbox = ownSandbox = await createQuickJsSandbox();
    }
    // One-time set-up of the HTTP machinery happens before the clock starts, not in a node's step.
    await this.options.http?.ready;
    this.services = {
      loop: this.loop,
      http: this.options.http ?? null,
      sandbox,
      maxResponseBytes: this.options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
      inputs: this.options.inputs ?? {},
      env: this.options.env ?? (() => undefined),
      onRetry: (node, { attempt, error, delay }) => {
        const event: RetryEvent = { t: this.loop.time() - this.t0, node, attempt, error, delay };
        this.retries.push(event);
        this.listener.retry?.(event);
      },
    };
    try {
      return await this.execute();
    } finally {
      ownSandbox?.dispose();
    }
  }

  private async execute(): Promise<RunReport> {
    const loop = this.loop;
    this.t0 = loop.time();
    const main = loop.createTask(this.main(), 'main');
    this.mainTask = main;
    const deadline = this.options.deadline ?? null;
    if (deadline !== null) loop.callAt(this.t0 + deadline, () => main.cancel());
    if (this.stopRequested) main.cancel();
    let status: RunStatus;
    let result: JsonValue | null = null;
    let error = null;
    try {
      result = await loop.runUntilComplete(main);
      status = 'done';
    } catch (e) {
      status = main.cancelled() ? 'cancelled' : 'failed';
      error = toErrorInfo(e);
      if (!main.done()) throw e; // the loop itself broke: not a workflow outcome
    } finally {
      if (!loop.isClosed()) {
        await loop.cancelAllTasks();
        loop.close();
      }
    }
    return runReport(status, result, error, this.log, this.retries);
  }

  private *main(): Coro<JsonValue> {
    const tasks = this.terminals.map((id) => this.demand(id));
    const results = (yield* gather(tasks)) as JsonValue[];
    return results.length === 1 ? results[0]! : results;
  }

  /** The node's task, created on first demand. */
  private readonly demand = (id: string): Future<JsonValue> => {
    const record = this.records.get(id) as NodeRecord;
    if (record.task !== null) return record.task;
    const task = this.loop.createTask(
      nodeCoroutine(record.node, record.argIds, this.demand, this.services as NodeServices),
      id,
    );
    record.task = task;
    task.observer = record;
    record.createdAt = this.emit(record, PENDING, 'pending');
    return task;
  };

  /**
   * @internal Records and broadcasts one state change (`code` is `state`'s number in the log);
   * gives its loop time. An event object is made only for a listener.
   */
  emit(record: NodeRecord, code: number, state: EventState): number {
    const t = this.loop.time() - this.t0;
    const seq = this.log.push(t, record.index, code);
    record.state = state;
    const listener = this.listener;
    if (listener.state !== undefined) listener.state({ seq, t, node: record.node.id, state });
    return t;
  }

  /** Reports which node's code holds the loop, and steps that hold it too long (only when someone listens). */
  private installStepObserver(): void {
    const { holder, slowStep } = this.listener;
    if (holder === undefined && slowStep === undefined) return;
    const threshold = this.options.slowStepSeconds ?? DEFAULT_SLOW_STEP_SECONDS;
    let began = 0;
    let beganAt = 0;
    this.loop.stepObserver = {
      stepBegan: (task) => {
        const record = task.observer;
        if (!(record instanceof NodeRecord)) return;
        beganAt = this.loop.time() - this.t0;
        if (slowStep !== undefined) began = performance.now();
        holder?.({ node: record.node.id, t: beganAt });
      },
      stepEnded: (task) => {
        const record = task.observer;
        if (!(record instanceof NodeRecord)) return;
        holder?.({ node: null, t: this.loop.time() - this.t0 });
        if (slowStep === undefined) return;
        const seconds = (performance.now() - began) / 1000;
        if (seconds >= threshold) slowStep({ node: record.node.id, t: beganAt, seconds });
      },
    };
  }
}

/** Whether input numbers are already in order (as a file usually lists its edges). */
function inOrder(inputs: readonly number[]): boolean {
  for (let i = 1; i < inputs.length; i++) if (inputs[i - 1]! > inputs[i]!) return false;
  return true;
}
