/**
 * One transform worker thread, seen from the loop's thread: started at construction, then
 * driven synchronously — a job is posted and the loop's thread blocks in Atomics.wait until the
 * answer is there or the time is up (see transform-worker-protocol.ts).
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { TransformLimits } from '../shared/runtime/services';
import {
  WorkerState,
  type StartFailure,
  type TransformAnswer,
  type TransformJob,
  type WorkerInit,
} from './transform-worker-protocol';

const MiB = 1024 * 1024;

export type JobOutcome =
  | { kind: 'answer'; answer: TransformAnswer }
  /** No answer within the time given: the caller terminates the thread. */
  | { kind: 'timed-out' }
  /** The worker said it was done but left no answer (should not happen): terminate it. */
  | { kind: 'lost' };

export type StartStatus = { kind: 'ready' } | { kind: 'failed'; reason: string } | { kind: 'starting' };

export class TransformThread {
  private readonly worker: Worker;
  private readonly state: Int32Array;
  private readonly port: MessagePort;
  private failure: string | null = null;
  private exitedEarly = false;
  private terminated = false;
  private exit: Promise<void> = Promise.resolve();

  constructor(url: URL, limits: TransformLimits) {
    const buffer = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
    this.state = new Int32Array(buffer);
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const init: WorkerInit = { limits, state: buffer, port: port2 };
    this.worker = new Worker(url, {
      workerData: init,
      transferList: [port2],
      // Not the parent's flags (tsx's --import, --input-type...): the worker is plain bundled JavaScript.
      execArgv: [],
      // A backstop only: QuickJS's WebAssembly memory is capped at the limit and lies outside
      // this heap, which holds the arguments and the answer as JSON text and values.
      resourceLimits: { maxOldGenerationSizeMb: 256 + 8 * Math.ceil(limits.memoryBytes / MiB) },
    });
    // Without a listener a worker's uncaught error would be thrown in the loop's thread.
    this.worker.on('error', (error: Error) => {
      this.failure ??= `${error.name}: ${error.message}`;
    });
    this.worker.on('exit', () => {
      if (!this.terminated) this.exitedEarly = true;
    });
  }

  /** True once the thread is known (from an event the host's loop delivered) to have gone. */
  get gone(): boolean {
    return this.terminated || this.exitedEarly;
  }

  /** Resolves once the worker is ready for jobs; rejects if it could not start. */
  started(): Promise<void> {
    return new Promise((resolve, reject) => {
      const settle = (): void => {
        this.worker.off('message', settle);
        this.worker.off('exit', settle);
        const status = this.waitUntilReady(0);
        if (status.kind === 'ready') resolve();
        else
          reject(
            new Error(
              `the transform worker did not start: ${status.kind === 'failed' ? status.reason : 'it exited'}`,
            ),
          );
      };
      if (this.waitUntilReady(0).kind !== 'starting') return settle();
      this.worker.on('message', settle);
      this.worker.on('exit', settle);
    });
  }

  /** Blocks the calling thread until the worker is ready, it failed, or `timeoutMs` passed. */
  waitUntilReady(timeoutMs: number): StartStatus {
    if (this.gone) return { kind: 'failed', reason: this.failure ?? 'the worker exited' };
    Atomics.wait(this.state, 0, WorkerState.STARTING, timeoutMs);
    const state = Atomics.load(this.state, 0);
    if (state === WorkerState.IDLE) return { kind: 'ready' };
    if (state === WorkerState.FAILED) {
      const received = receiveMessageOnPort(this.port);
      if (received !== undefined) this.failure = (received.message as StartFailure).startFailed;
      return { kind: 'failed', reason: this.failure ?? 'unknown reason' };
    }
    return { kind: 'starting' };
  }

  /** Runs one job on a ready worker, blocking the calling thread for at most `timeoutMs`. */
  run(job: TransformJob, timeoutMs: number): JobOutcome {
    Atomics.store(this.state, 0, WorkerState.BUSY);
    this.port.postMessage(job);
    Atomics.wait(this.state, 0, WorkerState.BUSY, timeoutMs);
    if (Atomics.load(this.state, 0) !== WorkerState.DONE) return { kind: 'timed-out' };
    const received = receiveMessageOnPort(this.port);
    Atomics.store(this.state, 0, WorkerState.IDLE);
    if (received === undefined) return { kind: 'lost' };
    return { kind: 'answer', answer: received.message as TransformAnswer };
  }

  /** Stops the thread, even in the middle of WebAssembly; the promise settles once it is gone (callers need not wait). */
  terminate(): Promise<void> {
    if (!this.terminated) {
      this.terminated = true;
      this.port.close();
      this.exit = this.worker.terminate().then(
        () => undefined,
        () => undefined,
      );
    }
    return this.exit;
  }
}
