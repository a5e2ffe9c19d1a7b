/**
 * What a run records as it goes (docs/run-report.md): each node's state and times, on the run's
 * own node records, and the state events in columns (a time, a node number and a state per
 * event, in typed arrays) instead of one object each. A 50,000-node run has 150,000 events: as
 * objects (and a boxed number for each time) they were the largest part of what the garbage
 * collector copied while the run went on; as columns they are three arrays outside the heap.
 *
 * The report a run gives (`runReport`) is an ordinary RunReport to everyone who reads it: its
 * `nodes` and `events` are made from the log the first time they are read (and kept: later reads
 * give the same objects). The command line's `--json` writer reads the
 * log itself instead (`runLogOf`), so a run written as JSON never makes those objects at all.
 */
import type { JsonValue } from '../graph/types';
import type { ErrorInfo, NodeReport, NodeState, RetryEvent, RunReport, RunStatus, StateEvent } from './types';

/** What the log needs of a node's record: its id and its report's fields. */
export interface LoggedNode {
  readonly node: { readonly id: string };
  state: NodeState;
  result: JsonValue | null;
  error: ErrorInfo | null;
  createdAt: number | null;
  startedAt: number | null;
  endedAt: number | null;
}

export type EventState = StateEvent['state'];

/** The states an event may have, by their number in the state column. */
export const EVENT_STATES: readonly EventState[] = ['pending', 'running', 'done', 'failed', 'cancelled'];
export const PENDING = 0;
export const RUNNING = 1;
export const DONE = 2;
export const FAILED = 3;
export const CANCELLED = 4;

export class RunLog<N extends LoggedNode = LoggedNode> {
  /** The number of events so far. */
  length = 0;
  /** Each event's loop time (seconds since the run began). */
  times: Float64Array;
  /** Each event's node, as its index in `nodes`. */
  nodeIndexes: Int32Array;
  /** Each event's state, as its index in EVENT_STATES. */
  states: Uint8Array;
  /** Set once the report's `nodes` or `events` were made from the log: they may have been changed since. */
  materialised = false;

  constructor(
    /** Every node's record, in file order (the order of the report's `nodes`). */
    readonly nodes: readonly N[],
    /** Room for this many events before the columns grow (a node has at most three). */
    capacity = 3 * nodes.length,
  ) {
    const room = Math.max(capacity, 16);
    this.times = new Float64Array(room);
    this.nodeIndexes = new Int32Array(room);
    this.states = new Uint8Array(room);
  }

  /** Records one event; gives its number (seq). */
  push(t: number, nodeIndex: number, state: number): number {
    const seq = this.length;
    if (seq === this.times.length) this.grow();
    this.times[seq] = t;
    this.nodeIndexes[seq] = nodeIndex;
    this.states[seq] = state;
    this.length = seq + 1;
    return seq;
  }

  /** Event `seq` as an object. */
  event(seq: number): StateEvent {
    return {
      seq,
      t: this.times[seq]!,
      node: this.nodes[this.nodeIndexes[seq]!]!.node.id,
      state: EVENT_STATES[this.states[seq]!]!,
    };
  }

  events(): StateEvent[] {
    const events = new Array<StateEvent>(this.length);
    for (let i = 0; i < events.length; i++) events[i] = this.event(i);
    return events;
  }

  /** The report's `nodes`: each node's report, by id, in file order (as an object orders its keys). */
  nodeReports(): Record<string, NodeReport> {
    const reports: Record<string, NodeReport> = {};
    for (const record of this.nodes) reports[record.node.id] = nodeReport(record);
    return reports;
  }

  private grow(): void {
    const size = this.times.length * 2;
    const times = new Float64Array(size);
    times.set(this.times);
    this.times = times;
    const nodeIndexes = new Int32Array(size);
    nodeIndexes.set(this.nodeIndexes);
    this.nodeIndexes = nodeIndexes;
    const states = new Uint8Array(size);
    states.set(this.states);
    this.states = states;
  }
}

/** A node's report, with its fields in the order docs/run-report.md lists them. */
export function nodeReport(record: LoggedNode): NodeReport {
  return {
    state: record.state,
    result: record.result,
    error: record.error,
    createdAt: record.createdAt,
    startedAt: record.startedAt,
    endedAt: record.endedAt,
  };
}

const LOG = Symbol('flowloop.runLog');
type Logged = RunReport & { [LOG]?: RunLog };

/**
 * The report of a run that ended with `status`: `nodes` and `events` are made from `log` when
 * first read (or replaced when first assigned), and the log stays reachable for runLogOf.
 */
export function runReport(
  status: RunStatus,
  result: JsonValue | null,
  error: ErrorInfo | null,
  log: RunLog,
  retries: readonly RetryEvent[] = [],
): RunReport {
  const report = { status, result, error } as Logged;
  // Accessors that keep what they made (or were given): they work on a frozen report too.
  const lazy = (make: () => unknown): PropertyDescriptor => {
    let made = false;
    let value: unknown;
    return {
      get() {
        if (!made) {
          value = make();
          made = true;
          log.materialised = true;
        }
        return value;
      },
      set(given: unknown) {
        value = given;
        made = true;
        log.materialised = true;
      },
      enumerable: true,
      configurable: true,
    };
  };
  Object.defineProperty(
    report,
    'nodes',
    lazy(() => log.nodeReports()),
  );
  Object.defineProperty(
    report,
    'events',
    lazy(() => log.events()),
  );
  if (retries.length > 0) report.retries = [...retries];
  Object.defineProperty(report, LOG, { value: log }); // not enumerable: no copy of the report takes it
  return report;
}

/**
 * The log a report's `nodes` and `events` are still to be made from, or null when the report
 * did not come from a run, or they were read or set already (then they are what counts).
 */
export function runLogOf(report: RunReport): RunLog | null {
  const log = (report as Logged)[LOG];
  return log === undefined || log.materialised ? null : log;
}
