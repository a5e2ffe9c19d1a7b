/** The run's observable surface (docs/run-semantics.md and docs/run-report.md): node states, events and the report. */
import type { JsonValue } from '../graph/types';

export const NODE_STATES = ['idle', 'pending', 'running', 'done', 'failed', 'cancelled'] as const;
export type NodeState = (typeof NODE_STATES)[number];

/** Zero nodes in every state: the start of a count of nodes per state. */
export function noStateCounts(): Record<NodeState, number> {
  return { idle: 0, pending: 0, running: 0, done: 0, failed: 0, cancelled: 0 };
}
export type RunStatus = 'done' | 'failed' | 'cancelled';

/** An error as the report carries it: the Python exception name and its message. */
export interface ErrorInfo {
  type: string;
  message: string;
}

/** One state change of one node. `t` is loop seconds since the run began. */
export interface StateEvent {
  seq: number;
  t: number;
  node: string;
  state: Exclude<NodeState, 'idle'>;
}

export interface NodeReport {
  state: NodeState;
  result: JsonValue | null;
  error: ErrorInfo | null;
  createdAt: number | null;
  startedAt: number | null;
  endedAt: number | null;
}

export interface RunReport {
  status: RunStatus;
  result: JsonValue | null;
  error: ErrorInfo | null;
  nodes: Record<string, NodeReport>;
  events: StateEvent[];
  /** Each failed try a node's retry caught, in the order they happened; absent when there was none. */
  retries?: RetryEvent[];
}

/**
 * A node's try failed and its retry caught the error (docs/run-semantics.md, Retries): at loop time
 * `t`, try number `attempt` ended with `error`, and the node waits `delay` seconds before the next.
 */
export interface RetryEvent {
  t: number;
  node: string;
  attempt: number;
  error: ErrorInfo;
  delay: number;
}

/** A node's task step held the loop longer than the threshold (asyncio debug's slow callback). */
export interface SlowStepWarning {
  node: string;
  /** Loop time when the step began. */
  t: number;
  /** Wall-clock seconds the step held the loop. */
  seconds: number;
}

/** Which node's code holds the loop: `node` when a step begins, null when it ends. */
export interface HolderEvent {
  node: string | null;
  t: number;
}

/** Everything a run tells its listeners while it happens. */
export interface RunListener {
  state?(event: StateEvent): void;
  holder?(event: HolderEvent): void;
  slowStep?(warning: SlowStepWarning): void;
  retry?(event: RetryEvent): void;
}
