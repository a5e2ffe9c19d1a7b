/**
 * The entry of a transform worker thread: one QuickJS sandbox (shared/runtime/transform, with
 * its own interrupt-based time limit and memory cap) answering the jobs the loop's thread posts
 * (see transform-worker-protocol.ts). The loop's thread terminates this thread when a job
 * overruns its time limit, which stops it even inside one long WebAssembly call.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { JsonValue } from '../shared/graph/types';
import { createQuickJsSandbox, type QuickJsSandbox } from '../shared/runtime/transform/quickjs-sandbox';
import {
  WorkerState,
  type StartFailure,
  type TransformAnswer,
  type TransformJob,
  type WorkerInit,
} from './transform-worker-protocol';

const { limits, state: stateBuffer, port } = workerData as WorkerInit;
const state = new Int32Array(stateBuffer);

function answer(sandbox: QuickJsSandbox, job: TransformJob): TransformAnswer {
  try {
    const value = sandbox.runJavaScript(job.code, JSON.parse(job.argsJson) as JsonValue[]);
    return { ok: true, resultJson: JSON.stringify(value) };
  } catch (error) {
    if (error instanceof Error) return { ok: false, name: error.name, message: error.message };
    return { ok: false, name: 'Error', message: String(error) };
  }
}

function setState(value: number): void {
  Atomics.store(state, 0, value);
  Atomics.notify(state, 0);
}

try {
  const sandbox = await createQuickJsSandbox(limits);
  port.on('message', (job: TransformJob) => {
    // The answer is on the port before the state says so: the loop's thread reads it at once.
    port.postMessage(answer(sandbox, job));
    setState(WorkerState.DONE);
  });
  setState(WorkerState.IDLE);
} catch (error) {
  const failure: StartFailure = {
    startFailed: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
  };
  port.postMessage(failure);
  setState(WorkerState.FAILED);
}
// Wakes the loop's thread if it awaits this start instead of blocking on it.
parentPort?.postMessage('settled');
