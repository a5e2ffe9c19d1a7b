/**
 * Task: ports of CPython 3.11 Lib/test/test_asyncio/test_tasks.py (BaseTaskTests, SetMethodsTest,
 * SleepTests). Coroutines are generator functions; `yield*` is `await`.
 */
import { describe, expect, it } from 'vitest';
import { CancelledError, InvalidStateError, RuntimeError } from './errors';
import { EventLoop, type LoopExceptionContext } from './event-loop';
import { Future, type Coro, type Yielded } from './future';
import { sleep } from './sleep';
import { Task } from './task';
import { wait } from './wait';
import { rejection, runBriefly, sync, thrown, virtualLoop } from '../../test/loop/loop-support';

class ZeroDivisionError extends Error {
  override readonly name = 'ZeroDivisionError';
}

describe('Task basics', () => {
  it('runs its coroutine to a result on its loop', async () => {
    // test_tasks.py: test_task_class
    const loop = virtualLoop();
    const t = loop.createTask(sync(() => 'ok'));
    expect(await loop.runUntilComplete(t)).toBe('ok');
    expect(t.done()).toBe(true);
    expect(t.result()).toBe('ok');
    expect(t.loop).toBe(loop);
  });

  it('awaits coroutines inline with yield*', async () => {
    // test_tasks.py: test_task_basics
    function* inner1(): Coro<number> {
      return yield* sync(() => 42);
    }
    function* inner2(): Coro<number> {
      return yield* sync(() => 1000);
    }
    function* outer(): Coro<number> {
      const a = yield* inner1();
      const b = yield* inner2();
      return a + b;
    }
    expect(await virtualLoop().runUntilComplete(outer())).toBe(1042);
  });

  it('ensureFuture wraps a coroutine in a task and gives a future back unchanged', async () => {
    // test_tasks.py: test_ensure_future_coroutine, test_ensure_future_future, test_ensure_future_task
    const loop = virtualLoop();
    const t = loop.ensureFuture(sync(() => 'ok'));
    expect(t).toBeInstanceOf(Task);
    expect(t.loop).toBe(loop);
    expect(await loop.runUntilComplete(t)).toBe('ok');
    const f = loop.createFuture<string>();
    f.setResult('ko');
    expect(loop.ensureFuture(f)).toBe(f);
    expect(loop.ensureFuture(t)).toBe(t);
    expect(() => virtualLoop().ensureFuture(f)).toThrow(/different loop/);
  });

  it('ensureFuture refuses what is neither a future nor a coroutine', () => {
    // test_tasks.py: test_ensure_future_neither
    const loop = virtualLoop();
    expect(() => loop.ensureFuture('ok' as unknown as Future<string>)).toThrow(TypeError);
  });

  it('a task awaiting itself fails with RuntimeError', async () => {
    // test_tasks.py: test_task_awaits_on_itself
    const loop = virtualLoop();
    function* test(): Coro<void> {
      yield* task;
    }
    const task: Task<void> = loop.createTask(test());
    const error = await rejection(loop.runUntilComplete(task));
    expect(error).toBeInstanceOf(RuntimeError);
    expect((error as Error).message).toMatch(/Task cannot await on itself/);
  });

  it('awaiting a future of another loop fails with RuntimeError', async () => {
    // test_tasks.py: test_other_loop_future
    const otherLoop = virtualLoop();
    const fut = otherLoop.createFuture<void>();
    function* run(): Coro<void> {
      yield* fut;
    }
    const error = await rejection(virtualLoop().runUntilComplete(run()));
    expect(error).toBeInstanceOf(RuntimeError);
    expect((error as Error).message).toMatch(/Task .* got a future attached to a different loop/);
  });

  it('`yield fut` instead of `yield* fut` fails the task with RuntimeError', async () => {
    // test_tasks.py / tasks.py __step: "yield was used instead of yield from in task ..."
    const loop = virtualLoop();
    const fut = loop.createFuture<number>();
    function* wrong(): Coro<void> {
      yield fut; // the mistake: the task gets the future without _blocking set
    }
    const error = await rejection(loop.runUntilComplete(wrong()));
    expect(error).toBeInstanceOf(RuntimeError);
    expect((error as Error).message).toMatch(/yield was used instead of yield\* in task/);
  });

  it('yielding something that is not a future fails the task with RuntimeError', async () => {
    // tasks.py __step: "Task got bad yield"
    function* bad(): Coro<void> {
      yield 42 as unknown as Yielded;
    }
    const error = await rejection(virtualLoop().runUntilComplete(bad()));
    expect(error).toBeInstanceOf(RuntimeError);
    expect((error as Error).message).toBe('Task got bad yield: 42');
  });

  it('refuses setResult and setException', async () => {
    // test_tasks.py: test_task_set_methods
    const loop = virtualLoop();
    const task = loop.createTask(sync(() => 'ko'));
    expect(() => task.setResult('ok')).toThrow(/not support setResult/);
    expect(() => task.setException(new Error('x'))).toThrow(/not support setException/);
    expect(await loop.runUntilComplete(task)).toBe('ko');
  });

  it('the awaited future gives its result to the coroutine; the task waits on it', async () => {
    // test_tasks.py: test_step_result_future
    const loop = virtualLoop();
    const fut = loop.createFuture<object>();
    let result: object | null = null;
    function* waitForFuture(): Coro<void> {
      result = yield* fut;
    }
    const t = loop.createTask(waitForFuture());
    await runBriefly(loop);
    expect(t.waitingOn).toBe(fut);
    const res = {};
    fut.setResult(res);
    await runBriefly(loop);
    expect(result).toBe(res);
    expect(t.done()).toBe(true);
    expect(t.result()).toBeUndefined();
  });

  it('a coroutine may return a future as a plain value', async () => {
    // test_tasks.py: test_coroutine_non_gen_function_return_future
    const loop = virtualLoop();
    const fut = loop.createFuture<string>();
    const t1 = loop.createTask(sync(() => fut));
    const t2 = loop.createTask(sync(() => fut.setResult('test')));
    expect(await loop.runUntilComplete(t1)).toBe(fut);
    expect(t2.result()).toBeUndefined();
  });

  it('the exception of a failed task is there one iteration later', async () => {
    // test_tasks.py: test_exception_traceback
    const loop = virtualLoop();
    function* main(): Coro<void> {
      const task = loop.createTask(
        sync(() => {
          throw new ZeroDivisionError('division by zero');
        }),
      );
      yield* sleep(0);
      expect(task.exception()).toBeInstanceOf(ZeroDivisionError);
    }
    await loop.runUntilComplete(main());
  });

  it('currentTaskOrNull is the running task inside, null outside', async () => {
    // test_tasks.py: test_current_task
    const loop = virtualLoop();
    expect(loop.currentTaskOrNull()).toBeNull();
    let inside: Task<unknown> | null = null;
    const task = loop.createTask(sync(() => (inside = loop.currentTaskOrNull())));
    await loop.runUntilComplete(task);
    expect(inside).toBe(task);
    expect(loop.currentTaskOrNull()).toBeNull();
  });

  it('currentTaskOrNull follows interleaving tasks', async () => {
    // test_tasks.py: test_current_task_with_interleaving_tasks
    const loop = virtualLoop();
    const fut1 = loop.createFuture<boolean>();
    const fut2 = loop.createFuture<boolean>();
    const seen: [string, boolean][] = [];
    function* coro1(): Coro<void> {
      seen.push(['1a', loop.currentTaskOrNull() === task1]);
      yield* fut1;
      seen.push(['1b', loop.currentTaskOrNull() === task1]);
      fut2.setResult(true);
    }
    function* coro2(): Coro<void> {
      seen.push(['2a', loop.currentTaskOrNull() === task2]);
      fut1.setResult(true);
      yield* fut2;
      seen.push(['2b', loop.currentTaskOrNull() === task2]);
    }
    const task1 = loop.createTask(coro1());
    const task2 = loop.createTask(coro2());
    await loop.runUntilComplete(wait([task1, task2]));
    expect(seen).toEqual([
      ['1a', true],
      ['2a', true],
      ['1b', true],
      ['2b', true],
    ]);
    expect(loop.currentTaskOrNull()).toBeNull();
  });

  it('sleep waits exactly and returns its result', async () => {
    // test_tasks.py: test_sleep
    const loop = virtualLoop();
    function* sleeper(dt: number, arg: string): Coro<string> {
      yield* sleep(dt / 2);
      return yield* sleep(dt / 2, arg);
    }
    const t = loop.createTask(sleeper(0.1, 'yeah'));
    await loop.runUntilComplete(t);
    expect(t.result()).toBe('yeah');
    expect(loop.time()).toBeCloseTo(0.1, 12);
  });

  it('allTasks lists the unfinished tasks in creation order', async () => {
    // test_tasks.py: test_log_destroyed_pending_task (asyncio.all_tasks part)
    const loop = virtualLoop();
    const fut = loop.createFuture<void>();
    function* waitFut(): Coro<void> {
      yield* fut;
    }
    const a = loop.createTask(waitFut());
    const b = loop.createTask(sync(() => 1));
    const all = loop.allTasks();
    expect(all.length).toBe(2);
    expect(all[0]).toBe(a);
    expect(all[1]).toBe(b);
    await runBriefly(loop);
    expect(loop.allTasks().length).toBe(1);
    expect(loop.allTasks()[0]).toBe(a);
    fut.setResult(undefined);
    await loop.runUntilComplete(a);
    expect(loop.allTasks()).toHaveLength(0);
  });
});

describe('Task cancellation', () => {
  it('cancel from a callback while the task sleeps', async () => {
    // test_tasks.py: test_cancel
    const loop = virtualLoop();
    function* task(): Coro<number> {
      yield* sleep(10);
      return 12;
    }
    const t = loop.createTask(task());
    loop.callSoon(() => t.cancel());
    expect(await rejection(loop.runUntilComplete(t))).toBeInstanceOf(CancelledError);
    expect(t.done()).toBe(true);
    expect(t.cancelled()).toBe(true);
    expect(t.cancel()).toBe(false);
    expect(loop.time()).toBe(0); // the 10 s timer never fired
  });

  it('cancel before the task starts: the coroutine never runs', async () => {
    // test_tasks.py: test_cancel_with_message_before_starting_task
    const loop = virtualLoop();
    let started = false;
    let inner: Task<boolean> | null = null;
    function* coro(): Coro<void> {
      inner = loop.createTask(sync(() => (started = true)));
      // Deliberately no sleep(0) here: the task has not started.
      inner.cancel('my message');
      yield* wait([inner]);
      inner.exception();
    }
    const error = await rejection(loop.runUntilComplete(coro()));
    expect(error).toBeInstanceOf(CancelledError);
    expect((error as Error).message).toBe('my message');
    expect(started).toBe(false);
    expect(inner!.cancelled()).toBe(true);
    // The CancelledError was raised through the coroutine, so the task keeps no message:
    // a second result() raises a bare CancelledError (tasks.py __step: super().cancel()).
    expect((thrown(() => inner!.result()) as Error).message).toBe('');
  });

  it('the cancel message survives result() on a cancelled task, once', async () => {
    // test_tasks.py: test_cancel_with_message_then_future_result
    for (const message of [undefined, 'my message']) {
      const loop = virtualLoop();
      function* sleeper(): Coro<void> {
        yield* sleep(10);
      }
      let task: Task<void> | null = null;
      function* coro(): Coro<void> {
        task = loop.createTask(sleeper());
        yield* sleep(0);
        task.cancel(message);
        yield* wait([task]);
        task.result();
      }
      const error = await rejection(loop.runUntilComplete(coro()));
      expect(error).toBeInstanceOf(CancelledError);
      expect((error as Error).message).toBe(message ?? '');
      // A second result() makes a fresh CancelledError without the message (futures.py _make_cancelled_error).
      expect((thrown(() => task!.result()) as Error).message).toBe('');
    }
  });

  it('the cancel message also reaches exception()', async () => {
    // test_tasks.py: test_cancel_with_message_then_future_exception
    const loop = virtualLoop();
    function* coro(): Coro<void> {
      const task = loop.createTask(sleep(10));
      yield* sleep(0);
      task.cancel('my message');
      yield* wait([task]);
      task.exception();
    }
    const error = await rejection(loop.runUntilComplete(coro()));
    expect(error).toBeInstanceOf(CancelledError);
    expect((error as Error).message).toBe('my message');
  });

  it('the CancelledError that a cancelled awaited task raises carries the message', async () => {
    // test_tasks.py: test_cancellation_exception_context
    const loop = virtualLoop();
    const fut = loop.createFuture<void>();
    function* sleeper(): Coro<void> {
      fut.setResult(undefined);
      yield* sleep(10);
    }
    function* coro(): Coro<void> {
      const innerTask = loop.createTask(sleeper());
      yield* fut;
      loop.callSoon(() => innerTask.cancel('msg'));
      try {
        yield* innerTask;
      } catch (error) {
        throw new Error('cancelled', { cause: error });
      }
    }
    const error = await rejection(loop.runUntilComplete(coro()));
    expect((error as Error).message).toBe('cancelled');
    const cause = (error as Error).cause;
    expect(cause).toBeInstanceOf(CancelledError);
    expect((cause as Error).message).toBe('msg');
  });

  it('cancel while the task yields for one iteration (sleep(0))', async () => {
    // test_tasks.py: test_cancel_yield
    const loop = virtualLoop();
    function* task(): Coro<number> {
      yield* sleep(0);
      yield* sleep(0);
      return 12;
    }
    const t = loop.createTask(task());
    await runBriefly(loop);
    t.cancel();
    expect(await rejection(loop.runUntilComplete(t))).toBeInstanceOf(CancelledError);
    expect(t.cancelled()).toBe(true);
    expect(t.cancel()).toBe(false);
  });

  it('cancelling the awaited future cancels the task', async () => {
    // test_tasks.py: test_cancel_inner_future
    const loop = virtualLoop();
    const f = loop.createFuture<void>();
    function* task(): Coro<number> {
      yield* f;
      return 12;
    }
    const t = loop.createTask(task());
    await runBriefly(loop);
    f.cancel();
    expect(await rejection(loop.runUntilComplete(t))).toBeInstanceOf(CancelledError);
    expect(f.cancelled()).toBe(true);
    expect(t.cancelled()).toBe(true);
  });

  it('cancelling both the task and its future', async () => {
    // test_tasks.py: test_cancel_both_task_and_inner_future
    const loop = virtualLoop();
    const f = loop.createFuture<void>();
    function* task(): Coro<number> {
      yield* f;
      return 12;
    }
    const t = loop.createTask(task());
    await runBriefly(loop);
    f.cancel();
    t.cancel();
    expect(await rejection(loop.runUntilComplete(t))).toBeInstanceOf(CancelledError);
    expect(t.done()).toBe(true);
    expect(f.cancelled()).toBe(true);
    expect(t.cancelled()).toBe(true);
  });

  it('a coroutine that catches CancelledError and returns is not cancelled', async () => {
    // test_tasks.py: test_cancel_task_catching
    const loop = virtualLoop();
    const fut1 = loop.createFuture<void>();
    const fut2 = loop.createFuture<void>();
    function* task(): Coro<number | undefined> {
      yield* fut1;
      try {
        yield* fut2;
      } catch (error) {
        if (error instanceof CancelledError) return 42;
        throw error;
      }
      return undefined;
    }
    const t = loop.createTask(task());
    await runBriefly(loop);
    expect(t.waitingOn).toBe(fut1);
    fut1.setResult(undefined);
    await runBriefly(loop);
    expect(t.waitingOn).toBe(fut2);
    t.cancel();
    expect(fut2.cancelled()).toBe(true);
    expect(await loop.runUntilComplete(t)).toBe(42);
    expect(t.cancelled()).toBe(false);
  });

  it('a coroutine that ignores CancelledError goes on awaiting', async () => {
    // test_tasks.py: test_cancel_task_ignoring
    const loop = virtualLoop();
    const fut1 = loop.createFuture<void>();
    const fut2 = loop.createFuture<void>();
    const fut3 = loop.createFuture<number>();
    function* task(): Coro<number> {
      yield* fut1;
      try {
        yield* fut2;
      } catch (error) {
        if (!(error instanceof CancelledError)) throw error;
      }
      return yield* fut3;
    }
    const t = loop.createTask(task());
    await runBriefly(loop);
    expect(t.waitingOn).toBe(fut1);
    fut1.setResult(undefined);
    await runBriefly(loop);
    expect(t.waitingOn).toBe(fut2);
    t.cancel();
    expect(fut2.cancelled()).toBe(true);
    await runBriefly(loop);
    expect(t.waitingOn).toBe(fut3);
    fut3.setResult(42);
    expect(await loop.runUntilComplete(t)).toBe(42);
    expect(fut3.cancelled()).toBe(false);
    expect(t.cancelled()).toBe(false);
  });

  it('a task cancelling itself: its next await is cancelled at once', async () => {
    // test_tasks.py: test_cancel_current_task
    const loop = virtualLoop();
    let mustCancelInside = false;
    function* task(): Coro<number> {
      t.cancel();
      mustCancelInside = t._mustCancel;
      yield* sleep(100);
      return 12;
    }
    const t: Task<number> = loop.createTask(task());
    expect(t.cancelled()).toBe(false);
    expect(await rejection(loop.runUntilComplete(t))).toBeInstanceOf(CancelledError);
    expect(mustCancelInside).toBe(true);
    expect(t.cancelled()).toBe(true);
    expect(t._mustCancel).toBe(false);
    expect(t.cancel()).toBe(false);
    expect(loop.time()).toBe(0);
  });

  it('a task cancelled right before its coroutine returns ends cancelled', async () => {
    // test_tasks.py: test_cancel_at_end
    const loop = virtualLoop();
    const t: Task<number> = loop.createTask(
      sync(() => {
        t.cancel();
        return 12;
      }),
    );
    expect(await rejection(loop.runUntilComplete(t))).toBeInstanceOf(CancelledError);
    expect(t.cancelled()).toBe(true);
    expect(t._mustCancel).toBe(false);
    expect(t.cancel()).toBe(false);
  });

  it('a cancel requested while running spreads into the task it then awaits', async () => {
    // test_tasks.py: test_cancel_awaited_task (bpo-34872)
    const loop = virtualLoop();
    const fut = loop.createFuture<void>();
    let nestedTask: Task<void> | null = null;
    function* nested(): Coro<void> {
      yield* fut;
    }
    function* coro(): Coro<void> {
      nestedTask = loop.createTask(nested());
      yield* sleep(0);
      task.cancel();
      yield* nestedTask;
    }
    const task: Task<void> = loop.createTask(coro());
    expect(await rejection(loop.runUntilComplete(task))).toBeInstanceOf(CancelledError);
    expect(task.cancelled()).toBe(true);
    expect(nestedTask!.cancelled()).toBe(true);
    expect(fut.cancelled()).toBe(true);
  });

  it('cancelling a task that awaits another task cancels the awaited task', async () => {
    // test_tasks.py: test_cancel_traceback_for_future_result (a task awaiting a cancelled task)
    const loop = virtualLoop();
    const log: string[] = [];
    function* inner(): Coro<string> {
      try {
        yield* sleep(10);
        return 'slept';
      } finally {
        log.push('inner finally');
      }
    }
    const innerTask = loop.createTask(inner());
    function* outer(): Coro<string> {
      return yield* innerTask;
    }
    const outerTask = loop.createTask(outer());
    await runBriefly(loop);
    expect(outerTask.waitingOn).toBe(innerTask);
    expect(outerTask.cancel()).toBe(true);
    expect(await rejection(loop.runUntilComplete(outerTask))).toBeInstanceOf(CancelledError);
    expect(innerTask.cancelled()).toBe(true);
    expect(log).toEqual(['inner finally']);
    expect(loop.time()).toBe(0);
  });

  it('an awaited task that swallows the cancel is cancelled again by a second cancel', async () => {
    // tasks.py Task.cancel: "Leave self._fut_waiter; it may be a Task that catches and ignores the cancellation"
    const loop = virtualLoop();
    const log: string[] = [];
    function* inner(): Coro<void> {
      try {
        yield* sleep(10);
      } catch {
        log.push('inner swallowed');
      }
      try {
        yield* sleep(10);
      } catch (error) {
        log.push('inner cancelled again');
        throw error;
      }
    }
    const innerTask = loop.createTask(inner());
    function* outer(): Coro<void> {
      yield* innerTask;
    }
    const outerTask = loop.createTask(outer());
    function* main(): Coro<void> {
      yield* sleep(0);
      outerTask.cancel();
      yield* sleep(0);
      yield* sleep(0);
      expect([outerTask.done(), innerTask.done()]).toEqual([false, false]);
      expect([outerTask.cancelling(), innerTask.cancelling()]).toEqual([1, 1]);
      outerTask.cancel();
      yield* wait([outerTask]);
    }
    await loop.runUntilComplete(main());
    expect(outerTask.cancelled()).toBe(true);
    expect(innerTask.cancelled()).toBe(true);
    expect([outerTask.cancelling(), innerTask.cancelling()]).toEqual([2, 2]);
    expect(log).toEqual(['inner swallowed', 'inner cancelled again']);
  });

  it('cancelling a task that sleeps, from a timer', async () => {
    // test_tasks.py: test_task_cancel_sleeping_task
    const loop = virtualLoop();
    function* doit(): Coro<string> {
      const sleeper = loop.createTask(sleep(5000));
      loop.callLater(0.1, () => sleeper.cancel());
      try {
        yield* sleeper;
      } catch (error) {
        if (error instanceof CancelledError) return 'cancelled';
        throw error;
      }
      return 'slept in';
    }
    expect(await loop.runUntilComplete(doit())).toBe('cancelled');
    expect(loop.time()).toBeCloseTo(0.1, 12);
  });

  it('after cancel the task waits on nothing and its future is cancelled', async () => {
    // test_tasks.py: test_task_cancel_waiter_future
    const loop = virtualLoop();
    const fut = loop.createFuture<void>();
    function* coro(): Coro<void> {
      yield* fut;
    }
    const task = loop.createTask(coro());
    await runBriefly(loop);
    expect(task.waitingOn).toBe(fut);
    task.cancel();
    await runBriefly(loop);
    expect(await rejection(loop.runUntilComplete(task))).toBeInstanceOf(CancelledError);
    expect(task.waitingOn).toBeNull();
    expect(fut.cancelled()).toBe(true);
  });

  it('an error raised while handling the cancel fails the task instead', async () => {
    // test_tasks.py: test_baseexception_during_cancel
    const loop = virtualLoop();
    const baseExc = new RangeError('raised in except CancelledError');
    function* sleeper(): Coro<void> {
      yield* sleep(10);
    }
    function* notmuch(): Coro<void> {
      try {
        yield* sleeper();
      } catch (error) {
        if (error instanceof CancelledError) throw baseExc;
        throw error;
      }
    }
    const task = loop.createTask(notmuch());
    await runBriefly(loop);
    task.cancel();
    expect(task.done()).toBe(false);
    await runBriefly(loop);
    expect(task.done()).toBe(true);
    expect(task.cancelled()).toBe(false);
    expect(task.exception()).toBe(baseExc);
  });

  it('cancelling a task cancels the future its inline coroutine awaits', async () => {
    // test_tasks.py: test_yield_future_passes_cancel
    const loop = virtualLoop();
    let proof = 0;
    const waiter = loop.createFuture<void>();
    function* inner(): Coro<void> {
      try {
        yield* waiter;
      } catch (error) {
        proof += 1;
        throw error;
      }
      throw new Error('got past the waiter in inner()');
    }
    function* outer(): Coro<void> {
      try {
        yield* inner();
      } catch (error) {
        if (!(error instanceof CancelledError)) throw error;
        proof += 100; // expect this path
        return;
      }
      proof += 10;
    }
    const f = loop.ensureFuture(outer());
    await runBriefly(loop);
    f.cancel();
    await loop.runUntilComplete(f);
    expect(proof).toBe(101);
    expect(waiter.cancelled()).toBe(true);
  });

  it('cancelling() counts requests and uncancel() takes one back', async () => {
    // test_tasks.py: test_cancelling
    const loop = virtualLoop();
    const t = loop.createTask(sleep(10));
    expect(t.cancelling()).toBe(0);
    expect(t.cancel()).toBe(true);
    expect(t.cancelling()).toBe(1);
    expect(t.cancel()).toBe(true); // 3.11: a second cancel() also returns True
    expect(t.cancelling()).toBe(2);
    expect(await rejection(loop.runUntilComplete(t))).toBeInstanceOf(CancelledError);
  });

  it('uncancel() lets a task that caught the cancel be cancelled again later', async () => {
    // test_tasks.py: test_uncancel
    const loop = virtualLoop();
    function* task(): Coro<void> {
      try {
        yield* sleep(10);
      } catch (error) {
        if (!(error instanceof CancelledError)) throw error;
        expect(loop.currentTaskOrNull()).toBe(t);
        (loop.currentTaskOrNull() as Task<void>).uncancel();
        yield* sleep(10);
      }
    }
    const t: Task<void> = loop.createTask(task());
    await loop.runUntilComplete(sleep(0.01));
    expect(t.cancel()).toBe(true); // cancel the first sleep
    expect(t.cancelling()).toBe(1);
    await loop.runUntilComplete(sleep(0.01));
    expect(t.cancelling()).toBe(0); // after uncancel()
    expect(t.cancel()).toBe(true); // cancel the second sleep
    expect(await rejection(loop.runUntilComplete(t))).toBeInstanceOf(CancelledError);
    expect(t.uncancel()).toBe(0);
  });
});

describe('Task cancellation edge cases (checked against CPython 3.11.2)', () => {
  it('uncancel() does not take back a cancel that has not been delivered yet', async () => {
    // tasks.py (3.11) Task.uncancel only decrements _num_cancels_requested; _must_cancel stays set
    const loop = virtualLoop();
    let ran = false;
    const t = loop.createTask(sync(() => (ran = true)));
    t.cancel();
    expect(t.uncancel()).toBe(0);
    expect(await rejection(loop.runUntilComplete(t))).toBeInstanceOf(CancelledError);
    expect(t.cancelled()).toBe(true);
    expect(ran).toBe(false);
  });

  it('cancel after the awaited future got its result but before the task woke: the task is cancelled', async () => {
    // tasks.py Task.cancel: _fut_waiter.cancel() fails, so _must_cancel makes __step throw CancelledError
    const loop = virtualLoop();
    const f = loop.createFuture<number>();
    function* w(): Coro<number> {
      return yield* f;
    }
    const t = loop.createTask(w());
    await runBriefly(loop);
    f.setResult(5);
    expect(t.cancel()).toBe(true);
    expect(await rejection(loop.runUntilComplete(t))).toBeInstanceOf(CancelledError);
    expect(t.cancelled()).toBe(true);
    expect(f.result()).toBe(5);
  });
});

describe('Task internals seen from outside', () => {
  it('a task whose future state was forced: the step reports InvalidStateError to the handler', async () => {
    // test_tasks.py: SetMethodsTest.test_set_result_causes_invalid_state
    const loop = virtualLoop();
    const handled: LoopExceptionContext[] = [];
    loop.exceptionHandler = (context) => handled.push(context);
    function* foo(): Coro<number> {
      yield* sleep(0.1);
      return 10;
    }
    const task = loop.createTask(foo());
    Future.prototype.setResult.call(task, 'spam');
    expect(await loop.runUntilComplete(task)).toBe('spam');
    expect(handled).toHaveLength(1);
    expect(handled[0]!.exception).toBeInstanceOf(InvalidStateError);
    expect((handled[0]!.exception as Error).message).toMatch(/_step\(\): already done/);
  });

  it('same for a forced exception', async () => {
    // test_tasks.py: SetMethodsTest.test_set_exception_causes_invalid_state
    const loop = virtualLoop();
    const handled: LoopExceptionContext[] = [];
    loop.exceptionHandler = (context) => handled.push(context);
    class MyExc extends Error {}
    const task = loop.createTask(sleep(0.1, 10));
    Future.prototype.setException.call(task, new MyExc());
    expect(await rejection(loop.runUntilComplete(task))).toBeInstanceOf(MyExc);
    expect(handled).toHaveLength(1);
    expect((handled[0]!.exception as Error).message).toMatch(/_step\(\): already done/);
  });

  it('task names: given, or Task-N with increasing N', () => {
    // test_tasks.py: test_task_repr_autogenerated, test_bare_create_named_task
    const loop = new EventLoop({ clock: 'virtual' });
    const t1 = loop.createTask(sync(() => 1));
    const t2 = loop.createTask(sync(() => 2));
    const named = loop.createTask(
      sync(() => 3),
      'No-op',
    );
    const n1 = Number(/^Task-(\d+)$/.exec(t1.name)?.[1]);
    const n2 = Number(/^Task-(\d+)$/.exec(t2.name)?.[1]);
    expect(n1).toBeLessThan(n2);
    expect(named.name).toBe('No-op');
    for (const t of [t1, t2, named]) t.cancel();
  });
});
