/**
 * asCompleted: ports of CPython 3.11 Lib/test/test_asyncio/test_tasks.py (test_as_completed*).
 * CPython's TestLoop advance_time() steps are not needed: the virtual clock jumps by itself.
 */
import { describe, expect, it } from 'vitest';
import { asCompleted } from './as-completed';
import { RuntimeError, TimeoutError } from './errors';
import type { Coro } from './future';
import { sleep } from './sleep';
import { wait } from './wait';
import { sync, thrown, virtualLoop } from '../../test/loop/loop-support';

describe('asCompleted', () => {
  it('gives results in completion order', async () => {
    // test_tasks.py: test_as_completed
    const loop = virtualLoop();
    const completed = new Set<string>();
    function* sleeper(dt: number, x: string): Coro<string> {
      yield* sleep(dt);
      completed.add(x);
      return x;
    }
    function* foo(): Coro<string[]> {
      const values: string[] = [];
      for (const f of asCompleted([sleeper(0.01, 'b'), sleeper(0.15, 'c'), sleeper(0.01, 'a')])) {
        values.push(yield* f);
      }
      return values;
    }
    const res = await loop.runUntilComplete(foo());
    expect(loop.time()).toBeCloseTo(0.15, 12);
    expect(res.slice(0, 2).sort()).toEqual(['a', 'b']);
    expect(res[2]).toBe('c');
    expect(completed.size).toBe(3);
  });

  it('completion order, not argument order, for distinct times', async () => {
    // test_tasks.py: test_as_completed (the order it pins, with three distinct delays)
    const loop = virtualLoop();
    function* foo(): Coro<string[]> {
      const values: string[] = [];
      const aws = [sleep(0.3, 'slow'), sleep(0.1, 'fast'), sleep(0.2, 'middle')];
      for (const f of asCompleted(aws)) values.push(yield* f);
      return values;
    }
    expect(await loop.runUntilComplete(foo())).toEqual(['fast', 'middle', 'slow']);
  });

  it('with a timeout: what has not arrived raises TimeoutError, and keeps running', async () => {
    // test_tasks.py: test_as_completed_with_timeout
    const loop = virtualLoop();
    const a = loop.createTask(sleep(0.1, 'a'));
    const b = loop.createTask(sleep(0.15, 'b'));
    function* foo(): Coro<[number, unknown][]> {
      const values: [number, unknown][] = [];
      for (const f of asCompleted([a, b], { timeout: 0.12 })) {
        try {
          values.push([1, yield* f]);
        } catch (error) {
          values.push([2, error]);
        }
      }
      return values;
    }
    const res = await loop.runUntilComplete(foo());
    expect(res).toHaveLength(2);
    expect(res[0]).toEqual([1, 'a']);
    expect(res[1]![0]).toBe(2);
    expect(res[1]![1]).toBeInstanceOf(TimeoutError);
    expect(loop.time()).toBeCloseTo(0.12, 12);
    expect(b.done()).toBe(false); // as_completed does not cancel what timed out
    await loop.runUntilComplete(wait([a, b]));
    expect(b.result()).toBe('b');
  });

  it('a timeout that is not reached changes nothing', async () => {
    // test_tasks.py: test_as_completed_with_unused_timeout
    const loop = virtualLoop();
    function* foo(): Coro<void> {
      for (const f of asCompleted([sleep(0.01, 'a')], { timeout: 1 })) {
        expect(yield* f).toBe('a');
      }
    }
    await loop.runUntilComplete(foo());
    expect(loop.time()).toBeCloseTo(0.01, 12);
  });

  it('the k-th coroutine gives the k-th arrival, whichever is awaited first', async () => {
    // test_tasks.py: test_as_completed_reverse_wait
    const loop = virtualLoop();
    function* test(): Coro<void> {
      const futs = asCompleted([sleep(0.05, 'a'), sleep(0.1, 'b')]);
      expect(futs).toHaveLength(2);
      const x = yield* futs[1]!;
      expect(x).toBe('a');
      expect(loop.time()).toBeCloseTo(0.05, 12);
      const y = yield* futs[0]!;
      expect(y).toBe('b');
      expect(loop.time()).toBeCloseTo(0.1, 12);
    }
    await loop.runUntilComplete(test());
  });

  it('its coroutines can be awaited concurrently as tasks', async () => {
    // test_tasks.py: test_as_completed_concurrent
    const loop = virtualLoop();
    function* test(): Coro<void> {
      const futs = asCompleted([sleep(0.05, 'a'), sleep(0.05, 'b')]);
      expect(futs).toHaveLength(2);
      const [done, pending] = yield* wait(futs.map((fut) => loop.ensureFuture(fut)));
      expect(pending.size).toBe(0);
      expect(new Set([...done].map((f) => f.result()))).toEqual(new Set(['a', 'b']));
    }
    await loop.runUntilComplete(test());
  });

  it('the same coroutine passed twice counts once', async () => {
    // test_tasks.py: test_as_completed_duplicate_coroutines
    const loop = virtualLoop();
    function* runner(): Coro<string[]> {
      const result: string[] = [];
      const c = sync(() => 'ham');
      for (const f of asCompleted([c, c, sync(() => 'spam')])) result.push(yield* f);
      return result;
    }
    const result = await loop.runUntilComplete(runner());
    expect(new Set(result)).toEqual(new Set(['ham', 'spam']));
    expect(result).toHaveLength(2);
  });

  it('coroutines need a running loop', () => {
    // test_tasks.py: test_as_completed_coroutine_without_loop
    expect(thrown(() => asCompleted([sync(() => 42)]))).toBeInstanceOf(RuntimeError);
  });

  it('inside the loop a coroutine is run on the running loop', async () => {
    // test_tasks.py: test_as_completed_coroutine_use_running_loop
    const loop = virtualLoop();
    function* test(): Coro<void> {
      const futs = asCompleted([sync(() => 42)]);
      expect(futs).toHaveLength(1);
      expect(yield* futs[0]!).toBe(42);
    }
    await loop.runUntilComplete(test());
  });

  it('an exception arrives in its turn and the others still follow', async () => {
    // tasks.py as_completed._wait_for_one: `return f.result()  # May raise f.exception()`
    const loop = virtualLoop();
    function* fail(): Coro<string> {
      yield* sleep(0.1);
      throw new RangeError('second');
    }
    function* foo(): Coro<string[]> {
      const log: string[] = [];
      for (const f of asCompleted([sleep(0.2, 'third'), fail(), sleep(0.05, 'first')])) {
        try {
          log.push(yield* f);
        } catch (error) {
          log.push(`error: ${(error as Error).message}`);
        }
      }
      return log;
    }
    expect(await loop.runUntilComplete(foo())).toEqual(['first', 'error: second', 'third']);
  });

  it('nothing to wait for gives no coroutines', async () => {
    // tasks.py as_completed: `for _ in range(len(todo))` with an empty todo
    const loop = virtualLoop();
    expect(await loop.runUntilComplete(sync(() => asCompleted([], { timeout: 1 })))).toEqual([]);
  });
});
