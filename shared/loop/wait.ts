import { getRunningLoop } from './event-loop';
import { CancelledError, TimeoutError } from './errors';
import { Future, type Awaitable, type Coro } from './future';
import type { EventLoop } from './event-loop';

export type ReturnWhen = 'FIRST_COMPLETED' | 'FIRST_EXCEPTION' | 'ALL_COMPLETED';

export interface WaitOptions {
  /** Seconds; null or absent waits without a limit. */
  timeout?: number | null;
  returnWhen?: ReturnWhen;
}

function releaseWaiter(waiter: Future<void>): void {
  if (!waiter.done()) waiter.setResult(undefined);
}

/**
 * asyncio.wait: waits until `returnWhen` holds or the timeout passes, and gives the futures
 * split into done and pending, each in argument order. Pending futures are not cancelled.
 */
export function* wait(
  awaitables: readonly Awaitable<unknown>[],
  options: WaitOptions = {},
): Coro<[done: Set<Future<unknown>>, pending: Set<Future<unknown>>]> {
  const returnWhen = options.returnWhen ?? 'ALL_COMPLETED';
  if (awaitables.length === 0) throw new RangeError('Set of awaitables is empty.');
  const loop = getRunningLoop();
  const fs = [...new Set(awaitables.map((a) => loop.ensureFuture(a)))];
  const timeout = options.timeout ?? null;
  const waiter = loop.createFuture<void>();
  const timeoutHandle = timeout === null ? null : loop._at(loop.time() + timeout, releaseWaiter, waiter);
  let counter = fs.length;

  const onCompletion = (f: Future<unknown>): void => {
    counter--;
    if (
      counter <= 0 ||
      returnWhen === 'FIRST_COMPLETED' ||
      (returnWhen === 'FIRST_EXCEPTION' && !f.cancelled() && f.failed())
    ) {
      timeoutHandle?.cancel();
      if (!waiter.done()) waiter.setResult(undefined);
    }
  };
  for (const f of fs) f.addDoneCallback(onCompletion);
  try {
    yield* waiter;
  } finally {
    timeoutHandle?.cancel();
    for (const f of fs) f.removeDoneCallback(onCompletion);
  }
  const done = new Set<Future<unknown>>();
  const pending = new Set<Future<unknown>>();
  for (const f of fs) (f.done() ? done : pending).add(f);
  return [done, pending];
}

/** Cancels `fut` and waits until it has finished (tasks._cancel_and_wait). */
function* cancelAndWait(fut: Future<unknown>, loop: EventLoop): Coro<void> {
  const waiter = loop.createFuture<void>();
  const cb = (): void => releaseWaiter(waiter);
  fut.addDoneCallback(cb);
  try {
    fut.cancel();
    yield* waiter;
  } finally {
    fut.removeDoneCallback(cb);
  }
}

/**
 * asyncio.wait_for, as CPython 3.11 implements it: waits for one awaitable for at most
 * `timeout` seconds; on timeout cancels it, waits for the cancellation to finish, and raises
 * TimeoutError. Cancelling the waiter cancels the awaitable too. A timeout <= 0 checks once.
 */
export function* waitFor<T>(awaitable: Awaitable<T>, timeout: number | null): Coro<T> {
  const loop = getRunningLoop();
  // `return await fut`: a coroutine runs inline in the caller's task, as in CPython 3.11.
  if (timeout === null) return yield* awaitable;

  if (timeout <= 0) {
    const fut = loop.ensureFuture(awaitable);
    if (fut.done()) return fut.result();
    yield* cancelAndWait(fut as Future<unknown>, loop);
    return resultOrTimeout(fut);
  }

  const waiter = loop.createFuture<void>();
  const timeoutHandle = loop._at(loop.time() + timeout, releaseWaiter, waiter);
  const cb = (): void => releaseWaiter(waiter);
  const fut = loop.ensureFuture(awaitable);
  fut.addDoneCallback(cb);
  try {
    try {
      yield* waiter;
    } catch (error) {
      if (!(error instanceof CancelledError)) throw error;
      if (fut.done()) return fut.result();
      fut.removeDoneCallback(cb);
      yield* cancelAndWait(fut as Future<unknown>, loop);
      throw error;
    }
    if (fut.done()) return fut.result();
    fut.removeDoneCallback(cb);
    yield* cancelAndWait(fut as Future<unknown>, loop);
    return resultOrTimeout(fut);
  } finally {
    timeoutHandle.cancel();
  }
}

function resultOrTimeout<T>(fut: Future<T>): T {
  try {
    return fut.result();
  } catch (error) {
    if (error instanceof CancelledError) throw new TimeoutError();
    throw error;
  }
}

/**
 * Flowloop's `race` (docs/run-semantics.md): waits for the first to finish, cancels the rest, and gives the
 * first one's result or raises its exception. Several finishing in the same iteration: the
 * lowest argument wins.
 */
export function* race<T>(awaitables: readonly Awaitable<T>[]): Coro<T> {
  const loop = getRunningLoop();
  const fs = awaitables.map((a) => loop.ensureFuture(a));
  const [done] = yield* wait(fs as Future<unknown>[], { returnWhen: 'FIRST_COMPLETED' });
  const winner = fs.find((f) => done.has(f as Future<unknown>)) as Future<T>;
  for (const f of fs) if (!f.done()) f.cancel();
  return winner.result();
}
