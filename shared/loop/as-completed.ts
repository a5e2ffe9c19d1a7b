import { getRunningLoop } from './event-loop';
import { TimeoutError } from './errors';
import type { Awaitable, Coro, Future } from './future';
import type { TimerHandle } from './timer-heap';

/**
 * The part of asyncio.Queue that as_completed uses: getters wait in FIFO order and put wakes
 * the first one, through futures, so the wake-ups take the same loop turns as in CPython.
 */
class DoneQueue<T> {
  private readonly items: T[] = [];
  private readonly getters: Future<void>[] = [];

  putNowait(item: T): void {
    this.items.push(item);
    while (this.getters.length > 0) {
      const getter = this.getters.shift() as Future<void>;
      if (!getter.done()) {
        getter.setResult(undefined);
        break;
      }
    }
  }

  *get(): Coro<T> {
    while (this.items.length === 0) {
      const getter = getRunningLoop().createFuture<void>();
      this.getters.push(getter);
      try {
        yield* getter;
      } catch (error) {
        getter.cancel();
        const i = this.getters.indexOf(getter);
        if (i >= 0) this.getters.splice(i, 1);
        if (this.items.length > 0 && !getter.cancelled()) this.wakeNext();
        throw error;
      }
    }
    return this.items.shift() as T;
  }

  private wakeNext(): void {
    while (this.getters.length > 0) {
      const getter = this.getters.shift() as Future<void>;
      if (!getter.done()) {
        getter.setResult(undefined);
        return;
      }
    }
  }
}

/**
 * asyncio.as_completed (CPython 3.11): gives one coroutine per awaitable; awaiting the k-th
 * gives the k-th result to arrive (or raises its exception). With a timeout, what has not
 * arrived by then raises TimeoutError.
 */
export function asCompleted<T>(
  awaitables: readonly Awaitable<T>[],
  options: { timeout?: number | null } = {},
): Coro<T>[] {
  const loop = getRunningLoop();
  const done = new DoneQueue<Future<T> | null>();
  const todo = new Set([...new Set(awaitables)].map((a) => loop.ensureFuture(a)));
  let timeoutHandle: TimerHandle | null = null;

  const onCompletion = (f: Future<T>): void => {
    if (todo.size === 0) return; // the timeout came first
    todo.delete(f);
    done.putNowait(f);
    if (todo.size === 0) timeoutHandle?.cancel();
  };
  const onTimeout = (): void => {
    for (const f of todo) {
      f.removeDoneCallback(onCompletion);
      done.putNowait(null);
    }
    todo.clear();
  };
  function* waitForOne(): Coro<T> {
    const f = yield* done.get();
    if (f === null) throw new TimeoutError();
    return f.result();
  }

  for (const f of todo) f.addDoneCallback(onCompletion);
  const timeout = options.timeout ?? null;
  if (todo.size > 0 && timeout !== null) timeoutHandle = loop.callLater(timeout, onTimeout);
  return Array.from({ length: todo.size }, () => waitForOne());
}
