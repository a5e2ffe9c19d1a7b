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

export class Future<T> {
  /** @internal */ _state: FutureState = 'PENDING';
  /** @internal */ _result: T | undefined = undefined;
  /** @internal */ _exception: unknown = undefined;
  /** @internal */ _hasException = false;
  /** @internal */ _cancelMessage: string | undefined = undefined;
  /** @internal Typed loosely so that Future<T> stays covariant in T (Future<string> is a Future<unknown>). */
  _callbacks: ((future: never) => void)[] | null = null;
  /** @internal The first done callback, kept out of the array (CPython's fut_callback0): most futures have one. */
  _callback0: ((future: never) => void) | null = null;
  /** @internal The number of the last gather() that took this future (finds an awaitable passed twice). */
  _gatherEpoch = 0;
  /** @internal Set while the future is being yielded by `yield*` (asyncio's _asyncio_future_blocking). */
  _blocking = false;

  constructor(readonly loop: EventLoop) {}

  get state(): FutureState {
    return this._state;
  }

  done(): boolean {
    return this._state !== 'PENDING';
  }

  cancelled(): boolean {
    return this._state === 'CANCELLED';
  }

  /** The result; throws the exception if the future failed, CancelledError if it was cancelled. */
  result(): T {
    if (this._state === 'CANCELLED') throw this._makeCancelledError();
    if (this._state !== 'FINISHED') throw new InvalidStateError('Result is not ready.');
    if (this._hasException) throw this._exception;
    return this._result as T;
  }

  /** The exception, or undefined when the future succeeded. */
  exception(): unknown {
    if (this._state === 'CANCELLED') throw this._makeCancelledError();
    if (this._state !== 'FINISHED') throw new InvalidStateError('Exception is not set.');
    return this._exception;
  }

  /** True when the future finished with an exception. */
  failed(): boolean {
    return this._state === 'FINISHED' && this._hasException;
  }

  addDoneCallback(fn: DoneCallback<T>): void {
    if (this._state !== 'PENDING') {
      this.loop._soon(fn as DoneCallback<unknown>, this as Future<unknown>);
    } else if (this._callback0 === null && (this._callbacks === null || this._callbacks.length === 0)) {
      this._callback0 = fn;
    } else if (this._callbacks === null) {
      this._callbacks = [fn];
    } else {
      this._callbacks.push(fn);
    }
  }

  /** Removes every registration of `fn`; returns how many were removed. */
  removeDoneCallback(fn: DoneCallback<T>): number {
    let removed = 0;
    if (this._callback0 === fn) {
      this._callback0 = null;
      removed++;
    }
    const callbacks = this._callbacks;
    if (callbacks === null) return removed;
    const kept = callbacks.filter((cb) => cb !== (fn as (future: never) => void));
    removed += callbacks.length - kept.length;
    if (kept.length < callbacks.length) this._callbacks = kept;
    return removed;
  }

  setResult(result: T): void {
    if (this._state !== 'PENDING') throw new InvalidStateError(`${this._state}: ${this.describe()}`);
    this._result = result;
    this._state = 'FINISHED';
    this._scheduleCallbacks();
  }

  setException(exception: unknown): void {
    if (this._state !== 'PENDING') throw new InvalidStateError(`${this._state}: ${this.describe()}`);
    this._exception = exception;
    this._hasException = true;
    this._state = 'FINISHED';
    this._scheduleCallbacks();
  }

  /** Cancels the future and schedules its callbacks; false if it was already done. */
  cancel(msg?: string): boolean {
    if (this._state !== 'PENDING') return false;
    this._state = 'CANCELLED';
    this._cancelMessage = msg;
    this._scheduleCallbacks();
    return true;
  }

  /** `yield* future` inside a coroutine waits for it and gives its result (Future.__await__). */
  *[Symbol.iterator](): Coro<T> {
    if (this._state === 'PENDING') {
      this._blocking = true;
      yield this as Future<unknown>;
    }
    if (this._state === 'PENDING') throw new RuntimeError("yield* wasn't used with a future");
    return this.result();
  }

  describe(): string {
    return `<Future ${this._state.toLowerCase()}>`;
  }

  /** @internal */
  _makeCancelledError(): CancelledError {
    return new CancelledError(this._cancelMessage ?? '');
  }

  /** @internal */
  protected _scheduleCallbacks(): void {
    const loop = this.loop;
    const first = this._callback0;
    if (first !== null) {
      this._callback0 = null;
      loop._soon(first as DoneCallback<unknown>, this as Future<unknown>);
    }
    const callbacks = this._callbacks;
    if (callbacks === null) return;
    this._callbacks = null;
    for (let i = 0; i < callbacks.length; i++) {
      loop._soon(callbacks[i] as DoneCallback<unknown>, this as Future<unknown>);
    }
  }
}

export function isFuture(value: unknown): value is Future<unknown> {
  return value instanceof Future;
}

/** Sets a result unless the future was cancelled meanwhile (futures._set_result_unless_cancelled). */
export function setResultUnlessCancelled<T>(future: Future<T>, result: T): void {
  if (!future.cancelled()) future.setResult(result);
}
