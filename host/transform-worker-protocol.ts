/**
 * What the loop's thread and a transform worker (transform-worker.ts) say to each other. Each
 * worker has one Int32Array over a SharedArrayBuffer whose slot 0 is its state, and one
 * MessagePort: the loop's thread posts a job, then blocks in Atomics.wait until the worker has
 * posted its answer and moved the state to DONE; the answer is then taken synchronously with
 * receiveMessageOnPort. Data crosses as JSON text, as it crosses into QuickJS.
 */
import type { MessagePort } from 'node:worker_threads';
import type { TransformLimits } from '../shared/runtime/services';

/** Slot 0 of the state array. */
export const WorkerState = {
  /** Loading its QuickJS modules. */
  STARTING: 0,
  /** Ready for a job. */
  IDLE: 1,
  /** Set by the loop's thread when it posts a job. */
  BUSY: 2,
  /** The answer is on the port. */
  DONE: 3,
  /** Could not start; a StartFailure is on the port. */
  FAILED: 4,
} as const;

export interface WorkerInit {
  limits: TransformLimits;
  state: SharedArrayBuffer;
  port: MessagePort;
}

export interface TransformJob {
  code: string;
  argsJson: string;
}

export type TransformAnswer =
  | { ok: true; resultJson: string }
  /** `name` is TransformError for a transform's failure; anything else is a fault of the sandbox. */
  | { ok: false; name: string; message: string };

export interface StartFailure {
  startFailed: string;
}
