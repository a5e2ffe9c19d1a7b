import { RuntimeError } from './errors';
import { getRunningLoop } from './event-loop';
import { BLOCKING, type Coro, type Future, type Yielded } from './future';
import type { TimerHandle } from './timer-heap';

function wakeSleeper(future: Future<void>): void {
  if (!future.cancelled()) future.setResult(undefined);
}

const YIELD_ONE_TURN: IteratorResult<Yielded, never> = Object.freeze({ value: undefined, done: false });

/**
 * sleep(0) as a hand-written coroutine: yields once, then returns `result`, exactly like
 * `function* () { yield; return result; }`. Not a generator because every task that sleeps(0)
 * keeps one alive across a loop iteration, and this object is a fraction of a generator's size
 * (with 10^5 tasks that is the difference between the young generation surviving or not).
 */
class YieldOnce<T> implements Iterator<Yielded, T, unknown>, Iterable<Yielded, T, unknown> {
  /** 0: not started, 1: yielded, 2: finished. */
  private phase = 0;
  constructor(private readonly result: T) {}

  next(): IteratorResult<Yielded, T> {
    if (this.phase === 0) {
      this.phase = 1;
      return YIELD_ONE_TURN;
    }
    if (this.phase === 1) {
      this.phase = 2;
      return { value: this.result, done: true };
    }
    return { value: undefined as T, done: true };
  }

  return(value: T): IteratorResult<Yielded, T> {
    this.phase = 2;
    return { value, done: true };
  }

  throw(error: unknown): IteratorResult<Yielded, T> {
    this.phase = 2;
    throw error;
  }

  [Symbol.iterator](): this {
    return this;
  }
}

/**
 * asyncio.sleep: waits `delay` loop seconds and returns `result`. `sleep(0)` does not touch
 * the timer heap: it yields once, letting every other ready callback run first.
 */
export function sleep<T = undefined>(delay: number, result?: T): Coro<T> {
  // YieldOnce and SleepFor have everything of a Generator that `yield*`, tasks and isCoroutine use.
  return (delay <= 0 ? new YieldOnce(result as T) : new SleepFor(delay, result as T)) as unknown as Coro<T>;
}

/**
 * sleep(delay > 0) as a hand-written coroutine, exactly like the generator
 *
 *     function* sleepFor(delay, result) {
 *       const loop = getRunningLoop();
 *       const future = loop.createFuture();
 *       const handle = loop._at(loop.time() + delay, wakeSleeper, future);
 *       try {
 *         yield* future;
 *         return result;
 *       } finally {
 *         handle.cancel();
 *       }
 *     }
 *
 * Every sleeping task keeps its sleep alive until the timer fires, and a graph of 45,000 sleeps
 * has them all waiting at once: this is one small object where the generator was two generator
 * objects (with the future's `yield*`) and their register files, some 300 bytes more per sleep.
 */
class SleepFor<T> implements Iterator<Yielded, T, unknown>, Iterable<Yielded, T, unknown> {
  /** 0: not started, 1: waiting for the timer, 2: finished. */
  private phase = 0;
  private future: Future<void> | null = null;
  private handle: TimerHandle | null = null;

  constructor(
    private readonly delay: number,
    private readonly result: T,
  ) {}

  next(): IteratorResult<Yielded, T> {
    if (this.phase === 0) {
      this.phase = 2; // should the loop refuse the timer, the coroutine is over
      const loop = getRunningLoop();
      const future = loop.createFuture<void>();
      this.handle = loop._at(loop.time() + this.delay, wakeSleeper, future);
      this.future = future;
      future._flags |= BLOCKING; // `yield* future` of a pending future
      this.phase = 1;
      return { value: future as Future<unknown>, done: false };
    }
    if (this.phase === 2) return { value: undefined as T, done: true };
    this.phase = 2;
    const future = this.future as Future<void>;
    try {
      if (!future.done()) throw new RuntimeError("yield* wasn't used with a future");
      future.result(); // a cancelled future throws its CancelledError here
      return { value: this.result, done: true };
    } finally {
      (this.handle as TimerHandle).cancel();
    }
  }

  throw(error: unknown): IteratorResult<Yielded, T> {
    if (this.phase === 1) (this.handle as TimerHandle).cancel();
    this.phase = 2;
    throw error;
  }

  return(value: T): IteratorResult<Yielded, T> {
    if (this.phase === 1) (this.handle as TimerHandle).cancel();
    this.phase = 2;
    return { value, done: true };
  }

  [Symbol.iterator](): this {
    return this;
  }
}
