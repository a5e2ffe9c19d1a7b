import { getRunningLoop } from './event-loop';
import type { Coro, Future } from './future';

function wakeSleeper(future: Future<void>): void {
  if (!future.cancelled()) future.setResult(undefined);
}

/**
 * asyncio.sleep: waits `delay` loop seconds and returns `result`. `sleep(0)` does not touch
 * the timer heap: it yields once, letting every other ready callback run first.
 */
export function* sleep<T = undefined>(delay: number, result?: T): Coro<T> {
  if (delay <= 0) {
    yield undefined;
    return result as T;
  }
  const loop = getRunningLoop();
  const future = loop.createFuture<void>();
  const handle = loop._at(loop.time() + delay, wakeSleeper, future);
  try {
    yield* future;
    return result as T;
  } finally {
    handle.cancel();
  }
}
