/**
 * Future: ports of CPython 3.11 Lib/test/test_asyncio/test_futures.py (BaseFutureTests and
 * BaseFutureDoneCallbackTests). Each case names the CPython test it ports.
 */
import { describe, expect, it } from 'vitest';
import { CancelledError, InvalidStateError, RuntimeError } from './errors';
import { Future, setResultUnlessCancelled, type DoneCallback } from './future';
import { rejection, runBriefly, thrown, virtualLoop } from '../../test/loop/loop-support';

describe('Future state machine', () => {
  it('starts pending and can be cancelled', () => {
    // test_futures.py: test_initial_state
    const f = virtualLoop().createFuture<number>();
    expect(f.cancelled()).toBe(false);
    expect(f.done()).toBe(false);
    expect(f.state).toBe('PENDING');
    f.cancel();
    expect(f.cancelled()).toBe(true);
    expect(f.state).toBe('CANCELLED');
  });

  it('cancel: done, cancelled, result and exception raise CancelledError, no second cancel', () => {
    // test_futures.py: test_cancel
    const f = virtualLoop().createFuture<number>();
    expect(f.cancel()).toBe(true);
    expect(f.cancelled()).toBe(true);
    expect(f.done()).toBe(true);
    expect(() => f.result()).toThrow(CancelledError);
    expect(() => f.exception()).toThrow(CancelledError);
    expect(() => f.setResult(1)).toThrow(InvalidStateError);
    expect(() => f.setException(new Error('x'))).toThrow(InvalidStateError);
    expect(f.cancel()).toBe(false);
  });

  it('result: InvalidStateError while pending, then the value; the state is final', () => {
    // test_futures.py: test_result
    const f = virtualLoop().createFuture<number>();
    const early = thrown(() => f.result());
    expect(early).toBeInstanceOf(InvalidStateError);
    expect((early as Error).message).toBe('Result is not ready.');
    f.setResult(42);
    expect(f.cancelled()).toBe(false);
    expect(f.done()).toBe(true);
    expect(f.result()).toBe(42);
    expect(f.exception()).toBeUndefined();
    expect(() => f.setResult(43)).toThrow(InvalidStateError);
    expect(() => f.setException(new Error('x'))).toThrow(InvalidStateError);
    expect(f.cancel()).toBe(false);
    expect(f.result()).toBe(42);
  });

  it('exception: InvalidStateError while pending, then result() raises it and exception() gives it', () => {
    // test_futures.py: test_exception
    const exc = new RangeError('boom');
    const f = virtualLoop().createFuture<number>();
    const early = thrown(() => f.exception());
    expect(early).toBeInstanceOf(InvalidStateError);
    expect((early as Error).message).toBe('Exception is not set.');
    f.setException(exc);
    expect(f.cancelled()).toBe(false);
    expect(f.done()).toBe(true);
    expect(thrown(() => f.result())).toBe(exc);
    expect(f.exception()).toBe(exc);
    expect(f.failed()).toBe(true);
    expect(() => f.setResult(1)).toThrow(InvalidStateError);
    expect(() => f.setException(new Error('x'))).toThrow(InvalidStateError);
    expect(f.cancel()).toBe(false);
  });

  it('the cancel message reaches whoever awaits the future', async () => {
    // test_futures.py: test_future_cancel_message_getter
    const loop = virtualLoop();
    const f = loop.createFuture<number>();
    f.cancel('my message');
    const error = await rejection(loop.runUntilComplete(f));
    expect(error).toBeInstanceOf(CancelledError);
    expect((error as Error).message).toBe('my message');
  });

  it('setResultUnlessCancelled leaves a cancelled future cancelled', () => {
    // test_futures.py: test_set_result_unless_cancelled
    const f = virtualLoop().createFuture<number>();
    f.cancel();
    setResultUnlessCancelled(f, 2);
    expect(f.cancelled()).toBe(true);
  });
});

describe('Future as an awaitable (yield*)', () => {
  it('yield* yields the pending future once; a second yield* of the done future does not yield', () => {
    // test_futures.py: test_yield_from_twice
    const f = virtualLoop().createFuture<number>();
    function* fixture(): Generator<unknown, void, unknown> {
      yield 'A';
      const x = yield* f;
      yield ['B', x];
      const y = yield* f;
      yield ['C', y];
    }
    const g = fixture();
    expect(g.next().value).toBe('A');
    expect(g.next().value).toBe(f); // the first yield* f
    f.setResult(42);
    expect(g.next().value).toEqual(['B', 42]);
    expect(g.next().value).toEqual(['C', 42]); // the second yield* f does not yield f
  });

  it('resuming the iterator while the future is still pending raises RuntimeError', () => {
    // test_futures.py: test_iter ("await wasn't used with future")
    const f = virtualLoop().createFuture<number>();
    function* coro(): Generator<unknown, void, unknown> {
      yield* f;
    }
    const error = thrown(() => {
      const [first, second] = coro(); // unpacking drives the generator twice, like Python's
      return [first, second];
    });
    expect(error).toBeInstanceOf(RuntimeError);
    expect((error as Error).message).toBe("yield* wasn't used with a future");
    f.cancel();
  });

  it('iterating a done future returns its result without yielding', () => {
    // test_futures.py: test_future_stop_iteration_args
    const f = virtualLoop().createFuture<[number, number]>();
    f.setResult([1, 2]);
    const step = f[Symbol.iterator]().next();
    expect(step.done).toBe(true);
    expect(step.value).toEqual([1, 2]);
  });

  it('after an exception thrown into the iterator, the iterator is finished', () => {
    // test_futures.py: test_futureiter_send_after_throw_no_crash
    const f = virtualLoop().createFuture<number>();
    const iter = f[Symbol.iterator]();
    iter.next();
    expect(() => iter.throw(new RuntimeError('thrown in'))).toThrow('thrown in');
    expect(iter.next().done).toBe(true);
    f.cancel();
  });
});

describe('Future done callbacks', () => {
  function bagAppender<T>(bag: unknown[], thing: unknown): DoneCallback<T> {
    return () => {
      bag.push(thing);
    };
  }

  function threeCallbacks(bag: unknown[]): [Future<string>, DoneCallback<string>[]] {
    const f = virtualLoop().createFuture<string>();
    const cbs = [bagAppender<string>(bag, 42), bagAppender<string>(bag, 17), bagAppender<string>(bag, 100)];
    for (const cb of cbs) f.addDoneCallback(cb);
    return [f, cbs];
  }

  it('are scheduled on the loop, in order, and never called inside setResult', async () => {
    // test_futures.py: test_callbacks_invoked_on_set_result
    const bag: unknown[] = [];
    const f = virtualLoop().createFuture<string>();
    f.addDoneCallback(bagAppender(bag, 42));
    f.addDoneCallback(bagAppender(bag, 17));
    expect(bag).toEqual([]);
    f.setResult('foo');
    expect(bag).toEqual([]); // scheduled, not called inline
    await runBriefly(f.loop);
    expect(bag).toEqual([42, 17]);
    expect(f.result()).toBe('foo');
  });

  it('run after setException too', async () => {
    // test_futures.py: test_callbacks_invoked_on_set_exception
    const bag: unknown[] = [];
    const f = virtualLoop().createFuture<string>();
    f.addDoneCallback(bagAppender(bag, 100));
    const exc = new RangeError('x');
    f.setException(exc);
    expect(bag).toEqual([]);
    await runBriefly(f.loop);
    expect(bag).toEqual([100]);
    expect(f.exception()).toBe(exc);
  });

  it('run after cancel and receive the future itself', async () => {
    // test_futures.py: BaseFutureDoneCallbackTests (callbacks get the future; cancel schedules them)
    const f = virtualLoop().createFuture<string>();
    const seen: Future<string>[] = [];
    f.addDoneCallback((fut) => seen.push(fut));
    f.cancel();
    expect(seen).toEqual([]);
    await runBriefly(f.loop);
    expect(seen.length).toBe(1);
    expect(seen[0]).toBe(f); // toEqual would iterate the future: compare identity
  });

  it('added to a done future are scheduled, not called at once', async () => {
    // futures.py add_done_callback: "If the future is already done when this is called, the callback is scheduled with call_soon"
    const f = virtualLoop().createFuture<string>();
    f.setResult('done');
    const bag: unknown[] = [];
    f.addDoneCallback(bagAppender(bag, 1));
    expect(bag).toEqual([]);
    await runBriefly(f.loop);
    expect(bag).toEqual([1]);
  });

  it('removing the first callback (twice) leaves the others', async () => {
    // test_futures.py: test_callbacks_remove_first_callback
    const bag: unknown[] = [];
    const [f, [cb1]] = threeCallbacks(bag);
    f.removeDoneCallback(cb1!);
    f.removeDoneCallback(cb1!);
    f.setResult('foo');
    await runBriefly(f.loop);
    expect(bag).toEqual([17, 100]);
    expect(f.result()).toBe('foo');
  });

  it('removing the first and second callbacks leaves the third', async () => {
    // test_futures.py: test_callbacks_remove_first_and_second_callback
    const bag: unknown[] = [];
    const [f, [cb1, cb2]] = threeCallbacks(bag);
    f.removeDoneCallback(cb1!);
    f.removeDoneCallback(cb2!);
    f.removeDoneCallback(cb1!);
    f.setResult('foo');
    await runBriefly(f.loop);
    expect(bag).toEqual([100]);
  });

  it('removing the third callback leaves the first two', async () => {
    // test_futures.py: test_callbacks_remove_third_callback
    const bag: unknown[] = [];
    const [f, [, , cb3]] = threeCallbacks(bag);
    f.removeDoneCallback(cb3!);
    f.removeDoneCallback(cb3!);
    f.setResult('foo');
    await runBriefly(f.loop);
    expect(bag).toEqual([42, 17]);
  });

  it('removeDoneCallback removes every registration and counts them', async () => {
    // test_futures.py: test_remove_done_callback
    const bag: unknown[] = [];
    const f = virtualLoop().createFuture<string>();
    const cb1 = bagAppender<string>(bag, 1);
    const cb2 = bagAppender<string>(bag, 2);
    const cb3 = bagAppender<string>(bag, 3);
    f.addDoneCallback(cb1);
    f.addDoneCallback(cb2);
    expect(f.removeDoneCallback(cb2)).toBe(1);
    expect(f.removeDoneCallback(cb3)).toBe(0);
    f.addDoneCallback(cb2);
    for (let i = 0; i < 5; i++) f.addDoneCallback(cb1);
    expect(f.removeDoneCallback(cb1)).toBe(6);
    expect(bag).toEqual([]);
    f.setResult('foo');
    await runBriefly(f.loop);
    expect(bag).toEqual([2]);
  });

  it('once the future is done its callbacks are already scheduled: removing one then is a no-op', async () => {
    // test_futures.py: test_schedule_callbacks_list_mutation_1
    const bag: unknown[] = [];
    const f = virtualLoop().createFuture<number>();
    const other = bagAppender<number>(bag, 'other');
    let removed = -1;
    f.addDoneCallback((fut) => {
      removed = fut.removeDoneCallback(other);
      bag.push('mut');
    });
    f.addDoneCallback(other);
    f.addDoneCallback(other);
    f.setResult(1);
    await runBriefly(f.loop);
    expect(removed).toBe(0);
    expect(bag).toEqual(['mut', 'other', 'other']);
  });
});
