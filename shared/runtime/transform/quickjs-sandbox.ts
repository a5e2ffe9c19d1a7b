/**
 * The JavaScript transform sandbox: QuickJS compiled to WebAssembly.
 *
 * Why not node:vm: Node's own documentation says vm "is not a security mechanism". A vm
 * context shares the process, the heap and the intrinsics' realm machinery with the host;
 * `this.constructor.constructor('return process')()` and its many cousins reach the host
 * whenever a single host object leaks in, and there is no memory limit and no way to stop a
 * loop that never yields. QuickJS in WebAssembly is a separate engine with its own heap,
 * inside linear memory it cannot address out of: there is no host object to leak, its globals
 * are plain ECMAScript (no process, require, fetch, timers or modules), its memory is capped
 * and its loops are interrupted. Data crosses only as JSON text. And it runs synchronously,
 * so a transform holds the loop exactly as CPU-bound code holds asyncio's.
 *
 * Each sandbox owns its WebAssembly module (loaded once, asynchronously) and a spare one: if
 * the module ever breaks (see QuickJsEngine), the spare takes over at once, so the next
 * transform runs normally, and a new spare loads in the background.
 */
import type { JsonValue } from '../../graph/types';
import type { TransformLimits, TransformSandbox } from '../services';
import { checkArgumentSize, loadEngine, type QuickJsEngine } from './quickjs-engine';
import { TransformError } from './transform-error';

/**
 * 5 s: long enough for a transform that honestly computes for a couple of seconds (the app shows
 * such a step holding the loop, as asyncio's debug mode shows a slow callback), short enough
 * that an endless loop in somebody else's file ends soon with a TransformError.
 */
export const DEFAULT_TRANSFORM_TIME_MS = 5000;
export const DEFAULT_TRANSFORM_MEMORY_BYTES = 64 * 1024 * 1024;
export const DEFAULT_TRANSFORM_LIMITS: Readonly<TransformLimits> = Object.freeze({
  timeMs: DEFAULT_TRANSFORM_TIME_MS,
  memoryBytes: DEFAULT_TRANSFORM_MEMORY_BYTES,
});

export async function createQuickJsSandbox(limits?: Partial<TransformLimits>): Promise<QuickJsSandbox> {
  const resolved = resolveLimits(limits);
  // The spare is loaded up front too: a run on the virtual clock may never give the host's
  // event loop a turn in which a background load could finish.
  const [engine, spare] = await Promise.all([loadEngine(resolved), loadEngine(resolved)]);
  return new QuickJsSandbox(resolved, engine, spare);
}

export function resolveLimits(limits: Partial<TransformLimits> | undefined): TransformLimits {
  const timeMs = limits?.timeMs ?? DEFAULT_TRANSFORM_TIME_MS;
  const memoryBytes = limits?.memoryBytes ?? DEFAULT_TRANSFORM_MEMORY_BYTES;
  if (!(Number.isFinite(timeMs) && timeMs > 0))
    throw new RangeError(`transform time limit must be a positive number of ms, not ${timeMs}`);
  if (!(Number.isSafeInteger(memoryBytes) && memoryBytes >= 1024 * 1024)) {
    throw new RangeError(
      `transform memory limit must be a whole number of bytes, at least 1 MiB, not ${memoryBytes}`,
    );
  }
  return { timeMs, memoryBytes };
}

export class QuickJsSandbox implements TransformSandbox {
  private engine: QuickJsEngine | null;
  private spare: QuickJsEngine | null;
  private spareLoading: Promise<void> | null = null;
  private spareError: unknown = null;
  private disposed = false;

  constructor(
    readonly limits: Readonly<TransformLimits>,
    engine: QuickJsEngine,
    spare: QuickJsEngine | null,
  ) {
    this.engine = engine;
    this.spare = spare;
    this.loadSpare();
  }

  runJavaScript(code: string, args: JsonValue[]): JsonValue {
    if (this.disposed) throw new Error('this transform sandbox has been disposed');
    const argsJson = JSON.stringify(args);
    checkArgumentSize(argsJson, this.limits.memoryBytes);
    const engine = this.currentEngine();
    const outcome = engine.run(code, argsJson, this.limits);
    if (engine.broken) this.replaceBrokenEngine();
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  }

  /**
   * Resolves once a spare module is loaded, so that a crash would be survived at once.
   * Rejects if loading it failed.
   */
  async ready(): Promise<void> {
    while (this.spareLoading !== null) await this.spareLoading;
    if (this.spare === null && this.spareError !== null) throw this.spareError;
  }

  dispose(): void {
    // The modules hold no resource outside the JavaScript heap: dropping them frees them.
    this.disposed = true;
    this.engine = null;
    this.spare = null;
  }

  private currentEngine(): QuickJsEngine {
    if (this.engine === null && this.spare !== null) {
      this.engine = this.spare;
      this.spare = null;
      this.loadSpare();
    }
    if (this.engine !== null) return this.engine;
    const why =
      this.spareError === null
        ? 'a fresh one is still loading'
        : `loading a fresh one failed: ${String(this.spareError)}`;
    if (this.spareLoading === null) this.loadSpare();
    throw new TransformError(`the JavaScript sandbox crashed and cannot run transforms yet (${why})`);
  }

  private replaceBrokenEngine(): void {
    this.engine = null;
    if (this.spare !== null) {
      this.engine = this.spare;
      this.spare = null;
    }
    this.loadSpare();
  }

  private loadSpare(): void {
    if (this.disposed || this.spare !== null || this.spareLoading !== null) return;
    this.spareError = null;
    this.spareLoading = loadEngine(this.limits).then(
      (engine) => {
        this.spareLoading = null;
        if (!this.disposed) this.spare = engine;
      },
      (error: unknown) => {
        this.spareLoading = null;
        this.spareError = error;
      },
    );
  }
}
