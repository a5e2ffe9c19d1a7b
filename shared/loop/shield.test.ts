/**
 * shield: ports of CPython 3.11 Lib/test/test_asyncio/test_tasks.py (test_shield_*,
 * test_gather_shield).
 */
import { describe, expect, it } from 'vitest';
import { CancelledError, RuntimeError } from './errors';
import type { Coro } from './future';
import { gather } from './gather';
import { shield } from './shield';
import { sleep } from './sleep';
import { rejection, runBriefly, sync, thrown, virtualLoop } from '../../test/loop/loop-support';

describe('shield', () => {
  it('follows the result of the inner future', async () => {
    // test_tasks.py: test_shield_result
    const loop = virtualLoop();
    const inner = loop.createFuture<number>();
    const outer = shield(inner);
    inner.setResult(42);
    expect(await loop.runUntilComplete(outer)).toBe(42);
  });

  it('follows the exception of the inner future', async () => {
    // test_tasks.py: test_shield_exception
    const loop = virtualLoop();
    const inner = loop.createFuture<number>();
    const outer = shield(inner);
    await runBriefly(loop);
    const exc = new RuntimeError('expected');
    inner.setException(exc);
    await runBriefly(loop);
    expect(outer.exception()).toBe(exc);
  });

  it('cancelling the inner future cancels the outer one', async () => {
    // test_tasks.py: test_shield_cancel_inner
    const loop = virtualLoop();
    const inner = loop.createFuture<number>();
    const outer = shield(inner);
    await runBriefly(loop);
    inner.cancel();
    await runBriefly(loop);
    expect(outer.cancelled()).toBe(true);
  });

  it('cancelling the outer future leaves the inner one alone and unhooks from it', async () => {
    // test_tasks.py: test_shield_cancel_outer
    const loop = virtualLoop();
    const inner = loop.createFuture<number>();
    const outer = shield(inner);
    await runBriefly(loop);
    outer.cancel();
    await runBriefly(loop);
    expect(outer.cancelled()).toBe(true);
    expect(outer._callbacks === null ? 0 : outer._callbacks.length).toBe(0);
    expect(inner.done()).toBe(false);
    expect(inner._callbacks === null ? 0 : inner._callbacks.length).toBe(0); // _outer_done_callback removed ours
    inner.setResult(1); // nothing left to notify
    await runBriefly(loop);
    expect(outer.cancelled()).toBe(true);
  });

  it('a future that is already done is returned as it is', async () => {
    // test_tasks.py: test_shield_shortcut
    const loop = virtualLoop();
    const fut = loop.createFuture<number>();
    fut.setResult(42);
    const shielded = shield(fut);
    expect(shielded).toBe(fut);
    expect(await loop.runUntilComplete(shielded)).toBe(42);
  });

  it('cancelling the task that awaits the shield does not reach the shielded coroutine', async () => {
    // test_tasks.py: test_shield_effect
    const loop = virtualLoop();
    let proof = 0;
    const waiter = loop.createFuture<void>();
    function* inner(): Coro<void> {
      yield* waiter;
      proof += 1;
    }
    function* outer(): Coro<void> {
      yield* shield(inner());
      proof += 100;
    }
    const f = loop.ensureFuture(outer());
    await runBriefly(loop);
    f.cancel();
    expect(await rejection(loop.runUntilComplete(f))).toBeInstanceOf(CancelledError);
    waiter.setResult(undefined);
    await runBriefly(loop);
    expect(proof).toBe(1);
  });

  it('the shielded task runs to its end and its result stays available', async () => {
    // test_tasks.py: test_shield_effect (with timers; the inner task finishes after the caller is cancelled)
    const loop = virtualLoop();
    const innerTask = loop.createTask(sleep(5, 'inner result'));
    function* caller(): Coro<string> {
      return yield* shield(innerTask);
    }
    const callerTask = loop.createTask(caller());
    loop.callLater(1, () => callerTask.cancel());
    expect(await rejection(loop.runUntilComplete(callerTask))).toBeInstanceOf(CancelledError);
    expect(loop.time()).toBeCloseTo(1, 12);
    expect(innerTask.done()).toBe(false);
    expect(await loop.runUntilComplete(innerTask)).toBe('inner result');
    expect(loop.time()).toBeCloseTo(5, 12);
  });

  it('shielding a gather: cancelling the shield leaves the gather running', async () => {
    // test_tasks.py: test_shield_gather
    const loop = virtualLoop();
    const child1 = loop.createFuture<number>();
    const child2 = loop.createFuture<number>();
    const parent = gather([child1, child2]);
    const outer = shield(parent);
    await runBriefly(loop);
    outer.cancel();
    await runBriefly(loop);
    expect(outer.cancelled()).toBe(true);
    child1.setResult(1);
    child2.setResult(2);
    await runBriefly(loop);
    expect(parent.result()).toEqual([1, 2]);
  });

  it('gathering shields: cancelling the gather cancels the shields, not the children', async () => {
    // test_tasks.py: test_gather_shield
    const loop = virtualLoop();
    const child1 = loop.createFuture<number>();
    const child2 = loop.createFuture<number>();
    const inner1 = shield(child1);
    const inner2 = shield(child2);
    const parent = gather([inner1, inner2]);
    await runBriefly(loop);
    parent.cancel();
    await runBriefly(loop);
    expect(parent.exception()).toBeInstanceOf(CancelledError);
    expect(inner1.cancelled()).toBe(true);
    expect(inner2.cancelled()).toBe(true);
    expect(child1.cancelled()).toBe(false);
    expect(child2.cancelled()).toBe(false);
    child1.setResult(1);
    child2.setResult(2);
    await runBriefly(loop);
  });

  it('shielding a coroutine needs a running loop', () => {
    // test_tasks.py: test_shield_coroutine_without_loop
    expect(thrown(() => shield(sync(() => 42)))).toBeInstanceOf(RuntimeError);
  });

  it('inside the loop a shielded coroutine becomes a task of the running loop', async () => {
    // test_tasks.py: test_shield_coroutine_use_running_loop
    const loop = virtualLoop();
    const outer = await loop.runUntilComplete(sync(() => shield(sync(() => 42))));
    expect(outer.loop).toBe(loop);
    expect(await loop.runUntilComplete(outer)).toBe(42);
  });
});
