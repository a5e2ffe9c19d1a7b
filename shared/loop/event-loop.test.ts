/**
 * The event loop itself: ports of CPython 3.11 Lib/test/test_asyncio/test_base_events.py,
 * test_runners.py (asyncio.run) and SleepTests of test_tasks.py, plus Flowloop's own rules
 * (docs/run-semantics.md and docs/run-report.md): equal deadlines in the order set, the deadlock error, the virtual clock
 * and real I/O through runIO.
 */
import { describe, expect, it } from 'vitest';
import { CancelledError, RuntimeError, TimeoutError } from './errors';
import { EventLoop, getRunningLoop, type LoopExceptionContext } from './event-loop';
import type { Coro } from './future';
import { sleep } from './sleep';
import type { Task } from './task';
import { waitFor } from './wait';
import { rejection, runBriefly, sync, thrown, virtualLoop } from '../../test/loop/loop-support';

describe('callSoon', () => {
  it('runs callbacks in FIFO order, with their arguments, never inline', async () => {
    // test_base_events.py: test_call_soon (and _run_once running _ready in order)
    const loop = virtualLoop();
    const calls: [string, number][] = [];
    for (let i = 0; i < 5; i++) loop.callSoon((name: string, n: number) => calls.push([name, n]), 'cb', i);
    expect(calls).toEqual([]);
    await runBriefly(loop);
    expect(calls).toEqual([0, 1, 2, 3, 4].map((i) => ['cb', i]));
  });

  it('a cancelled handle does not run', async () => {
    // test_base_events.py: test__add_callback_cancelled_handle
    const loop = virtualLoop();
    const calls: string[] = [];
    const h = loop.callSoon(() => calls.push('cancelled'));
    loop.callSoon(() => calls.push('kept'));
    h.cancel();
    expect(h.cancelled).toBe(true);
    await runBriefly(loop);
    expect(calls).toEqual(['kept']);
  });

  it('an exception in a callback goes to the exception handler and the loop goes on', async () => {
    // test_base_events.py: test_set_exc_handler_custom / test_default_exc_handler_callback
    const loop = virtualLoop();
    const log: unknown[] = [];
    loop.exceptionHandler = (context: LoopExceptionContext) => log.push([context.message, context.exception]);
    const boom = new RangeError('boom');
    loop.callSoon(() => {
      throw boom;
    });
    loop.callSoon(() => log.push('after'));
    await runBriefly(loop);
    expect(log).toEqual([['Exception in callback', boom], 'after']);
  });
});

describe('callLater and callAt', () => {
  it('fire in deadline order, each at its exact time', async () => {
    // test_base_events.py: test_call_later, test_time_and_call_at (exact under the virtual clock)
    const loop = virtualLoop();
    const fired: [string, number][] = [];
    for (const [name, delay] of [
      ['c', 0.3],
      ['a', 0.1],
      ['b', 0.2],
    ] as const) {
      loop.callLater(delay, () => fired.push([name, loop.time()]));
    }
    loop.callAt(0.25, () => fired.push(['at', loop.time()]));
    await loop.runUntilComplete(sleep(1));
    expect(fired).toEqual([
      ['a', 0.1],
      ['b', 0.2],
      ['at', 0.25],
      ['c', 0.3],
    ]);
  });

  it('negative delays run at once, earliest deadline first', async () => {
    // test_base_events.py: test_call_later_negative_delays
    const loop = virtualLoop();
    const calls: string[] = [];
    loop.callLater(-1, (arg: string) => calls.push(arg), 'a');
    loop.callLater(-2, (arg: string) => calls.push(arg), 'b');
    await runBriefly(loop);
    expect(calls).toEqual(['b', 'a']);
  });

  it('equal deadlines fire in the order they were set (docs/run-semantics.md)', async () => {
    // Flowloop's rule, stronger than CPython: heapq does not keep equal deadlines in order
    // (CPython 3.11.2 fired 20 call_at(same when) as [0, 2, 6, 14, 13, ...]).
    const loop = virtualLoop();
    const order: number[] = [];
    for (let i = 0; i < 20; i++) loop.callAt(1, (n: number) => order.push(n), i);
    for (let i = 20; i < 40; i++) loop.callLater(1, (n: number) => order.push(n), i);
    await loop.runUntilComplete(sleep(2));
    expect(order).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });

  it('a cancelled timer never fires and does not move the virtual clock', async () => {
    // test_base_events.py: test__run_once (the cancelled head handle is dropped)
    const loop = virtualLoop();
    const calls: string[] = [];
    const h1 = loop.callLater(5, () => calls.push('h1'));
    loop.callLater(10, () => calls.push('h2'));
    h1.cancel();
    await loop.runUntilComplete(sleep(20));
    expect(calls).toEqual(['h2']);
    const late = loop.callLater(100, () => calls.push('late'));
    late.cancel();
    await loop.runUntilComplete(sleep(1));
    expect(loop.time()).toBeCloseTo(21, 12); // not 120: the cancelled timer was not waited for
    expect(calls).toEqual(['h2']);
  });

  it('many cancelled timers are swept and the live ones still fire in order', async () => {
    // test_base_events.py: test__run_once_cancelled_event_cleanup
    const loop = virtualLoop();
    const fired: number[] = [];
    const handles = Array.from({ length: 300 }, (_, i) => loop.callLater(1 + i / 1000, () => fired.push(i)));
    handles.forEach((h, i) => {
      if (i % 3 !== 0) h.cancel();
    });
    await loop.runUntilComplete(sleep(2));
    expect(fired).toEqual(Array.from({ length: 100 }, (_, k) => k * 3));
  });

  it('cancelling a timer after it fired does nothing', async () => {
    // events.py TimerHandle.cancel after _run: a no-op
    const loop = virtualLoop();
    let calls = 0;
    const h = loop.callLater(0.1, () => calls++);
    await loop.runUntilComplete(sleep(0.2));
    h.cancel();
    await loop.runUntilComplete(sleep(0.2));
    expect(calls).toBe(1);
  });
});

describe('one iteration at a time (_run_once)', () => {
  it('callbacks scheduled during an iteration wait for the next; due timers join at its start', async () => {
    // test_base_events.py: test__run_once_schedule_handle (checked against CPython 3.11.2: A, A2, T, A3)
    const loop = virtualLoop();
    const log: string[] = [];
    loop.callSoon(() => {
      log.push('A');
      loop.callSoon(() => {
        log.push('A2');
        loop.callSoon(() => log.push('A3'));
      });
      loop.callLater(0, () => log.push('T'));
    });
    await loop.runUntilComplete(sleep(0.01));
    expect(log).toEqual(['A', 'A2', 'T', 'A3']);
  });

  it('a timer callback that schedules a callback: it runs in the next iteration, after the other due timers', async () => {
    // test_base_events.py: test__run_once_schedule_handle
    const loop = virtualLoop();
    const log: string[] = [];
    loop.callLater(1, () => {
      log.push('T1');
      loop.callSoon(() => log.push('soon from T1'));
    });
    loop.callLater(1, () => log.push('T2'));
    await loop.runUntilComplete(sleep(2));
    expect(log).toEqual(['T1', 'T2', 'soon from T1']);
  });

  it('sleep(0) lets everything already ready run, and returns its result', async () => {
    // test_tasks.py: SleepTests.test_sleep_zero
    const loop = virtualLoop();
    let result = 0;
    const incResult = (num: number): void => {
      result += num;
    };
    function* coro(): Coro<void> {
      loop.callSoon(incResult, 1);
      expect(result).toBe(0);
      const num = yield* sleep(0, 10);
      expect(result).toBe(1); // inc'ed by callSoon
      incResult(num);
    }
    await loop.runUntilComplete(coro());
    expect(result).toBe(11);
  });

  it('sleep(0) yields exactly one iteration', async () => {
    // tasks.py __sleep0 (bare yield); checked against CPython 3.11.2: cb1, resumed, cb2
    const loop = virtualLoop();
    const log: string[] = [];
    function* main(): Coro<void> {
      loop.callSoon(() => {
        log.push('cb1');
        loop.callSoon(() => log.push('cb2'));
      });
      yield* sleep(0);
      log.push('resumed');
      yield* sleep(0.01);
    }
    await loop.runUntilComplete(main());
    expect(log).toEqual(['cb1', 'resumed', 'cb2']);
  });

  it('virtual time stands still while there is work', async () => {
    // test_utils.TestLoop: time only moves when nothing is ready
    const loop = virtualLoop();
    let turns = 0;
    const spin = (): void => {
      if (++turns < 1000) loop.callSoon(spin);
    };
    loop.callSoon(spin);
    function* main(): Coro<number> {
      while (turns < 1000) yield* sleep(0);
      return loop.time();
    }
    expect(await loop.runUntilComplete(main())).toBe(0);
  });

  it('the virtual clock jumps to each timer: sleeps are exact', async () => {
    // test_tasks.py: test_sleep (TestLoop time)
    const loop = virtualLoop();
    const times: number[] = [];
    function* main(): Coro<void> {
      for (const delay of [0.5, 0.25, 2]) {
        yield* sleep(delay);
        times.push(loop.time());
      }
    }
    await loop.runUntilComplete(main());
    expect(times).toEqual([0.5, 0.75, 2.75]);
  });
});

describe('runUntilComplete', () => {
  it('gives the result of a future, a task or a coroutine', async () => {
    // test_base_events.py: test_run_until_complete
    const loop = virtualLoop();
    const fut = loop.createFuture<string>();
    loop.callLater(1, () => fut.setResult('future'));
    expect(await loop.runUntilComplete(fut)).toBe('future');
    expect(await loop.runUntilComplete(loop.createTask(sync(() => 'task')))).toBe('task');
    expect(await loop.runUntilComplete(sleep(1, 'coroutine'))).toBe('coroutine');
    expect(loop.time()).toBeCloseTo(2, 12);
  });

  it('rejects with the exception of the future', async () => {
    // test_base_events.py: test_run_until_complete_error
    const loop = virtualLoop();
    const exc = new RangeError('bad');
    const error = await rejection(
      loop.runUntilComplete(
        sync(() => {
          throw exc;
        }),
      ),
    );
    expect(error).toBe(exc);
  });

  it('stops when the future is done and leaves other tasks pending, to be run later', async () => {
    // test_tasks.py: test_wait ("Doing it again"), test_base_events.py: test_run_until_complete_stopped
    const loop = virtualLoop();
    const other = loop.createTask(sleep(5, 'other'));
    await loop.runUntilComplete(sleep(1));
    expect(loop.isRunning()).toBe(false);
    expect(other.done()).toBe(false);
    expect(await loop.runUntilComplete(other)).toBe('other');
    expect(loop.time()).toBeCloseTo(5, 12);
  });

  it('refuses a future of another loop', async () => {
    // test_base_events.py: test_run_until_complete_loop (CPython: ValueError)
    const fut = virtualLoop().createFuture<void>();
    expect(await rejection(virtualLoop().runUntilComplete(fut))).toBeInstanceOf(RuntimeError);
  });

  it('refuses to run inside itself', async () => {
    // test_base_events.py: test_run_until_complete_nesting
    const loop = virtualLoop();
    let nested: Promise<unknown> | null = null;
    const coro2 = sync(() => {
      expect(loop.isRunning()).toBe(true);
      nested = loop.runUntilComplete(sleep(0));
    });
    await loop.runUntilComplete(coro2);
    const error = await rejection(nested!);
    expect(error).toBeInstanceOf(RuntimeError);
    expect((error as Error).message).toBe('This event loop is already running');
  });

  it('a closed loop refuses to run or schedule; closing twice is fine', async () => {
    // test_base_events.py: test_close
    const loop = virtualLoop();
    expect(loop.isClosed()).toBe(false);
    loop.close();
    expect(loop.isClosed()).toBe(true);
    loop.close();
    const f = loop.createFuture<void>();
    expect(await rejection(loop.runUntilComplete(f))).toBeInstanceOf(RuntimeError);
    expect(() => loop.callLater(1, () => undefined)).toThrow(RuntimeError);
    expect(() => loop.createTask(sync(() => 1))).toThrow(/Event loop is closed/);
  });

  it('getRunningLoop is the loop inside its callbacks and fails outside', async () => {
    // test_events.py: test_get_running_loop (asyncio.get_running_loop)
    const loop = virtualLoop();
    const outside = thrown(() => getRunningLoop());
    expect(outside).toBeInstanceOf(RuntimeError);
    expect((outside as Error).message).toBe('no running event loop');
    expect(await loop.runUntilComplete(sync(() => getRunningLoop()))).toBe(loop);
  });

  it('deadlock: nothing ready, no timer and no I/O rejects instead of hanging (Flowloop)', async () => {
    // CPython would block forever in select(); Flowloop reports it.
    const loop = virtualLoop();
    const never = loop.createFuture<void>();
    const error = await rejection(loop.runUntilComplete(never));
    expect(error).toBeInstanceOf(RuntimeError);
    expect((error as Error).message).toMatch(/^Deadlock/);
  });

  it('deadlock on the real clock too', async () => {
    const loop = new EventLoop({ clock: 'real' });
    function* main(): Coro<void> {
      yield* loop.createFuture<void>();
    }
    expect(((await rejection(loop.run(main()))) as Error).message).toMatch(/^Deadlock/);
    expect(loop.isClosed()).toBe(true);
  });
});

describe('run (asyncio.run)', () => {
  it('returns the result of main and closes the loop', async () => {
    // test_runners.py: test_asyncio_run_return
    const loop = virtualLoop();
    expect(await loop.run(sleep(0, 42))).toBe(42);
    expect(loop.isClosed()).toBe(true);
  });

  it('rejects with the exception of main', async () => {
    // test_runners.py: test_asyncio_run_raises
    const loop = virtualLoop();
    const error = await rejection(
      loop.run(
        sync(() => {
          throw new RangeError('spam');
        }),
      ),
    );
    expect(error).toBeInstanceOf(RangeError);
    expect((error as Error).message).toBe('spam');
    expect(loop.isClosed()).toBe(true);
  });

  it('cancels the tasks main left behind and lets them finish', async () => {
    // test_runners.py: test_asyncio_run_cancels_hanging_tasks
    const loop = virtualLoop();
    let loTask: Task<void> | null = null;
    const log: string[] = [];
    function* leftover(): Coro<void> {
      try {
        yield* sleep(0.1);
        log.push('slept');
      } finally {
        log.push('finally');
      }
    }
    const main = sync(() => {
      loTask = loop.createTask(leftover());
      return 123;
    });
    expect(await loop.run(main)).toBe(123);
    expect(loTask!.done()).toBe(true);
    expect(loTask!.cancelled()).toBe(true);
    expect(log).toEqual(['finally']);
    expect(loop.time()).toBe(0);
  });

  it('a leftover task may await during its cancellation; the loop runs until it is done', async () => {
    // runners.py _cancel_all_tasks: run_until_complete(gather(*to_cancel, return_exceptions=True))
    const loop = virtualLoop();
    let cleanedAt: number | null = null;
    function* leftover(): Coro<void> {
      try {
        yield* sleep(10);
      } catch (error) {
        yield* sleep(0.5); // cleanup that takes time
        cleanedAt = loop.time();
        throw error;
      }
    }
    function* main(): Coro<string> {
      loop.createTask(leftover());
      yield* sleep(1);
      return 'main done';
    }
    expect(await loop.run(main())).toBe('main done');
    expect(cleanedAt).toBeCloseTo(1.5, 12);
  });

  it('reports a leftover task that fails while being cancelled to the exception handler', async () => {
    // test_runners.py: test_asyncio_run_reports_hanging_tasks_errors
    const loop = virtualLoop();
    const handled: LoopExceptionContext[] = [];
    loop.exceptionHandler = (context) => handled.push(context);
    let loTask: Task<void> | null = null;
    class ZeroDivisionError extends Error {}
    function* leftover(): Coro<void> {
      try {
        yield* sleep(0.1);
      } catch {
        throw new ZeroDivisionError('division by zero');
      }
    }
    const main = sync(() => {
      loTask = loop.createTask(leftover());
      return 123;
    });
    expect(await loop.run(main)).toBe(123);
    expect(loTask!.done()).toBe(true);
    expect(handled).toHaveLength(1);
    expect(handled[0]!.message).toBe('unhandled exception during asyncio.run() shutdown');
    expect(handled[0]!.exception).toBeInstanceOf(ZeroDivisionError);
  });

  it('main cancelled: run rejects with CancelledError', async () => {
    // runners.py Runner.run: `except exceptions.CancelledError: ... raise` (main's cancellation propagates)
    const loop = virtualLoop();
    function* main(): Coro<void> {
      loop.currentTaskOrNull()!.cancel();
      yield* sleep(1);
    }
    expect(await rejection(loop.run(main()))).toBeInstanceOf(CancelledError);
  });
});

describe('real clock', () => {
  it('sleep really waits', async () => {
    // test_base_events.py: test_time_and_call_at (on the real clock)
    const loop = new EventLoop({ clock: 'real' });
    const wallStart = performance.now();
    const loopStart = loop.time();
    const slept = await loop.run(sleep(0.05, 'slept'));
    expect(slept).toBe('slept');
    expect(loop.time() - loopStart).toBeGreaterThanOrEqual(0.05);
    expect(performance.now() - wallStart).toBeGreaterThanOrEqual(50);
  });
});

describe('runIO (real I/O under the loop)', () => {
  function resolveAfter<T>(ms: number, value: T): (signal: AbortSignal) => Promise<T> {
    return () => new Promise((resolve) => setTimeout(() => resolve(value), ms));
  }

  it('wakes the loop that sleeps with nothing else to do (real clock)', async () => {
    const loop = new EventLoop({ clock: 'real' });
    function* main(): Coro<string> {
      const fut = loop.runIO(resolveAfter(10, 'io result'));
      expect(loop.pendingIO).toBe(1);
      const result = yield* fut;
      expect(loop.pendingIO).toBe(0);
      return result;
    }
    expect(await loop.run(main())).toBe('io result');
  });

  it('wakes a virtual-clock loop that waits on a far timer; the clock moves by the real time waited', async () => {
    const loop = virtualLoop();
    function* main(): Coro<string> {
      loop.createTask(sleep(1000));
      return yield* loop.runIO(resolveAfter(20, 'io result'));
    }
    expect(await loop.run(main())).toBe('io result');
    expect(loop.time()).toBeGreaterThan(0);
    expect(loop.time()).toBeLessThan(1000);
  });

  it('a timer still fires while I/O is outstanding (a timeout against a server that never answers)', async () => {
    const loop = virtualLoop();
    let signal: AbortSignal | null = null;
    const neverAnswers = (s: AbortSignal): Promise<string> => {
      signal = s;
      return new Promise((_resolve, reject) => s.addEventListener('abort', () => reject(s.reason)));
    };
    function* main(): Coro<unknown> {
      try {
        return yield* waitFor(loop.runIO(neverAnswers), 0.05);
      } catch (error) {
        return error;
      }
    }
    expect(await loop.run(main())).toBeInstanceOf(TimeoutError);
    expect(loop.time()).toBeCloseTo(0.05, 12);
    expect(signal!.aborted).toBe(true);
    expect(loop.pendingIO).toBe(0);
  });

  it('cancelling the future aborts the signal with a CancelledError', async () => {
    const loop = virtualLoop();
    let signal: AbortSignal | null = null;
    let settledAfterAbort = false;
    function* main(): Coro<void> {
      const fut = loop.runIO(
        (s) =>
          new Promise<string>((_resolve, reject) => {
            signal = s;
            s.addEventListener('abort', () => {
              settledAfterAbort = true;
              reject(new Error('aborted'));
            });
          }),
      );
      yield* sleep(0);
      expect(signal!.aborted).toBe(false);
      fut.cancel('stop');
      yield* sleep(0); // the done callback that aborts runs one iteration later
      expect(signal!.aborted).toBe(true);
      expect(signal!.reason).toBeInstanceOf(CancelledError);
      expect((signal!.reason as Error).message).toBe('stop');
      expect(fut.cancelled()).toBe(true);
    }
    await loop.run(main());
    expect(settledAfterAbort).toBe(true);
    expect(loop.pendingIO).toBe(0);
  });

  it('a rejected promise fails the future; a start that throws fails it too', async () => {
    const loop = virtualLoop();
    const exc = new RangeError('io failed');
    function* main(): Coro<unknown[]> {
      const errors: unknown[] = [];
      try {
        yield* loop.runIO(() => Promise.reject(exc));
      } catch (error) {
        errors.push(error);
      }
      try {
        yield* loop.runIO(() => {
          throw exc;
        });
      } catch (error) {
        errors.push(error);
      }
      return errors;
    }
    const errors = await loop.run(main());
    expect(errors).toHaveLength(2);
    expect(errors[0]).toBe(exc);
    expect(errors[1]).toBe(exc);
  });
});

describe('the scheduling port', () => {
  it('calls the loop back through the scheduleSoon it was given, not a Node global', async () => {
    const asked: number[] = [];
    const loop = new EventLoop({
      clock: 'virtual',
      scheduleSoon: (callback) => {
        asked.push(asked.length);
        setTimeout(callback, 0);
      },
    });
    // Real I/O settles outside the loop: the loop is woken through the port.
    const result = await loop.run(
      (function* () {
        const io = loop.runIO(() => new Promise<string>((resolve) => setTimeout(() => resolve('read'), 5)));
        const value: string = yield* io;
        yield* sleep(1);
        return value;
      })(),
    );
    expect(result).toBe('read');
    expect(asked.length).toBeGreaterThan(0);
  });
});
