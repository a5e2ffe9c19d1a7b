/**
 * Helpers for the loop's tests: the TypeScript side of CPython's test_asyncio/utils.py.
 * Only *.test.ts files import this module.
 */
import { EventLoop } from '../../shared/loop/event-loop';
import type { Coro } from '../../shared/loop/future';

/** test_utils.TestLoop: time jumps to the next timer, so sleeps are instant and exact. */
export function virtualLoop(): EventLoop {
  return new EventLoop({ clock: 'virtual' });
}

/** A coroutine whose body never awaits: `async def f(): return body()`. */
// eslint-disable-next-line require-yield
export function* sync<T>(body: () => T): Coro<T> {
  return body();
}

/**
 * test_utils.run_briefly: runs one task that returns at once, which takes two iterations
 * (its step, then the done callback that stops the loop).
 */
export async function runBriefly(loop: EventLoop): Promise<void> {
  await loop.runUntilComplete(loop.createTask(sync(() => undefined)));
}

/** What `fn` throws (fails the test if it returns). */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an exception, got none');
}

/** What `promise` rejects with (fails the test if it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection, got a result');
}

/**
 * The names of a set's members, sorted, for comparing sets of futures: `toEqual` on a future
 * would iterate it (a Future is iterable), so compare identities through names instead.
 */
export function names<T>(set: ReadonlySet<T>, known: Record<string, T>): string[] {
  const byValue = new Map<T, string>(Object.entries(known).map(([name, value]) => [value, name]));
  return [...set].map((member) => byValue.get(member) ?? '<unknown>').sort();
}
