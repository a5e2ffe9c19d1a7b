import { CancelledError, InvalidStateError, RuntimeError } from './errors';
import {
  BLOCKING,
  CANCELLED,
  FINISHED,
  Future,
  HAS_EXCEPTION,
  MUST_CANCEL,
  STARTED,
  type Coro,
  type Yielded,
} from './future';
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

/** What few tasks need, kept out of the task itself so that every task stays small. */
interface TaskExtras {
  /** As Task._ident holds it before the extras are made. */
  name: string | number;
  numCancelsRequested: number;
}

export class Task<T> extends Future<T> {
  /** @internal */ _coro: Coro<T> | null;
  /** @internal */ _fwaiter: Future<unknown> | null = null;
  /** @internal Neighbours in the loop's list of unfinished tasks. */
  _prevLive: Task<unknown> | null = null;
  /** @internal */ _nextLive: Task<unknown> | null = null;
  /**
   * Optional hook for tools that trace tasks (the workflow runtime). A field of its own rather
   * than one of the extras: a run observes every node's task, and an extras record per task
   * was 50,000 more objects for the garbage collector to copy in a 50,000-node run.
   */
  observer: TaskObserver | null = null;
  /**
   * The name given, or the number of the default `Task-<number>` (built only when asked for);
   * or, once a task needs them, its extras (cancellation requests), which hold the name.
   */
  private _ident: string | number | TaskExtras;

  constructor(loop: EventLoop, coro: Coro<T>, name?: string) {
    super(loop);
    this._coro = coro;
    this._ident = name ?? loop._nextTaskNumber();
    loop._soonRun(this);
    loop._registerTask(this as Task<unknown>);
  }

  get name(): string {
    const ident = this._ident;
    const extras = typeof ident === 'object' ? ident : null;
    const n = extras === null ? (ident as string | number) : extras.name;
    if (typeof n === 'string') return n;
    const built = `Task-${n}`;
    if (extras === null) this._ident = built;
    else extras.name = built;
    return built;
  }

  /** @internal */
  get _mustCancel(): boolean {
    return (this._flags & MUST_CANCEL) !== 0;
  }

  private _ensureExtras(): TaskExtras {
    const ident = this._ident;
    if (typeof ident === 'object') return ident;
    const extras: TaskExtras = { name: ident, numCancelsRequested: 0 };
    this._ident = extras;
    return extras;
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
    if (this.done()) return false;
    this._ensureExtras().numCancelsRequested++;
    // Leave _fwaiter set: it may be a task that swallows the cancellation and must be cancelled again.
    if (this._fwaiter !== null && this._fwaiter.cancel(msg)) return true;
    this._flags |= MUST_CANCEL;
    this._cancelMessage = msg;
    return true;
  }

  /** How many cancellation requests are outstanding (Task.cancelling). */
  cancelling(): number {
    const ident = this._ident;
    return typeof ident === 'object' ? ident.numCancelsRequested : 0;
  }

  /** Takes back one cancellation request (Task.uncancel); returns how many remain. */
  uncancel(): number {
    const extras = this._ident;
    if (typeof extras !== 'object') return 0;
    if (extras.numCancelsRequested > 0) extras.numCancelsRequested--;
    return extras.numCancelsRequested;
  }

  override _makeCancelledError(): CancelledError {
    // A task cancelled by a CancelledError its coroutine raised keeps that error in _result
    // (CPython's _cancelled_exc) and hands it out once.
    const stored = this._result;
    if (this.cancelled() && stored instanceof CancelledError) {
      this._result = undefined;
      return stored;
    }
    return super._makeCancelledError();
  }

  /** @internal Task.__step: resume the coroutine with a value (none) or an exception. */
  _step(exc: unknown, hasExc: boolean): void {
    const flags = this._flags;
    if (this.done()) {
      throw new InvalidStateError(`_step(): already done: ${this.describe()}`);
    }
    if ((flags & MUST_CANCEL) !== 0) {
      if (!(exc instanceof CancelledError)) exc = this._makeCancelledError();
      hasExc = true;
      this._flags = flags & ~MUST_CANCEL;
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
        if ((this._flags & STARTED) === 0) {
          this._flags |= STARTED;
          this.observer?.started(this as Task<unknown>);
        }
        r = coro.next(undefined);
      }
    } catch (error) {
      loop._leaveTask(this as Task<unknown>);
      // CPython calls super().cancel() with no msg here: the raised error carries the message.
      if (error instanceof CancelledError) this._settle(CANCELLED, error);
      else this._settle(FINISHED | HAS_EXCEPTION, error);
      return;
    }
    loop._leaveTask(this as Task<unknown>);
    if (r.done === true) {
      if ((this._flags & MUST_CANCEL) !== 0) {
        // Cancelled right before the coroutine returned.
        this._flags &= ~MUST_CANCEL;
        this._settle(CANCELLED, this._cancelMessage);
      } else {
        this._settle(FINISHED, r.value);
      }
      return;
    }
    const yielded = r.value;
    if (yielded === undefined) {
      // A bare yield gives up the loop for one iteration (asyncio.sleep(0)).
      loop._soonRun(this);
    } else if (yielded instanceof Future && (yielded._flags & BLOCKING) !== 0) {
      yielded._flags &= ~BLOCKING;
      if (yielded.loop !== loop) {
        this._stepSoonWith(new RuntimeError(`Task ${this.name} got a future attached to a different loop`));
      } else if (yielded === (this as Future<unknown>)) {
        this._stepSoonWith(new RuntimeError(`Task cannot await on itself: ${this.describe()}`));
      } else {
        yielded._addWaiter(this as Task<unknown>);
        this._fwaiter = yielded;
        if ((this._flags & MUST_CANCEL) !== 0 && yielded.cancel(this._cancelMessage)) {
          this._flags &= ~MUST_CANCEL;
        }
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

  /**
   * @internal The ready queue's entry for this task: Task.__step when it waits on nothing (just
   * made, or after a bare yield), else Task.__wakeup — the future it registered itself on with
   * `_addWaiter` stays `_fwaiter` until the next step clears it.
   */
  override _run(): void {
    const waiter = this._fwaiter;
    if (waiter === null) this._step(undefined, false);
    else this._wakeup(waiter);
  }

  /** @internal Task.__wakeup: the awaited future is done; resume with its outcome. */
  _wakeup(future: Future<unknown>): void {
    if ((future._flags & (3 | HAS_EXCEPTION)) === FINISHED) {
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

  /** Ends the task: `outcome` and `value` as Future._finish takes them. */
  private _settle(outcome: number, value: unknown): void {
    this._coro = null; // a finished task keeps no frame alive
    this._finish(outcome, value);
    this.loop._unregisterTask(this as Task<unknown>);
    this.observer?.settled(this as Task<unknown>);
  }
}
