/**
 * Runs a workflow graph as the Python program of spec §2, on our asyncio-style loop, and
 * reports every node's state changes (spec §3) to listeners and in the final report (spec §4).
 *
 *     async def main():                      # the run's main task
 *         return await asyncio.gather(*[demand(t) for t in terminals])
 *     asyncio.run(main())                    # then every unfinished task is cancelled
 *
 * A node's task is created the first time it is demanded; later demands share it.
 */
import { EventLoop, gather, type Clock, type ClockKind, type Coro, type Future, type Task } from '../loop';
import { indexGraph, type GraphIndex } from '../graph/topology';
import type { Graph, GraphNode, JsonValue } from '../graph/types';
import { toErrorInfo } from './error-info';
import { nodeCoroutine, type NodeServices } from './kinds';
import type { HttpClient, TransformSandbox } from './services';
import type { NodeReport, NodeState, RunListener, RunReport, RunStatus, StateEvent } from './types';

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
}

/** A run in progress. */
export interface RunHandle {
  /** Cancels the main task; cancellation spreads as in asyncio. Safe to call at any time, any number of times. */
  stop(): void;
  readonly report: Promise<RunReport>;
}

export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;
export const DEFAULT_SLOW_STEP_SECONDS = 0.1;

/** Runs `graph` (already validated) to the end and gives the report. */
export function runWorkflow(graph: Graph, options: RunOptions = {}): Promise<RunReport> {
  return startRun(graph, options).report;
}

export function startRun(graph: Graph, options: RunOptions = {}): RunHandle {
  const run = new WorkflowRun(graph, options);
  return { stop: () => run.stop(), report: run.start() };
}

function needsSandbox(graph: Graph): boolean {
  return graph.nodes.some((n) => n.kind === 'transform' && (n.params.language ?? 'javascript') === 'javascript');
}

class WorkflowRun {
  private readonly index: GraphIndex;
  private readonly loop: EventLoop;
  private readonly listener: RunListener;
  private readonly tasks = new Map<string, Task<JsonValue>>();
  private readonly nodeOfTask = new Map<Task<unknown>, string>();
  private readonly reports = new Map<string, NodeReport>();
  private readonly events: StateEvent[] = [];
  private mainTask: Task<JsonValue> | null = null;
  private stopRequested = false;
  private services: NodeServices | null = null;
  private readonly t0: number;

  constructor(
    private readonly graph: Graph,
    private readonly options: RunOptions,
  ) {
    this.index = indexGraph(graph);
    this.loop = new EventLoop({ clock: options.clock ?? 'real' });
    this.t0 = this.loop.time();
    this.listener = options.listener ?? {};
    for (const node of graph.nodes) {
      this.reports.set(node.id, { state: 'idle', result: null, error: null, createdAt: null, startedAt: null, endedAt: null });
    }
    this.installStepObserver();
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
    this.services = {
      loop: this.loop,
      http: this.options.http ?? null,
      sandbox,
      maxResponseBytes: this.options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    };
    try {
      return await this.execute();
    } finally {
      ownSandbox?.dispose();
    }
  }

  private async execute(): Promise<RunReport> {
    const loop = this.loop;
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
    return { status, result, error, nodes: Object.fromEntries(this.reports), events: this.events };
  }

  private *main(): Coro<JsonValue> {
    const terminals = this.index.terminals;
    const tasks = terminals.map((id) => this.demand(id));
    const results = (yield* gather(tasks)) as JsonValue[];
    return results.length === 1 ? results[0]! : results;
  }

  /** The node's task, created on first demand. */
  private readonly demand = (id: string): Future<JsonValue> => {
    const existing = this.tasks.get(id);
    if (existing !== undefined) return existing;
    const node = this.index.nodes.get(id) as GraphNode;
    const task = this.loop.createTask(
      nodeCoroutine(node, this.index.argumentsOf.get(id) ?? [], this.demand, this.services as NodeServices),
      id,
    );
    this.tasks.set(id, task);
    this.nodeOfTask.set(task as Task<unknown>, id);
    task.observer = this.taskObserver;
    const report = this.reports.get(id) as NodeReport;
    report.createdAt = this.emit(id, 'pending');
    return task;
  };

  private readonly taskObserver = {
    started: (task: Task<unknown>): void => {
      const id = this.nodeOfTask.get(task) as string;
      (this.reports.get(id) as NodeReport).startedAt = this.emit(id, 'running');
    },
    settled: (task: Task<unknown>): void => {
      const id = this.nodeOfTask.get(task) as string;
      const report = this.reports.get(id) as NodeReport;
      let state: NodeState;
      if (task.cancelled()) {
        state = 'cancelled';
        report.error = { type: 'CancelledError', message: task._cancelMessage ?? '' };
      } else if (task.failed()) {
        state = 'failed';
        report.error = toErrorInfo(task.exception());
      } else {
        state = 'done';
        report.result = task.result() as JsonValue;
      }
      report.endedAt = this.emit(id, state as StateEvent['state']);
    },
  };

  private emit(node: string, state: StateEvent['state']): number {
    const t = this.loop.time() - this.t0;
    const event: StateEvent = { seq: this.events.length, t, node, state };
    this.events.push(event);
    (this.reports.get(node) as NodeReport).state = state;
    this.listener.state?.(event);
    return t;
  }

  /** Reports which node's code holds the loop, and steps that hold it too long. */
  private installStepObserver(): void {
    const { holder, slowStep } = this.listener;
    const threshold = this.options.slowStepSeconds ?? DEFAULT_SLOW_STEP_SECONDS;
    let began = 0;
    let beganAt = 0;
    this.loop.stepObserver = {
      stepBegan: (task) => {
        const node = this.nodeOfTask.get(task);
        if (node === undefined) return;
        began = performance.now();
        beganAt = this.loop.time() - this.t0;
        holder?.({ node, t: beganAt });
      },
      stepEnded: (task) => {
        const node = this.nodeOfTask.get(task);
        if (node === undefined) return;
        const seconds = (performance.now() - began) / 1000;
        holder?.({ node: null, t: this.loop.time() - this.t0 });
        if (seconds >= threshold) slowStep?.({ node, t: beganAt, seconds });
      },
    };
  }
}
