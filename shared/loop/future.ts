import { CancelledError, InvalidStateError, RuntimeError } from './errors';
import type { EventLoop } from './event-loop';

/**
 * asyncio.Future (Lib/asyncio/futures.py): a result that is not there yet.
 *
 * Done callbacks never run inside `setResult`/`setException`/`cancel`: they are scheduled on
 * the loop with `callSoon`, each receiving the future, exactly as asyncio does. That is what
 * makes the order of events the same as CPython's.
 */
export type FutureState = 'PENDING' | 'CANCELLED' | 'FINISHED';

export type DoneCallback<T> = (future: Future<T>) => void;

/** What a coroutine yields to the task that drives it: a future to wait for, or nothing (one turn of the loop). */
export type Yielded = Future<unknown> | undefined;

/**
 * A coroutine is a generator function's generator. It awaits a future with `yield* future`
 * and another coroutine with `yield* coro()`, and returns its result.
 */
export type Coro<T> = Generator<Yielded, T, unknown>;

/** Anything a task can await: a future or a coroutine. */
export type Awaitable<T> = Future<T> | Coro<T>;

/**
 * Bits of Future._flags. The state, the outcome kind and a task's own flags share one small
 * integer, so a future (and a task, which lives as long as a gather holding it) stays small.
 */
const STATE_MASK = 3;
/** @internal */ export const PENDING = 0;
/** @internal */ export const CANCELLED = 1;
/** @internal */ export const FINISHED = 2;
/** @internal _result holds the exception. */ export const HAS_EXCEPTION = 4;
/** @internal asyncio's _asyncio_future_blocking. */ export const BLOCKING = 8;
/** @internal Task: cancel at the next step (_must_cancel). */ export const MUST_CANCEL = 16;
/** @internal Task: the coroutine has been stepped once. */ export const STARTED = 32;

const STATE_NAMES: readonly FutureState[] = ['PENDING', 'CANCELLED', 'FINISHED'];

type AnyCallback = (future: never) => void;

/**
 * A registered done callback: a function, or a task waiting on the future (a task registers
 * itself instead of a bound `__wakeup` closure; the loop resumes it with `_run()`).
 */
type CallbackEntry = AnyCallback | Future<unknown>;

export class Future<T> {
  /** @internal State bits (see PENDING … STARTED above). */
  _flags = PENDING;
  /**
   * @internal One slot for the outcome: the result, or the exception when HAS_EXCEPTION is set;
   * while not finished, the cancel message (a task may also keep the CancelledError it caught here).
   */
  _result: unknown = undefined;
  /**
   * @internal Done callbacks: null, one entry, or an array of entries in registration order
   * (CPython keeps the first one out of the list too: fut_callback0). Typed loosely so that
   * Future<T> stays covariant in T.
   */
  _cbs: CallbackEntry | CallbackEntry[] | null = null;
  /** @internal The number of the last gather() that took this future (finds an awaitable passed twice). */
  _gatherEpoch = 0;

  constructor(readonly loop: EventLoop) {}

  get state(): FutureState {
    return STATE_NAMES[this._flags & STATE_MASK] as FutureState;
  }

  /** @internal */
  get _state(): FutureState {
    return STATE_NAMES[this._flags & STATE_MASK] as FutureState;
  }

  /** @internal The message given to cancel(), while not finished. */
  get _cancelMessage(): string | undefined {
    const r = this._result;
    return (this._flags & FINISHED) === 0 && typeof r === 'string' ? r : undefined;
  }

  set _cancelMessage(msg: string | undefined) {
    this._result = msg;
  }

  /** @internal The done callbacks as a list (null when there are none), for tests and tools. */
  get _callbacks(): CallbackEntry[] | null {
    const cbs = this._cbs;
    if (cbs === null) return null;
    return Array.isArray(cbs) ? cbs : [cbs];
  }

  done(): boolean {
    return (this._flags & STATE_MASK) !== PENDING;
  }

  cancelled(): boolean {
    return (this._flags & STATE_MASK) === CANCELLED;
  }

  /** The result; throws the exception if the future failed, CancelledError if it was cancelled. */
  result(): T {
    const flags = this._flags;
    if ((flags & STATE_MASK) === FINISHED) {
      if ((flags & HAS_EXCEPTION) !== 0) throw this._result;
      return this._result as T;
    }
    if ((flags & STATE_MASK) === CANCELLED) throw this._makeCancelledError();
    throw new InvalidStateError('Result is not ready.');
  }

  /** The exception, or undefined when the future succeeded. */
  exception(): unknown {
    const flags = this._flags;
    if ((flags & STATE_MASK) === CANCELLED) throw this._makeCancelledError();
    if ((flags & STATE_MASK) !== FINISHED) throw new InvalidStateError('Exception is not set.');
    return (flags & HAS_EXCEPTION) !== 0 ? this._result : undefined;
  }

  /** True when the future finished with an exception. */
  failed(): boolean {
    return (this._flags & (STATE_MASK | HAS_EXCEPTION)) === (FINISHED | HAS_EXCEPTION);
  }

  addDoneCallback(fn: DoneCallback<T>): void {
    this._addEntry(fn as AnyCallback);
  }

  /** @internal Registers a task waiting on this future: when done, the loop calls the task's `_run()`. */
  _addWaiter(task: Future<unknown>): void {
    this._addEntry(task);
  }

  private _addEntry(entry: CallbackEntry): void {
    if ((this._flags & STATE_MASK) !== PENDING) {
      this._scheduleEntry(entry);
      return;
    }
    const cbs = this._cbs;
    if (cbs === null) this._cbs = entry;
    else if (Array.isArray(cbs)) cbs.push(entry);
    else this._cbs = [cbs, entry];
  }

  /** Removes every registration of `fn`; returns how many were removed. */
  removeDoneCallback(fn: DoneCallback<T>): number {
    const cbs = this._cbs;
    if (cbs === null) return 0;
    if (!Array.isArray(cbs)) {
      if (cbs !== (fn as AnyCallback)) return 0;
      this._cbs = null;
      return 1;
    }
    const kept = cbs.filter((cb) => cb !== (fn as AnyCallback));
    const removed = cbs.length - kept.length;
    if (removed > 0) this._cbs = kept;
    return removed;
  }

  setResult(result: T): void {
    if (this.done()) throw new InvalidStateError(`${this._state}: ${this.describe()}`);
    this._finish(FINISHED, result);
  }

  setException(exception: unknown): void {
    if (this.done()) throw new InvalidStateError(`${this._state}: ${this.describe()}`);
    this._finish(FINISHED | HAS_EXCEPTION, exception);
  }

  /** Cancels the future and schedules its callbacks; false if it was already done. */
  cancel(msg?: string): boolean {
    if (this.done()) return false;
    this._finish(CANCELLED, msg);
    return true;
  }

  /** `yield* future` inside a coroutine waits for it and gives its result (Future.__await__). */
  [Symbol.iterator](): Coro<T> {
    // A FutureAwait has everything of a Generator that `yield*` uses.
    return new FutureAwait(this) as unknown as Coro<T>;
  }

  describe(): string {
    return `<Future ${this._state.toLowerCase()}>`;
  }

  /** @internal */
  _makeCancelledError(): CancelledError {
    return new CancelledError(this._cancelMessage ?? '');
  }

  /** @internal Run from the ready queue: resumes a task registered with `_addWaiter` (Task overrides it). */
  _run(): void {
    throw new RuntimeError('not a task');
  }

  /**
   * @internal Settles the pending future: `outcome` is FINISHED (value = result), FINISHED |
   * HAS_EXCEPTION (value = exception) or CANCELLED (value = cancel message). Keeps a task's
   * own flag bits.
   */
  protected _finish(outcome: number, value: unknown): void {
    this._result = value;
    this._flags = (this._flags & ~(STATE_MASK | HAS_EXCEPTION)) | outcome;
    const cbs = this._cbs;
    if (cbs === null) return;
    this._cbs = null;
    if (!Array.isArray(cbs)) {
      this._scheduleEntry(cbs);
      return;
    }
    for (let i = 0; i < cbs.length; i++) this._scheduleEntry(cbs[i] as CallbackEntry);
  }

  private _scheduleEntry(entry: CallbackEntry): void {
    if (typeof entry === 'function') this.loop._soon(entry as DoneCallback<unknown>, this as Future<unknown>);
    else this.loop._soonRun(entry);
  }
}

/**
 * Future.__await__ as a hand-written iterator, exactly like the generator
 *
 *     *[Symbol.iterator]() {
 *       if (pending) { mark blocking; yield this; }
 *       if (pending) throw new RuntimeError("yield* wasn't used with a future");
 *       return this.result();
 *     }
 *
 * A task waiting on a future keeps this object alive in its coroutine's `yield*`, so with
 * 50,000 tasks waiting at once its size counts: two fields instead of a generator object and
 * its register file (about a third of the memory).
 */
class FutureAwait<T> implements Iterator<Yielded, T, unknown> {
  /** 0: not started, 1: yielded the future, 2: finished. */
  private phase = 0;
  constructor(private readonly future: Future<T>) {}

  next(): IteratorResult<Yielded, T> {
    const future = this.future;
    if (this.phase === 0) {
      if ((future._flags & STATE_MASK) === PENDING) {
        future._flags |= BLOCKING;
        this.phase = 1;
        return { value: future as Future<unknown>, done: false };
      }
    } else if (this.phase === 2) {
      return { value: undefined as T, done: true };
    }
    this.phase = 2;
    if ((future._flags & STATE_MASK) === PENDING) throw new RuntimeError("yield* wasn't used with a future");
    return { value: future.result(), done: true };
  }

  throw(error: unknown): IteratorResult<Yielded, T> {
    this.phase = 2;
    throw error;
  }

  return(value: T): IteratorResult<Yielded, T> {
    this.phase = 2;
    return { value, done: true };
  }

  [Symbol.iterator](): this {
    return this;
  }
}

export function isFuture(value: unknown): value is Future<unknown> {
  return value instanceof Future;
}

/** Sets a result unless the future was cancelled meanwhile (futures._set_result_unless_cancelled). */
export function setResultUnlessCancelled<T>(future: Future<T>, result: T): void {
  if (!future.cancelled()) future.setResult(result);
}
