import { CancelledError, InvalidStateError, RuntimeError } from './errors';
import { Future, type Coro, type Yielded } from './future';
import type { EventLoop } from './event-loop';

/**
 * asyncio.Task (Lib/asyncio/tasks.py, Task.__step / __wakeup): drives a coroutine on the loop.
 *
 * Why generators: a coroutine here is a generator that yields the future it waits on
 * (`yield* future`, as Python's `await` is `yield from future.__await__()`). The task, not the
 * JavaScript engine, decides when the coroutine resumes, so
 *  - every resumption is a callback on *our* ready queue, in asyncio's order — an `async`
 *    function would resume on V8's microtask queue, whose order we cannot control;
 *  - cancellation is delivered exactly where the coroutine waits, as `generator.throw(new
 *    CancelledError())`, so a coroutine can catch it, and `finally` blocks run, as in Python;
 *  - a task cancels the future it waits on (`_fwaiter`), so cancelling a task spreads into what
 *    it awaits.
 */

/** Told synchronously when a task's coroutine first runs and when the task settles. */
export interface TaskObserver {
  started(task: Task<unknown>): void;
  settled(task: Task<unknown>): void;
}

function stepSoon(task: Task<unknown>): void {
  task._step(undefined, false);
}

export class Task<T> extends Future<T> {
  /** @internal */ _coro: Coro<T> | null;
  /** @internal */ _fwaiter: Future<unknown> | null = null;
  /** @internal */ _mustCancel = false;
  /** @internal */ _numCancelsRequested = 0;
  /** @internal */ _started = false;
  /** @internal */ _cancelledExc: CancelledError | null = null;
  private _wakeupFn: ((f: Future<unknown>) => void) | null = null;
  /** @internal Neighbours in the loop's list of unfinished tasks. */
  _prevLive: Task<unknown> | null = null;
  /** @internal */ _nextLive: Task<unknown> | null = null;
  /** Optional hook for tools that trace tasks (the workflow runtime). */
  observer: TaskObserver | null = null;

  /** The name given, or null for the default `Task-<number>`, which is built only when asked for. */
  private _name: string | null;
  private readonly _number: number;

  constructor(loop: EventLoop, coro: Coro<T>, name?: string) {
    super(loop);
    this._coro = coro;
    this._name = name ?? null;
    this._number = name === undefined ? loop._nextTaskNumber() : 0;
    loop._soon(stepSoon, this as Task<unknown>);
    loop._registerTask(this as Task<unknown>);
  }

  get name(): string {
    return (this._name ??= `Task-${this._number}`);
  }

  override describe(): string {
    return `<Task ${this.name} ${this._state.toLowerCase()}>`;
  }

  override setResult(_result: T): void {
    throw new RuntimeError('Task does not support setResult');
  }

  override setException(_exception: unknown): void {
    throw new RuntimeError('Task does not support setException');
  }

  /** The future this task waits on right now, if any. */
  get waitingOn(): Future<unknown> | null {
    return this._fwaiter;
  }

  /**
   * Asks the task to cancel: the future it waits on is cancelled, or, when it waits on none,
   * CancelledError is thrown into the coroutine at its next step. Returns false if already done.
   */
  override cancel(msg?: string): boolean {
    if (this._state !== 'PENDING') return false;
    this._numCancelsRequested++;
    // Leave _fwaiter set: it may be a task that swallows the cancellation and must be cancelled again.
    if (this._fwaiter !== null && this._fwaiter.cancel(msg)) return true;
    this._mustCancel = true;
    this._cancelMessage = msg;
    return true;
  }

  /** How many cancellation requests are outstanding (Task.cancelling). */
  cancelling(): number {
    return this._numCancelsRequested;
  }

  /** Takes back one cancellation request (Task.uncancel); returns how many remain. */
  uncancel(): number {
    if (this._numCancelsRequested > 0) this._numCancelsRequested--;
    return this._numCancelsRequested;
  }

  override _makeCancelledError(): CancelledError {
    const stored = this._cancelledExc;
    if (stored !== null) {
      this._cancelledExc = null;
      return stored;
    }
    return super._makeCancelledError();
  }

  /** @internal Task.__step: resume the coroutine with a value (none) or an exception. */
  _step(exc: unknown, hasExc: boolean): void {
    if (this._state !== 'PENDING') {
      throw new InvalidStateError(`_step(): already done: ${this.describe()}`);
    }
    if (this._mustCancel) {
      if (!(exc instanceof CancelledError)) exc = this._makeCancelledError();
      hasExc = true;
      this._mustCancel = false;
    }
    const coro = this._coro as Coro<T>;
    const loop = this.loop;
    this._fwaiter = null;
    loop._enterTask(this as Task<unknown>);
    let r: IteratorResult<Yielded, T>;
    try {
      if (hasExc) {
        r = coro.throw(exc);
      } else {
        if (!this._started) {
          this._started = true;
          this.observer?.started(this as Task<unknown>);
        }
        r = coro.next(undefined);
      }
    } catch (error) {
      loop._leaveTask(this as Task<unknown>);
      if (error instanceof CancelledError) {
        this._cancelledExc = error;
        // CPython calls super().cancel() with no msg here: the raised error carries the message.
        this._cancelMessage = undefined;
        this._settle('CANCELLED', undefined, undefined);
      } else {
        this._settle('FAILED', undefined, error);
      }
      return;
    }
    loop._leaveTask(this as Task<unknown>);
    if (r.done === true) {
      if (this._mustCancel) {
        // Cancelled right before the coroutine returned.
        this._mustCancel = false;
        this._settle('CANCELLED', undefined, undefined);
      } else {
        this._settle('DONE', r.value, undefined);
      }
      return;
    }
    const yielded = r.value;
    if (yielded === undefined) {
      // A bare yield gives up the loop for one iteration (asyncio.sleep(0)).
      loop._soon(stepSoon, this as Task<unknown>);
    } else if (yielded instanceof Future && yielded._blocking) {
      yielded._blocking = false;
      if (yielded.loop !== loop) {
        this._stepSoonWith(new RuntimeError(`Task ${this.name} got a future attached to a different loop`));
      } else if (yielded === (this as Future<unknown>)) {
        this._stepSoonWith(new RuntimeError(`Task cannot await on itself: ${this.describe()}`));
      } else {
        yielded.addDoneCallback((this._wakeupFn ??= (f) => this._wakeup(f)));
        this._fwaiter = yielded;
        if (this._mustCancel && yielded.cancel(this._cancelMessage)) this._mustCancel = false;
      }
    } else if (yielded instanceof Future) {
      this._stepSoonWith(
        new RuntimeError(`yield was used instead of yield* in task ${this.name} with ${yielded.describe()}`),
      );
    } else {
      this._stepSoonWith(new RuntimeError(`Task got bad yield: ${String(yielded)}`));
    }
  }

  private _stepSoonWith(error: Error): void {
    this.loop._soon((task: Task<T>) => task._step(error, true), this);
  }

  /** @internal Task.__wakeup: the awaited future is done; resume with its outcome. */
  _wakeup(future: Future<unknown>): void {
    if (future._state === 'FINISHED' && !future._hasException) {
      this._step(undefined, false);
      return;
    }
    let exc: unknown;
    try {
      future.result();
    } catch (error) {
      exc = error;
    }
    this._step(exc, true);
  }

  private _settle(outcome: 'DONE' | 'FAILED' | 'CANCELLED', value: T | undefined, error: unknown): void {
    this._coro = null; // a finished task keeps no frame alive
    if (outcome === 'DONE') super.setResult(value as T);
    else if (outcome === 'FAILED') super.setException(error);
    else super.cancel(this._cancelMessage);
    this.loop._unregisterTask(this as Task<unknown>);
    this.observer?.settled(this as Task<unknown>);
  }
}
