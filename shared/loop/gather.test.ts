/**
 * gather: ports of CPython 3.11 Lib/test/test_asyncio/test_tasks.py (GatherTestsBase,
 * FutureGatherTests, CoroutineGatherTests, and the test_cancel_gather_* cases of BaseTaskTests).
 */
import { describe, expect, it } from 'vitest';
import { CancelledError, RuntimeError } from './errors';
import type { EventLoop, LoopExceptionContext } from './event-loop';
import type { Awaitable, Coro, Future } from './future';
import { gather, type GatherOptions } from './gather';
import { sleep } from './sleep';
import type { Task } from './task';
import { rejection, runBriefly, sync, thrown, virtualLoop } from '../../test/loop/loop-support';

class ZeroDivisionError extends Error {
  override readonly name = 'ZeroDivisionError';
}

/** GatherTestsBase._run_loop: run until nothing is left to do now (a few brief runs suffice here). */
async function runLoop(loop: EventLoop): Promise<void> {
  for (let i = 0; i < 4; i++) await runBriefly(loop);
}

/** Records calls like test_utils.MockCallback. */
function mockCallback(): { calls: Future<unknown[]>[]; cb: (f: Future<unknown[]>) => void } {
  const calls: Future<unknown[]>[] = [];
  return { calls, cb: (f) => calls.push(f) };
}

function futures(loop: EventLoop, n: number): Future<number>[] {
  return Array.from({ length: n }, () => loop.createFuture<number>());
}

interface Variant {
  name: string;
  /** wrap_futures: the futures themselves, or coroutines awaiting them. */
  wrap(futs: Future<number>[]): Awaitable<unknown>[];
  /** _gather: called outside the loop for futures, inside it for coroutines. */
  gather(loop: EventLoop, aws: Awaitable<unknown>[], options?: GatherOptions): Promise<Future<unknown[]>>;
}

const variants: Variant[] = [
  {
    name: 'FutureGatherTests',
    wrap: (futs) => futs,
    gather: (_loop, aws, options) => Promise.resolve(gather(aws, options)),
  },
  {
    name: 'CoroutineGatherTests',
    wrap: (futs) =>
      futs.map(function* (fut): Coro<number> {
        return yield* fut;
      }),
    gather: (loop, aws, options) => loop.runUntilComplete(sync(() => gather(aws, options))),
  },
];

for (const variant of variants) {
  describe(`gather with ${variant.name}`, () => {
    for (const returnExceptions of [false, true]) {
      it(`gives results in argument order once all are done (returnExceptions=${returnExceptions})`, async () => {
        // test_tasks.py: GatherTestsBase.test_success / test_result_exception_success
        const loop = virtualLoop();
        const [a, b, c] = futures(loop, 3) as [Future<number>, Future<number>, Future<number>];
        const fut = await variant.gather(loop, variant.wrap([a, b, c]), { returnExceptions });
        const { calls, cb } = mockCallback();
        fut.addDoneCallback(cb);
        b.setResult(1);
        a.setResult(2);
        await runLoop(loop);
        expect(calls).toHaveLength(0);
        expect(fut.done()).toBe(false);
        c.setResult(3);
        await runLoop(loop);
        expect(calls).toHaveLength(1);
        expect(calls[0]).toBe(fut);
        expect(fut.result()).toEqual([2, 1, 3]);
      });
    }

    it('the first exception fails the outer future; later events change nothing', async () => {
      // test_tasks.py: GatherTestsBase.test_one_exception
      const loop = virtualLoop();
      const handled: LoopExceptionContext[] = [];
      loop.exceptionHandler = (context) => handled.push(context);
      const [a, b, c, d, e] = futures(loop, 5) as Future<number>[];
      const fut = await variant.gather(loop, variant.wrap([a!, b!, c!, d!, e!]));
      const { calls, cb } = mockCallback();
      fut.addDoneCallback(cb);
      const exc = new ZeroDivisionError();
      a!.setResult(1);
      b!.setException(exc);
      await runLoop(loop);
      expect(fut.done()).toBe(true);
      expect(calls).toHaveLength(1);
      expect(fut.exception()).toBe(exc);
      // Does nothing
      c!.setResult(3);
      d!.cancel();
      e!.setException(new RuntimeError());
      await runLoop(loop);
      expect(fut.exception()).toBe(exc);
      expect(handled).toEqual([]);
    });

    it('returnExceptions puts exceptions in the result list', async () => {
      // test_tasks.py: GatherTestsBase.test_return_exceptions
      const loop = virtualLoop();
      const [a, b, c, d] = futures(loop, 4) as Future<number>[];
      const fut = await variant.gather(loop, variant.wrap([a!, b!, c!, d!]), { returnExceptions: true });
      const { calls, cb } = mockCallback();
      fut.addDoneCallback(cb);
      const exc = new ZeroDivisionError();
      const exc2 = new RuntimeError();
      b!.setResult(1);
      c!.setException(exc);
      a!.setResult(3);
      await runLoop(loop);
      expect(fut.done()).toBe(false);
      d!.setException(exc2);
      await runLoop(loop);
      expect(fut.done()).toBe(true);
      expect(calls).toHaveLength(1);
      const result = fut.result();
      expect(result).toHaveLength(4);
      expect(result[0]).toBe(3);
      expect(result[1]).toBe(1);
      expect(result[2]).toBe(exc);
      expect(result[3]).toBe(exc2);
    });
  });
}

describe('gather with futures (FutureGatherTests)', () => {
  it('with nothing to gather, outside a running loop, raises RuntimeError', () => {
    // test_tasks.py: FutureGatherTests.test_constructor_empty_sequence_without_loop
    expect(thrown(() => gather([]))).toBeInstanceOf(RuntimeError);
  });

  it('with nothing to gather, inside the loop, gives a done future with []', async () => {
    // test_tasks.py: FutureGatherTests.test_constructor_empty_sequence_use_running_loop
    const loop = virtualLoop();
    const fut = await loop.runUntilComplete(sync(() => gather([])));
    expect(fut.loop).toBe(loop);
    expect(fut.done()).toBe(true);
    expect(fut.result()).toEqual([]);
  });

  it('refuses futures of different loops', () => {
    // test_tasks.py: FutureGatherTests.test_constructor_heterogenous_futures (CPython: ValueError)
    const fut1 = virtualLoop().createFuture<number>();
    const fut2 = virtualLoop().createFuture<number>();
    expect(() => gather([fut1, fut2])).toThrow(/different loop/);
  });

  it('the outer future belongs to the children’s loop', async () => {
    // test_tasks.py: FutureGatherTests.test_constructor_homogenous_futures
    const otherLoop = virtualLoop();
    const children = futures(otherLoop, 3);
    const fut = gather(children);
    expect(fut.loop).toBe(otherLoop);
    await runLoop(otherLoop);
    expect(fut.done()).toBe(false);
  });

  it('a cancelled child fails the outer future with CancelledError; it is not itself cancelled', async () => {
    // test_tasks.py: FutureGatherTests.test_one_cancellation
    const loop = virtualLoop();
    const [a, b, c, d, e] = futures(loop, 5) as Future<number>[];
    const fut = gather([a!, b!, c!, d!, e!]);
    const { calls, cb } = mockCallback();
    fut.addDoneCallback(cb);
    a!.setResult(1);
    b!.cancel();
    await runLoop(loop);
    expect(fut.done()).toBe(true);
    expect(calls).toHaveLength(1);
    expect(fut.cancelled()).toBe(false);
    expect(fut.exception()).toBeInstanceOf(CancelledError);
    // Does nothing
    c!.setResult(3);
    d!.cancel();
    e!.setException(new RuntimeError());
    await runLoop(loop);
  });

  it('with returnExceptions a cancelled child gives a CancelledError in its place', async () => {
    // test_tasks.py: FutureGatherTests.test_result_exception_one_cancellation
    const loop = virtualLoop();
    const [a, b, c, d, e, f] = futures(loop, 6) as Future<number>[];
    const fut = gather([a!, b!, c!, d!, e!, f!], { returnExceptions: true });
    const { calls, cb } = mockCallback();
    fut.addDoneCallback(cb);
    a!.setResult(1);
    const zde = new ZeroDivisionError();
    b!.setException(zde);
    c!.cancel();
    await runLoop(loop);
    expect(fut.done()).toBe(false);
    d!.setResult(3);
    e!.cancel();
    const rte = new RuntimeError();
    f!.setException(rte);
    const res = await loop.runUntilComplete(fut);
    expect(res[2]).toBeInstanceOf(CancelledError);
    expect(res[4]).toBeInstanceOf(CancelledError);
    expect([res[0], res[1], res[3], res[5]]).toEqual([1, zde, 3, rte]);
    expect(res[1]).toBe(zde);
    expect(res[5]).toBe(rte);
    expect(calls).toHaveLength(1);
  });

  it('a cancelled child in the results carries its own cancel message; a task that raised it carries none', async () => {
    // gather()._done_callback: CancelledError('' if fut._cancel_message is None else fut._cancel_message)
    // (checked against CPython 3.11.2: a cancelled task child gives CancelledError(''))
    const loop = virtualLoop();
    function* main(): Coro<unknown[]> {
      const waiting = loop.createFuture<void>();
      const task = loop.createTask(
        (function* (): Coro<void> {
          yield* waiting;
        })(),
      );
      const plain = loop.createFuture<void>();
      yield* sleep(0);
      const outer = gather([task, plain], { returnExceptions: true });
      task.cancel('m3');
      plain.cancel('m4');
      return yield* outer;
    }
    const [fromTask, fromFuture] = await loop.runUntilComplete(main());
    expect(fromTask).toBeInstanceOf(CancelledError);
    expect((fromTask as Error).message).toBe('');
    expect(fromFuture).toBeInstanceOf(CancelledError);
    expect((fromFuture as Error).message).toBe('m4');
  });
});

describe('gather with coroutines (CoroutineGatherTests)', () => {
  it('outside a running loop, coroutines cannot be gathered', () => {
    // test_tasks.py: CoroutineGatherTests.test_constructor_without_loop
    expect(thrown(() => gather([sync(() => 'abc'), sync(() => 'abc')]))).toBeInstanceOf(RuntimeError);
  });

  it('inside the loop, the outer future belongs to the running loop', async () => {
    // test_tasks.py: CoroutineGatherTests.test_constructor_use_running_loop
    const loop = virtualLoop();
    const fut = await loop.runUntilComplete(sync(() => gather([sync(() => 'abc'), sync(() => 'abc')])));
    expect(fut.loop).toBe(loop);
    expect(await loop.runUntilComplete(fut)).toEqual(['abc', 'abc']);
  });

  it('the same coroutine passed several times runs once and fills every place', async () => {
    // test_tasks.py: CoroutineGatherTests.test_duplicate_coroutines
    const loop = virtualLoop();
    let runs = 0;
    function* coro(s: string): Coro<string> {
      runs++;
      yield* sleep(0);
      return s;
    }
    const c = coro('abc');
    const fut = await loop.runUntilComplete(sync(() => gather([c, c, coro('def'), c])));
    await runLoop(loop);
    expect(fut.result()).toEqual(['abc', 'abc', 'def', 'abc']);
    expect(runs).toBe(2);
  });

  it('cancelling the task that awaits gather cancels every child', async () => {
    // test_tasks.py: CoroutineGatherTests.test_cancellation_broadcast
    const loop = virtualLoop();
    let proof = 0;
    const waiter = loop.createFuture<void>();
    function* inner(): Coro<void> {
      yield* waiter;
      proof += 1;
    }
    const child1 = loop.ensureFuture(inner());
    const child2 = loop.ensureFuture(inner());
    let gatherer: Future<unknown[]> | null = null;
    function* outer(): Coro<void> {
      gatherer = gather([child1, child2]);
      yield* gatherer;
      proof += 100;
    }
    const f = loop.ensureFuture(outer());
    await runBriefly(loop);
    expect(f.cancel()).toBe(true);
    expect(await rejection(loop.runUntilComplete(f))).toBeInstanceOf(CancelledError);
    expect(gatherer!.cancel()).toBe(false);
    expect(waiter.cancelled()).toBe(true);
    expect(child1.cancelled()).toBe(true);
    expect(child2.cancelled()).toBe(true);
    await runBriefly(loop);
    expect(proof).toBe(0);
  });

  it('an exception raised by a child after the first one is not lost for the awaiting task', async () => {
    // test_tasks.py: CoroutineGatherTests.test_exception_marking
    const loop = virtualLoop();
    function* inner(f: Future<void>): Coro<void> {
      yield* f;
      throw new RuntimeError('should not be ignored');
    }
    const a = loop.createFuture<void>();
    const b = loop.createFuture<void>();
    function* outer(): Coro<void> {
      yield* gather([inner(a), inner(b)]);
    }
    const f = loop.ensureFuture(outer());
    await runBriefly(loop);
    a.setResult(undefined);
    await runBriefly(loop);
    b.setResult(undefined);
    await runBriefly(loop);
    expect(f.exception()).toBeInstanceOf(RuntimeError);
  });

  it('a bad argument after a coroutine: TypeError, and the started child finishes quietly', async () => {
    // test_tasks.py: CoroutineGatherTests.test_issue46672
    const loop = virtualLoop();
    const handled: LoopExceptionContext[] = [];
    loop.exceptionHandler = (context) => handled.push(context);
    const error = await rejection(
      loop.runUntilComplete(sync(() => gather([sync(() => 'abc'), {} as unknown as Future<string>]))),
    );
    expect(error).toBeInstanceOf(TypeError);
    await runLoop(loop);
    expect(handled).toEqual([]);
  });
});

describe('gather: cancellation of the outer future', () => {
  it('cancel() cancels the children; the outer future then fails with CancelledError', async () => {
    // tasks.py _GatheringFuture.cancel (checked against CPython 3.11.2: outer.cancelled() is False)
    const loop = virtualLoop();
    const a = loop.createTask(sleep(10));
    const b = loop.createTask(sleep(10));
    await runBriefly(loop);
    const outer = gather([a, b]);
    expect(outer.cancel()).toBe(true);
    expect(await rejection(loop.runUntilComplete(outer))).toBeInstanceOf(CancelledError);
    expect(a.cancelled()).toBe(true);
    expect(b.cancelled()).toBe(true);
    expect(outer.cancelled()).toBe(false);
    expect(outer.exception()).toBeInstanceOf(CancelledError);
    expect(loop.time()).toBe(0);
  });

  it('refuses to be cancelled once all children are done', async () => {
    // test_tasks.py: test_cancel_gather_1 (Python issue #26923)
    const loop = virtualLoop();
    const fut = loop.createFuture<number>();
    function* childCoro(): Coro<number> {
      return yield* fut;
    }
    const gatherTask = await loop.runUntilComplete(sync(() => loop.ensureFuture(gather([childCoro()]))));
    let cancelResult: boolean | null = null;
    fut.addDoneCallback(() => {
      cancelResult = gatherTask.cancel();
    });
    fut.setResult(42);
    await loop.runUntilComplete(gatherTask);
    expect(cancelResult).toBe(false);
    expect(gatherTask.cancelled()).toBe(false);
    expect(gatherTask.result()).toEqual([42]);
  });

  it('the cancel message of a task awaiting gather(returnExceptions) reaches its caller', async () => {
    // test_tasks.py: test_cancel_gather_2
    for (const message of [undefined, 'my message']) {
      const loop = virtualLoop();
      function* test(): Coro<void> {
        let time = 0;
        for (;;) {
          time += 0.05;
          yield* gather([sleep(0.05)], { returnExceptions: true });
          if (time > 1) return;
        }
      }
      function* main(): Coro<void> {
        const qwe = loop.createTask(test());
        yield* sleep(0.2);
        qwe.cancel(message);
        yield* qwe;
      }
      const error = await rejection(loop.runUntilComplete(main()));
      expect(error).toBeInstanceOf(CancelledError);
      expect((error as Error).message).toBe(message ?? '');
    }
  });

  it('with returnExceptions the raised CancelledError comes from the last child in argument order', async () => {
    // gather()._done_callback uses `fut` after `for fut in children` (checked against CPython 3.11.2)
    const loop = virtualLoop();
    function* swallowLate(): Coro<string> {
      try {
        yield* sleep(10);
      } catch {
        yield* sleep(0);
      }
      return 'swallowed';
    }
    function* main(firstSwallows: boolean, message: string): Coro<unknown> {
      const swallower = loop.createTask(swallowLate());
      const sleeper = loop.createTask(sleep(10));
      yield* sleep(0);
      const outer = gather(firstSwallows ? [swallower, sleeper] : [sleeper, swallower], {
        returnExceptions: true,
      });
      outer.cancel(message);
      try {
        yield* outer;
      } catch (error) {
        return error;
      }
      return null;
    }
    // The last child was cancelled: its CancelledError (with the message) is raised.
    const lastCancelled = await loop.runUntilComplete(main(true, 'm7'));
    expect(lastCancelled).toBeInstanceOf(CancelledError);
    expect((lastCancelled as Error).message).toBe('m7');
    // The last child swallowed the cancel: a bare CancelledError.
    const lastSwallowed = await loop.runUntilComplete(main(false, 'm8'));
    expect(lastSwallowed).toBeInstanceOf(CancelledError);
    expect((lastSwallowed as Error).message).toBe('');
  });
});

describe('gather: order and failure', () => {
  it('results follow argument order, not completion order', async () => {
    // test_tasks.py: GatherTestsBase.test_success (with timers instead of hand-set futures)
    const loop = virtualLoop();
    const order: string[] = [];
    function* after(delay: number, name: string): Coro<string> {
      yield* sleep(delay);
      order.push(name);
      return name;
    }
    const result = await loop.run(
      (function* (): Coro<unknown[]> {
        return yield* gather([after(0.3, 'slow'), after(0.1, 'fast'), after(0.2, 'middle')]);
      })(),
    );
    expect(result).toEqual(['slow', 'fast', 'middle']);
    expect(order).toEqual(['fast', 'middle', 'slow']);
    expect(loop.time()).toBeCloseTo(0.3, 12);
  });

  it('the first failure fails gather at once and leaves the other children running', async () => {
    // test_tasks.py: GatherTestsBase.test_one_exception (the other children are not cancelled)
    const loop = virtualLoop();
    const exc = new ZeroDivisionError();
    let slow: Task<string> | null = null;
    function* failSoon(): Coro<string> {
      yield* sleep(0.1);
      throw exc;
    }
    function* main(): Coro<unknown> {
      slow = loop.createTask(sleep(1, 'slow'));
      try {
        yield* gather([slow, failSoon()]);
      } catch (error) {
        expect(error).toBe(exc);
        expect(loop.time()).toBeCloseTo(0.1, 12);
        expect(slow.done()).toBe(false);
        return yield* slow;
      }
      return null;
    }
    expect(await loop.runUntilComplete(main())).toBe('slow');
    expect(loop.time()).toBeCloseTo(1, 12);
  });
});
