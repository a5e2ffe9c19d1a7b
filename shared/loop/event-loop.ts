import { makeClock, VirtualClock, type Clock, type ClockKind } from './clock';
import { RuntimeError } from './errors';
import { Future, type Awaitable, type Coro } from './future';
import { ReadyQueue, type Runnable } from './ready-queue';
import { Task } from './task';
import { TimerHandle, TimerHeap } from './timer-heap';

/**
 * The event loop (Lib/asyncio/base_events.py, BaseEventLoop._run_once): a ready queue of
 * callbacks and a heap of timers. One iteration moves the due timers to the ready queue and
 * runs exactly the callbacks that were ready when it began; callbacks they schedule wait for
 * the next iteration. That rule, and FIFO order everywhere, is what fixes the order of events.
 *
 * It runs on top of Node's own loop: `runUntilComplete` returns a promise, runs iterations in
 * slices of a few milliseconds (so Node can deliver I/O in between), and sleeps with one
 * `setTimeout` until the next timer or until real I/O (`runIO`) completes. No busy waiting.
 */

/** Told when a task's step begins and ends: which task's code holds the loop. */
export interface StepObserver {
  stepBegan(task: Task<unknown>): void;
  stepEnded(task: Task<unknown>): void;
}

export interface LoopExceptionContext {
  message: string;
  exception: unknown;
}

/**
 * How the loop asks its host to call it back soon, after the host's pending I/O has been
 * delivered (a macrotask): Node's setImmediate in the host, a zero timeout elsewhere. It is a
 * port, so that shared/ names no Node global.
 */
export type ScheduleSoon = (callback: () => void) => void;

export interface EventLoopOptions {
  clock?: ClockKind | Clock;
  /** How long the loop may run callbacks before it lets Node deliver I/O (ms). */
  sliceMs?: number;
  /** How the loop is called back after I/O; by default the platform's immediate, else a zero timeout. */
  scheduleSoon?: ScheduleSoon;
}

/** setImmediate where the platform has it (Node, Electron's main process), else setTimeout(0). */
const platformScheduleSoon: ScheduleSoon = (() => {
  const immediate = (globalThis as { setImmediate?: (callback: () => void) => unknown }).setImmediate;
  return immediate === undefined
    ? (callback) => void setTimeout(callback, 0)
    : (callback) => void immediate(callback);
})();

/** A callback scheduled with callSoon; cancel() keeps it from running. */
export class Handle<A extends unknown[] = unknown[]> {
  cancelled = false;
  constructor(
    readonly fn: (...args: A) => void,
    readonly args: A,
  ) {}
  cancel(): void {
    this.cancelled = true;
  }
}

function runHandle<A extends unknown[]>(handle: Handle<A>): void {
  if (!handle.cancelled) handle.fn(...handle.args);
}

function runTimer(handle: TimerHandle): void {
  if (!handle.cancelled) handle.fn(handle.arg);
}

let runningLoop: EventLoop | null = null;

/** The loop whose callbacks are running now (asyncio.get_running_loop). */
export function getRunningLoop(): EventLoop {
  if (runningLoop === null) throw new RuntimeError('no running event loop');
  return runningLoop;
}

/** A generator object: what calling a generator function (a coroutine function) returns. */
export function isCoroutine(value: unknown): value is Coro<unknown> {
  return isGenerator(value) && !(value instanceof Future);
}

/** Has what a task needs of a coroutine (a future has it too: callers rule futures out first). */
function isGenerator(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Generator).next === 'function' &&
    typeof (value as Generator).throw === 'function' &&
    typeof (value as Generator)[Symbol.iterator] === 'function'
  );
}

const CANCELLED_TIMERS_COMPACT_MIN = 100;

export class EventLoop {
  readonly clock: Clock;
  /** Set to observe which task holds the loop; null costs nothing. */
  stepObserver: StepObserver | null = null;
  exceptionHandler: (context: LoopExceptionContext) => void = defaultExceptionHandler;

  private readonly ready = new ReadyQueue();
  private readonly timers = new TimerHeap();
  private timerSeq = 0;
  private cancelledTimers = 0;
  private ioOutstanding = 0;
  private taskCounter = 0;
  /** Unfinished tasks in creation order: an intrusive list (Task._prevLive/_nextLive), O(1) with no hashing. */
  private liveHead: Task<unknown> | null = null;
  private liveTail: Task<unknown> | null = null;
  private currentTask: Task<unknown> | null = null;
  private readonly sliceMs: number;

  // Driving state.
  private running = false;
  private closed = false;
  private stopping = false;
  /** Callbacks of the current iteration still to run when a slice ended mid-iteration. */
  private ntodo = 0;
  private sleeping = false;
  private sleepTimer: ReturnType<typeof setTimeout> | null = null;
  private sleepStartedAt = 0;
  private sleepUntil: number | undefined = undefined;
  private wakeScheduled = false;
  private settleRun: (() => void) | null = null;
  private readonly scheduleSoon: ScheduleSoon;
  private failRun: ((error: unknown) => void) | null = null;

  constructor(options: EventLoopOptions = {}) {
    const clock = options.clock ?? 'real';
    this.clock = typeof clock === 'string' ? makeClock(clock) : clock;
    this.sliceMs = options.sliceMs ?? 8;
    this.scheduleSoon = options.scheduleSoon ?? platformScheduleSoon;
  }

  /** Loop time in seconds. */
  time(): number {
    return this.clock.now();
  }

  isRunning(): boolean {
    return this.running;
  }

  isClosed(): boolean {
    return this.closed;
  }

  /** Number of real I/O operations started with runIO that have not settled. */
  get pendingIO(): number {
    return this.ioOutstanding;
  }

  // ---- scheduling -------------------------------------------------------------------------

  /** @internal The allocation-free callSoon used by futures and tasks. */
  _soon<A>(fn: (arg: A) => void, arg: A): void {
    this.ready.push(fn, arg);
  }

  /** @internal Schedules `item._run()` (a task's step or wakeup): one queue slot, no closure. */
  _soonRun(item: Runnable): void {
    this.ready.pushRunnable(item);
  }

  /** Runs `fn(...args)` in the next iteration, after what is already ready. */
  callSoon<A extends unknown[]>(fn: (...args: A) => void, ...args: A): Handle<A> {
    const handle = new Handle(fn, args);
    this.ready.push(runHandle, handle);
    return handle;
  }

  /**
   * callSoon for code outside the loop's callbacks (a Node callback, a message from the UI):
   * schedules and wakes the loop if it sleeps (asyncio's call_soon_threadsafe).
   */
  callSoonThreadsafe<A extends unknown[]>(fn: (...args: A) => void, ...args: A): Handle<A> {
    const handle = this.callSoon(fn, ...args);
    this.wake();
    return handle;
  }

  /** Runs `fn(...args)` `delay` seconds from now; equal deadlines run in the order set. */
  callLater<A extends unknown[]>(delay: number, fn: (...args: A) => void, ...args: A): TimerHandle {
    return this.callAt(this.time() + delay, fn, ...args);
  }

  callAt<A extends unknown[]>(when: number, fn: (...args: A) => void, ...args: A): TimerHandle {
    return this._at(when, runHandle, new Handle(fn, args));
  }

  /** @internal A timer calling `fn(arg)`. */
  _at<A>(when: number, fn: (arg: A) => void, arg: A): TimerHandle {
    if (this.closed) throw new RuntimeError('Event loop is closed');
    const handle = new TimerHandle(
      when,
      this.timerSeq++,
      fn as (arg: unknown) => void,
      arg,
      this.onTimerCancel,
    );
    this.timers.push(handle);
    return handle;
  }

  private readonly onTimerCancel = (): void => {
    this.cancelledTimers++;
  };

  createFuture<T>(): Future<T> {
    return new Future<T>(this);
  }

  createTask<T>(coro: Coro<T>, name?: string): Task<T> {
    if (this.closed) throw new RuntimeError('Event loop is closed');
    return new Task<T>(this, coro, name);
  }

  /** A future for any awaitable: a future itself, or a new task for a coroutine (asyncio.ensure_future). */
  ensureFuture<T>(awaitable: Awaitable<T>): Future<T> {
    if (awaitable instanceof Future) {
      if (awaitable.loop !== this) throw new RuntimeError('The future belongs to a different loop');
      return awaitable;
    }
    return this._taskFor(awaitable);
  }

  /** @internal ensureFuture for an awaitable already known not to be a future (gather's hot path). */
  _taskFor<T>(awaitable: unknown): Task<T> {
    if (isGenerator(awaitable)) return this.createTask(awaitable as Coro<T>);
    throw new TypeError('An asyncio Future or a coroutine (generator) is required');
  }

  /** Tasks of this loop not done yet, in creation order (asyncio.all_tasks). */
  allTasks(): Task<unknown>[] {
    const tasks: Task<unknown>[] = [];
    for (let task = this.liveHead; task !== null; task = task._nextLive) tasks.push(task);
    return tasks;
  }

  /** The task whose step is running now, if any (asyncio.current_task). */
  currentTaskOrNull(): Task<unknown> | null {
    return this.currentTask;
  }

  /** @internal */ _nextTaskNumber(): number {
    return ++this.taskCounter;
  }
  /** @internal */ _registerTask(task: Task<unknown>): void {
    task._prevLive = this.liveTail;
    if (this.liveTail === null) this.liveHead = task;
    else this.liveTail._nextLive = task;
    this.liveTail = task;
  }
  /** @internal */ _unregisterTask(task: Task<unknown>): void {
    const prev = task._prevLive;
    const next = task._nextLive;
    if (prev === null) {
      if (this.liveHead !== task) return; // not registered (or already removed)
      this.liveHead = next;
    } else {
      prev._nextLive = next;
    }
    if (next === null) this.liveTail = prev;
    else next._prevLive = prev;
    task._prevLive = null;
    task._nextLive = null;
  }
  /** @internal */ _enterTask(task: Task<unknown>): void {
    if (this.currentTask !== null) {
      throw new RuntimeError(
        `Cannot enter into ${task.describe()} while ${this.currentTask.describe()} is being executed`,
      );
    }
    this.currentTask = task;
    this.stepObserver?.stepBegan(task);
  }
  /** @internal */ _leaveTask(task: Task<unknown>): void {
    this.currentTask = null;
    this.stepObserver?.stepEnded(task);
  }

  // ---- real I/O ---------------------------------------------------------------------------

  /**
   * Runs real asynchronous work (a Node promise) under the loop. The returned future settles
   * in a loop callback once the promise does; while the promise is outstanding the virtual
   * clock does not jump. Cancelling the future aborts the signal given to `start`.
   */
  runIO<T>(start: (signal: AbortSignal) => Promise<T>): Future<T> {
    const future = this.createFuture<T>();
    const controller = new AbortController();
    this.ioOutstanding++;
    let settled = false;
    const settle = (apply: () => void): void => {
      if (settled) return;
      settled = true;
      this.ioOutstanding--;
      this.callSoonThreadsafe(() => {
        if (!future.done()) apply();
      });
    };
    future.addDoneCallback((f) => {
      if (f.cancelled()) controller.abort(f._makeCancelledError());
    });
    let promise: Promise<T>;
    try {
      promise = start(controller.signal);
    } catch (error) {
      promise = Promise.reject(error);
    }
    promise.then(
      (value) => settle(() => future.setResult(value)),
      (error: unknown) => settle(() => future.setException(error)),
    );
    return future;
  }

  // ---- running ----------------------------------------------------------------------------

  /** Runs the loop until `awaitable` is done and gives its result (or throws its exception). */
  runUntilComplete<T>(awaitable: Awaitable<T>): Promise<T> {
    if (this.closed) return Promise.reject(new RuntimeError('Event loop is closed'));
    if (this.running) return Promise.reject(new RuntimeError('This event loop is already running'));
    let future: Future<T>;
    try {
      future = this.ensureFuture(awaitable);
    } catch (error) {
      return Promise.reject(error); // like the checks above: every refusal is a rejection
    }
    return new Promise<T>((resolve, reject) => {
      this.running = true;
      this.stopping = false;
      const finish = (): void => {
        this.running = false;
        this.settleRun = null;
        this.failRun = null;
        try {
          resolve(future.result());
        } catch (error) {
          reject(error);
        }
      };
      this.settleRun = finish;
      this.failRun = (error) => {
        this.running = false;
        this.settleRun = null;
        this.failRun = null;
        reject(error);
      };
      future.addDoneCallback(() => {
        this.stopping = true;
      });
      this.drive();
    });
  }

  /**
   * asyncio.run: runs `main` to the end, then cancels every task still unfinished and lets
   * them finish their cancellation, then closes the loop.
   */
  async run<T>(main: Coro<T>): Promise<T> {
    const mainTask = this.createTask(main, 'main');
    try {
      return await this.runUntilComplete(mainTask);
    } finally {
      await this.cancelAllTasks();
      this.close();
    }
  }

  /** Cancels every unfinished task and runs the loop until they have all finished. */
  async cancelAllTasks(): Promise<void> {
    const toCancel = this.allTasks();
    if (toCancel.length === 0) return;
    for (const task of toCancel) task.cancel();
    const all = this.createFuture<void>();
    let left = toCancel.length;
    for (const task of toCancel) {
      task.addDoneCallback(() => {
        if (--left === 0) all.setResult(undefined);
      });
    }
    await this.runUntilComplete(all);
    // As runners._cancel_all_tasks: a task that failed instead of being cancelled is reported.
    for (const task of toCancel) {
      if (task.failed()) {
        this.exceptionHandler({
          message: 'unhandled exception during asyncio.run() shutdown',
          exception: task.exception(),
        });
      }
    }
  }

  close(): void {
    if (this.running) throw new RuntimeError('Cannot close a running event loop');
    this.closed = true;
    this.ready.clear();
    this.timers.clear();
  }

  /** Drives iterations for one slice of wall time, then yields to Node or sleeps. */
  private readonly drive = (): void => {
    this.wakeScheduled = false;
    if (!this.running) return;
    const previous = runningLoop;
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the running loop, as asyncio's _running_loop
    runningLoop = this;
    try {
      this.driveSlice();
    } catch (error) {
      this.failRun?.(error);
    } finally {
      runningLoop = previous;
    }
  };

  private driveSlice(): void {
    const sliceEnd = performance.now() + this.sliceMs;
    for (;;) {
      if (this.ntodo === 0) {
        if (this.stopping) {
          this.settleRun?.();
          return;
        }
        this.beginIteration();
      }
      if (!this.runReady(sliceEnd)) {
        this.scheduleDrive();
        return;
      }
      if (this.stopping || this.ready.length > 0) {
        if (performance.now() >= sliceEnd) {
          this.scheduleDrive();
          return;
        }
        continue;
      }
      // Nothing is ready: wait for the next timer or for I/O.
      this.dropCancelledTimers();
      const next = this.timers.peek();
      const virtual = this.clock instanceof VirtualClock;
      if (virtual && this.ioOutstanding === 0) {
        if (next === undefined) {
          throw new RuntimeError('Deadlock: nothing is ready, no timer is set and no I/O is outstanding');
        }
        (this.clock as VirtualClock).advanceTo(next.when);
        continue;
      }
      if (next === undefined && this.ioOutstanding === 0) {
        throw new RuntimeError('Deadlock: nothing is ready, no timer is set and no I/O is outstanding');
      }
      this.sleep(next?.when);
      return;
    }
  }

  /** The start of _run_once: due timers join the ready queue; count what this iteration runs. */
  private beginIteration(): void {
    this.dropCancelledTimers();
    const endTime = this.clock.now() + 1e-9;
    for (
      let next = this.timers.peek();
      next !== undefined && next.when < endTime;
      next = this.timers.peek()
    ) {
      this.timers.pop();
      next.scheduled = false;
      if (next.cancelled) this.cancelledTimers--;
      else this.ready.push(runTimer, next);
    }
    this.ntodo = this.ready.length;
  }

  /** Runs the rest of this iteration's callbacks; false if the slice ran out first. */
  private runReady(sliceEnd: number): boolean {
    const ready = this.ready;
    while (this.ntodo > 0) {
      this.ntodo--;
      try {
        ready.runHead();
      } catch (error) {
        this.currentTask = null;
        this.exceptionHandler({ message: 'Exception in callback', exception: error });
      }
      if ((this.ntodo & 1023) === 0 && this.ntodo > 0 && performance.now() >= sliceEnd) return false;
    }
    return true;
  }

  private dropCancelledTimers(): void {
    const count = this.timers.length;
    if (count > CANCELLED_TIMERS_COMPACT_MIN && this.cancelledTimers * 2 > count) {
      this.timers.compact();
      this.cancelledTimers = 0;
      return;
    }
    for (let top = this.timers.peek(); top !== undefined && top.cancelled; top = this.timers.peek()) {
      this.timers.pop();
      top.scheduled = false;
      this.cancelledTimers--;
    }
  }

  private scheduleDrive(): void {
    if (this.wakeScheduled) return;
    this.wakeScheduled = true;
    this.scheduleSoon(this.drive);
  }

  private sleep(until: number | undefined): void {
    this.sleeping = true;
    this.sleepStartedAt = performance.now();
    this.sleepUntil = until;
    if (until !== undefined) {
      const delayMs = Math.max(0, (until - this.clock.now()) * 1000);
      this.sleepTimer = setTimeout(this.onSleepTimer, Math.ceil(delayMs));
    }
  }

  private readonly onSleepTimer = (): void => {
    this.endSleep(true);
    this.drive();
  };

  /** Wakes a sleeping loop because something outside it scheduled work. */
  private wake(): void {
    if (!this.sleeping) return;
    this.endSleep(false);
    this.scheduleDrive();
  }

  private endSleep(byTimer: boolean): void {
    this.sleeping = false;
    if (this.sleepTimer !== null) clearTimeout(this.sleepTimer);
    this.sleepTimer = null;
    if (this.clock instanceof VirtualClock) {
      // Virtual time moves by the real time spent waiting for I/O, never past the next timer.
      const waited = (performance.now() - this.sleepStartedAt) / 1000;
      const target = this.clock.now() + waited;
      const until = this.sleepUntil;
      this.clock.advanceTo(until !== undefined && (byTimer || target > until) ? until : target);
    }
  }
}

function defaultExceptionHandler(context: LoopExceptionContext): void {
  console.error(`flowloop: ${context.message}:`, context.exception);
}
