import { getRunningLoop } from './event-loop';
import type { Coro, Future, Yielded } from './future';

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
  // A YieldOnce has everything of a Generator that `yield*`, tasks and isCoroutine use.
  return delay <= 0 ? (new YieldOnce(result as T) as unknown as Coro<T>) : sleepFor(delay, result as T);
}

function* sleepFor<T>(delay: number, result: T): Coro<T> {
  const loop = getRunningLoop();
  const future = loop.createFuture<void>();
  const handle = loop._at(loop.time() + delay, wakeSleeper, future);
  try {
    yield* future;
    return result;
  } finally {
    handle.cancel();
  }
}
