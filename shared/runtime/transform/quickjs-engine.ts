/**
 * One QuickJS WebAssembly module and the evaluation of one transform in it: a fresh runtime
 * and context per transform, limits set, the driver in, the code compiled as an expression or
 * else as a function body, the arguments in as JSON text, the tagged answer out.
 *
 * An engine is `broken` once the module itself failed (the host's stack overflowed inside
 * WebAssembly, or the module trapped): its memory may be half-updated, so nothing touches it
 * again and the sandbox moves on to a fresh module.
 */
import {
  newQuickJSWASMModule,
  newVariant,
  RELEASE_SYNC,
  type QuickJSContext,
  type QuickJSHandle,
  type QuickJSRuntime,
  type QuickJSWASMModule,
} from 'quickjs-emscripten';
import type { JsonValue } from '../../graph/types';
import type { TransformLimits } from '../services';
import {
  bodySource,
  DRIVER_FILE,
  DRIVER_SOURCE,
  expressionSource,
  readCompileOutcome,
  readRunOutcome,
  TRANSFORM_FILE,
  type OutcomeContext,
} from './sandbox-driver';
import {
  formatBytes,
  memoryLimitError,
  stackLimitError,
  timeLimitError,
  TransformError,
} from './transform-error';

/**
 * QuickJS's stack limits. QuickJS measures its C stack inside WebAssembly memory, but the
 * frames of WebAssembly functions also live on the host's native stack, which is the one
 * that can run out (V8 gives ~1 MiB), and how much host stack a QuickJS byte costs depends
 * on the path. Measured on this build with a 1 MiB host stack:
 *
 * - compiling: the parser on code nested ~620 deep overflows the host at any limit above
 *   32 KiB (where QuickJS would stop it at ~500). The transform's code compiles under 16 KiB:
 *   QuickJS stops nesting at ~240 levels, well short of the host's end.
 * - running: plain recursion needs ~4x the limit in host stack, so 128 KiB (about 680
 *   recursive calls, 200 through Array.prototype.map) leaves room. `eval` of code nested
 *   ~620 deep and JSON.stringify of a structure nested ~10,000 deep still overflow the host
 *   there; they end as a broken engine (see QuickJsEngine), and the sandbox swaps in a spare.
 */
export const QUICKJS_COMPILE_STACK_BYTES = 16 * 1024;
export const QUICKJS_RUN_STACK_BYTES = 128 * 1024;

const PAGE_BYTES = 64 * 1024;
/** The module declares 16 MiB of memory to start with (its static data, C stack and first heap). */
const INITIAL_PAGES = 256;
/** wasm32 as built here cannot address more than 2 GiB. */
const MAX_PAGES = 32768;

export type EngineOutcome = { ok: true; value: JsonValue } | { ok: false; error: TransformError };

/**
 * Loads a module whose WebAssembly memory may grow to the memory limit plus the 16 MiB it
 * starts with, and no further. That cap is the real memory limit: QuickJS's own allocation
 * counter (JS_SetMemoryLimit, set too) cannot see the size of most allocations under
 * Emscripten, which has no malloc_usable_size. At the cap malloc fails and QuickJS throws
 * its catchable `InternalError: out of memory`.
 */
export async function loadEngine(limits: TransformLimits): Promise<QuickJsEngine> {
  const maximum = Math.min(MAX_PAGES, INITIAL_PAGES + Math.ceil(limits.memoryBytes / PAGE_BYTES));
  const { Memory } = webAssembly();
  const wasmMemory = new Memory({ initial: INITIAL_PAGES, maximum });
  const module = await newQuickJSWASMModule(newVariant(RELEASE_SYNC, { wasmMemory }));
  return new QuickJsEngine(module);
}

/** The slice of the WebAssembly API used here (the project's lib settings leave it undeclared). */
interface WebAssemblyApi {
  Memory: new (descriptor: { initial: number; maximum: number }) => { readonly buffer: ArrayBuffer };
}
function webAssembly(): WebAssemblyApi {
  return (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;
}

export class QuickJsEngine {
  private brokenBy: unknown = null;

  constructor(private readonly module: QuickJSWASMModule) {}

  get broken(): boolean {
    return this.brokenBy !== null;
  }

  run(code: string, argsJson: string, limits: TransformLimits): EngineOutcome {
    if (this.broken) throw new Error('this QuickJS engine is broken and must not be used again');
    const owned: { dispose(): void }[] = [];
    let outcome: EngineOutcome;
    try {
      const runtime = this.module.newRuntime();
      owned.push(runtime);
      const deadline = startClock(runtime, limits.timeMs);
      runtime.setMemoryLimit(limits.memoryBytes);
      const context = runtime.newContext();
      owned.push(context);
      const value = evaluate(runtime, context, code, argsJson, limits, deadline, owned);
      outcome = { ok: true, value };
    } catch (error) {
      if (!(error instanceof TransformError)) return this.breakDown(error);
      outcome = { ok: false, error };
    }
    try {
      // Handles first, then the context, then the runtime: QuickJS asserts nothing is left.
      for (let i = owned.length - 1; i >= 0; i--) owned[i]?.dispose();
    } catch (error) {
      this.brokenBy = error;
    }
    return outcome;
  }

  /** The module failed mid-evaluation: never touch it again, and say what happened. */
  private breakDown(cause: unknown): EngineOutcome {
    this.brokenBy = cause;
    if (cause instanceof RangeError && /call stack/i.test(cause.message))
      return { ok: false, error: stackLimitError() };
    const what = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    return {
      ok: false,
      error: new TransformError(
        `the JavaScript sandbox crashed (${what}); the next transform gets a fresh one`,
      ),
    };
  }
}

interface Deadline {
  readonly timedOut: boolean;
}

/**
 * QuickJS calls the interrupt handler once every 10,000 calls and backward jumps; once the
 * deadline has passed it answers yes, and QuickJS unwinds with an error no `catch` or
 * `finally` in the transform can stop. Between two calls nothing can stop it: a loop whose
 * every iteration does milliseconds of native work overruns the limit many times over (one
 * that catches out-of-memory and retries ran 43 s against 100 ms), and a single long native
 * operation (a quadratic `indexOf`: 4.5 s against 1 s) runs until it returns.
 */
function startClock(runtime: QuickJSRuntime, timeMs: number): Deadline {
  const endsAt = performance.now() + timeMs;
  const state = { timedOut: false };
  runtime.setInterruptHandler(() => {
    if (!state.timedOut && performance.now() >= endsAt) state.timedOut = true;
    return state.timedOut;
  });
  return state;
}

function evaluate(
  runtime: QuickJSRuntime,
  context: QuickJSContext,
  code: string,
  argsJson: string,
  limits: TransformLimits,
  deadline: Deadline,
  owned: { dispose(): void }[],
): JsonValue {
  const own = (handle: QuickJSHandle): QuickJSHandle => {
    owned.push(handle);
    return handle;
  };
  const outcomeContext: OutcomeContext = {
    memoryBytes: limits.memoryBytes,
    lineCount: code.split('\n').length,
  };
  const failure = (error: QuickJSHandle): TransformError => vmFailure(context, own(error), deadline, limits);

  // The arguments go in first, while the heap is empty: the copy into WebAssembly memory
  // is a plain malloc whose failure the bindings do not check (see checkArgumentSize).
  const args = own(context.newString(argsJson));
  if (context.typeof(args) !== 'string')
    throw memoryLimitError(limits.memoryBytes, 'its arguments do not fit');

  runtime.setMaxStackSize(QUICKJS_COMPILE_STACK_BYTES);
  const driverResult = context.evalCode(DRIVER_SOURCE, DRIVER_FILE, { type: 'global' });
  if (driverResult.error) throw failure(driverResult.error);
  const driver = own(driverResult.value);
  const run = own(context.getProp(driver, 'run'));
  const describe = own(context.getProp(driver, 'describe'));

  /** The driver's tagged description of an error from compiling. */
  const describeCompileError = (error: QuickJSHandle): string => {
    if (deadline.timedOut) throw timeLimitError(limits.timeMs);
    const described = context.callFunction(describe, context.undefined, own(error));
    if (described.error) throw failure(described.error);
    return context.getString(own(described.value));
  };
  let compiled = context.evalCode(expressionSource(code), TRANSFORM_FILE, { type: 'global' });
  if (compiled.error) {
    // Not an expression, so a function body; unless it broke a limit, which a body would too.
    const asExpression = describeCompileError(compiled.error);
    if (!asExpression.startsWith('t')) throw readCompileOutcome(asExpression, outcomeContext);
    compiled = context.evalCode(bodySource(code), TRANSFORM_FILE, { type: 'global' });
  }
  if (compiled.error) throw readCompileOutcome(describeCompileError(compiled.error), outcomeContext);
  const transform = own(compiled.value);
  if (context.typeof(transform) !== 'function') {
    throw new TransformError('transform code has a syntax error: it closes brackets it did not open');
  }

  runtime.setMaxStackSize(QUICKJS_RUN_STACK_BYTES);
  const result = context.callFunction(run, context.undefined, transform, args);
  if (result.error) throw failure(result.error);
  const answer = own(result.value);
  if (deadline.timedOut) throw timeLimitError(limits.timeMs);
  return readRunOutcome(context.typeof(answer) === 'string' ? context.getString(answer) : '', outcomeContext);
}

/**
 * An error the driver could not catch and describe: the deadline's interrupt, or QuickJS
 * running out of memory (or stack) while the driver itself worked.
 */
function vmFailure(
  context: QuickJSContext,
  error: QuickJSHandle,
  deadline: Deadline,
  limits: TransformLimits,
): TransformError {
  if (deadline.timedOut) return timeLimitError(limits.timeMs);
  let message: string | null = null;
  if (context.typeof(error) === 'object') {
    const messageHandle = context.getProp(error, 'message');
    if (context.typeof(messageHandle) === 'string') message = context.getString(messageHandle);
    messageHandle.dispose();
  }
  // 'interrupted' before the deadline: the host's stack ran out inside the interrupt handler,
  // and the bindings turned that into an interrupt.
  if (message === 'stack overflow' || message === 'interrupted') return stackLimitError();
  if (message === 'string too long')
    return memoryLimitError(limits.memoryBytes, 'it built a string too long to hold');
  if (message === null || message === 'out of memory') return memoryLimitError(limits.memoryBytes);
  return new TransformError(`the JavaScript sandbox failed: ${message}`);
}

/**
 * The arguments' JSON must fit in the memory limit; checked before any of it is copied into
 * the module, because the bindings copy strings in with an unchecked malloc.
 */
export function checkArgumentSize(argsJson: string, memoryBytes: number): void {
  if (argsJson.length * 3 <= memoryBytes) return; // UTF-8 takes at most 3 bytes per UTF-16 unit
  const bytes = utf8Length(argsJson);
  if (bytes > memoryBytes) {
    throw memoryLimitError(memoryBytes, `its arguments alone are ${formatBytes(bytes)} of JSON`);
  }
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // A surrogate pair is 4 bytes; counting each half as 3 over-counts, which is safe here.
    bytes += unit < 0x80 ? 1 : unit < 0x800 ? 2 : 3;
  }
  return bytes;
}
