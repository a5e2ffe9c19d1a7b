/**
 * The JavaScript transform sandbox with a hard time limit. QuickJS's interrupt handler (the
 * first line, kept in the worker) is only consulted between bytecode operations, so one long
 * native call — a quadratic `indexOf` on a large string — runs on past the limit for as long as
 * it likes. Here the QuickJS sandbox runs in a worker thread instead, and the loop's thread
 * blocks on it (a transform still holds the loop while it computes, exactly as CPU-bound code
 * holds asyncio's) for at most the time limit plus a grace; a worker that has not answered by
 * then is terminated, which V8 does even inside WebAssembly, and the transform fails with the
 * same TransformError as an interrupted one.
 *
 * A spare worker is kept warm, so the transform after a terminated one runs at once; if the
 * spare is still starting, that transform blocks until it is ready, for at most
 * `startTimeoutMs`. Errors, results and the JSON-only crossing are those of QuickJsSandbox.
 */
import type { JsonValue } from '../shared/graph/types';
import type { TransformLimits, TransformSandbox } from '../shared/runtime/services';
import { checkArgumentSize } from '../shared/runtime/transform/quickjs-engine';
import { resolveLimits } from '../shared/runtime/transform/quickjs-sandbox';
import { timeLimitError, TransformError } from '../shared/runtime/transform/transform-error';
import { TransformThread } from './transform-thread';
import type { TransformAnswer } from './transform-worker-protocol';
import { transformWorkerUrl } from './transform-worker-url';

/** Time a worker gets past the limit to answer before it is terminated (its own interrupt usually ends it first). */
export const DEFAULT_GRACE_MS = 500;
/** Longest a transform waits for a fresh worker to start (a start takes well under a second on an idle machine). */
export const DEFAULT_START_TIMEOUT_MS = 15_000;

export interface WorkerSandboxOptions extends Partial<TransformLimits> {
  graceMs?: number;
  startTimeoutMs?: number;
}

/** Starts the worker and its spare; resolves once the first is ready (the spare goes on starting). */
export async function createWorkerSandbox(options: WorkerSandboxOptions = {}): Promise<WorkerSandbox> {
  const limits = resolveLimits(options);
  checkThreadMayBlock();
  const url = await transformWorkerUrl();
  const sandbox = new WorkerSandbox(
    limits,
    url,
    options.graceMs ?? DEFAULT_GRACE_MS,
    options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS,
  );
  try {
    await sandbox.started();
  } catch (error) {
    sandbox.dispose();
    throw error;
  }
  return sandbox;
}

export class WorkerSandbox implements TransformSandbox {
  private current: TransformThread | null;
  private spare: TransformThread | null;
  private disposed = false;

  constructor(
    readonly limits: Readonly<TransformLimits>,
    private readonly workerUrl: URL,
    readonly graceMs: number,
    readonly startTimeoutMs: number,
  ) {
    this.current = this.newThread();
    this.spare = this.newThread();
  }

  /** Resolves once the worker that runs the next transform is ready; rejects if it could not start. */
  async started(): Promise<void> {
    await this.current?.started();
  }

  /** Resolves once the spare is ready too, so a terminated worker would be replaced at once. */
  async ready(): Promise<void> {
    await Promise.all([this.current?.started(), this.spare?.started()]);
  }

  runJavaScript(code: string, args: JsonValue[]): JsonValue {
    if (this.disposed) throw new Error('this transform sandbox has been disposed');
    const argsJson = JSON.stringify(args);
    checkArgumentSize(argsJson, this.limits.memoryBytes);
    const thread = this.readyThread();
    const outcome = thread.run({ code, argsJson }, this.limits.timeMs + this.graceMs);
    if (outcome.kind === 'timed-out') {
      this.replaceCurrent();
      throw timeLimitError(this.limits.timeMs);
    }
    if (outcome.kind === 'lost') {
      this.replaceCurrent();
      throw new TransformError('the JavaScript sandbox lost its answer; the next transform gets a fresh one');
    }
    return readAnswer(outcome.answer);
  }

  dispose(): void {
    this.disposed = true;
    this.current?.terminate();
    this.spare?.terminate();
    this.current = this.spare = null;
  }

  /** The worker for the next transform, waited for (bounded) if it is still starting. */
  private readyThread(): TransformThread {
    if (this.spare?.gone === true) this.spare = this.newThread();
    if (this.current === null || this.current.gone) this.replaceCurrent();
    const thread = this.current as TransformThread;
    const status = thread.waitUntilReady(this.startTimeoutMs);
    if (status.kind === 'ready') return thread;
    if (status.kind === 'failed') {
      this.replaceCurrent();
      throw new TransformError(`the JavaScript sandbox could not start (${status.reason})`);
    }
    throw new TransformError(
      `the JavaScript sandbox was not ready within ${this.startTimeoutMs / 1000} s (a fresh one starts after a transform is stopped)`,
    );
  }

  /** Terminates the current worker; the spare takes over and a new spare starts. */
  private replaceCurrent(): void {
    this.current?.terminate();
    this.current = this.spare ?? this.newThread();
    this.spare = this.newThread();
  }

  private newThread(): TransformThread {
    return new TransformThread(this.workerUrl, this.limits);
  }
}

/**
 * Throws if this thread may not block in Atomics.wait (browsers forbid it on their main thread,
 * and an embedder may too). A mismatched value returns at once where blocking is allowed.
 */
function checkThreadMayBlock(): void {
  try {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT)), 0, 1, 0);
  } catch (error) {
    throw new Error(`the worker sandbox needs a thread that may block in Atomics.wait: ${String(error)}`);
  }
}

function readAnswer(answer: TransformAnswer): JsonValue {
  if (answer.ok) return JSON.parse(answer.resultJson) as JsonValue;
  if (answer.name === 'TransformError') throw new TransformError(answer.message);
  const error = new Error(answer.message);
  error.name = answer.name;
  throw error;
}
