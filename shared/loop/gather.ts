import { getRunningLoop } from './event-loop';
import { CancelledError, RuntimeError } from './errors';
import { Future, type Awaitable } from './future';
import type { EventLoop } from './event-loop';

/**
 * gather's outer future (tasks._GatheringFuture): cancelling it cancels the children instead
 * of marking itself cancelled at once, like a task.
 */
export class GatheringFuture<T> extends Future<T> {
  /** @internal */ _cancelRequested = false;

  constructor(
    loop: EventLoop,
    readonly children: readonly Future<unknown>[],
  ) {
    super(loop);
  }

  override cancel(msg?: string): boolean {
    if (this.done()) return false;
    let ret = false;
    for (const child of this.children) {
      if (child.cancel(msg)) ret = true;
    }
    if (ret) this._cancelRequested = true;
    return ret;
  }
}

export interface GatherOptions {
  /** Put exceptions in the result list instead of failing on the first one. */
  returnExceptions?: boolean;
}

/**
 * asyncio.gather: runs the awaitables concurrently and gives their results in argument order.
 * Without returnExceptions the first failure (or a child's cancellation, as CancelledError)
 * fails the outer future at once and the other children keep running. The same awaitable
 * passed twice runs once.
 */
export function gather(
  awaitables: readonly Awaitable<unknown>[],
  options: GatherOptions = {},
): Future<unknown[]> {
  const returnExceptions = options.returnExceptions ?? false;
  if (awaitables.length === 0) {
    const outer = getRunningLoop().createFuture<unknown[]>();
    outer.setResult([]);
    return outer;
  }
  let loop: EventLoop | null = null;
  const count = awaitables.length;
  const children = new Array<Future<unknown>>(count);
  const epoch = ++gatherEpoch;
  let nfuts = 0;
  let nfinished = 0;
  let outer: GatheringFuture<unknown[]> | null = null;

  const onChildDone = (fut: Future<unknown>): void => {
    nfinished++;
    if (outer === null || outer.done()) return;
    if (!returnExceptions) {
      if (fut.cancelled()) {
        outer.setException(fut._makeCancelledError());
        return;
      }
      if (fut.failed()) {
        outer.setException(fut.exception());
        return;
      }
    }
    if (nfinished === nfuts) {
      // As CPython: a fresh CancelledError per cancelled child (so a task's stored one is not
      // used up), and, when cancelled, the error of the last child in argument order.
      const results = children.map((child) => {
        if (child.cancelled()) return new CancelledError(child._cancelMessage ?? '');
        return child.failed() ? child.exception() : child.result();
      });
      const last = children[children.length - 1] as Future<unknown>;
      if (outer._cancelRequested) outer.setException(last._makeCancelledError());
      else outer.setResult(results);
    }
  };

  for (let i = 0; i < count; i++) {
    const awaitable = awaitables[i] as Awaitable<unknown>;
    // The same awaitable passed twice runs once (CPython keeps a dict for this). A mark with
    // this gather's number finds the repeats without a table: on the future itself, or, for a
    // coroutine, on the generator object, pointing at the task made for it.
    let fut: Future<unknown> | undefined;
    if (awaitable instanceof Future) {
      fut = awaitable;
      if (fut._gatherEpoch !== epoch) {
        if (loop === null) loop = fut.loop;
        else if (fut.loop !== loop) throw new RuntimeError('The future belongs to a different loop');
        fut._gatherEpoch = epoch;
        nfuts++;
        fut.addDoneCallback(onChildDone);
      }
    } else {
      fut = (awaitable as MarkedCoroutine)[TASK_OF_COROUTINE];
      if (fut === undefined || fut._gatherEpoch !== epoch) {
        fut = (loop ??= getRunningLoop())._taskFor(awaitable);
        (awaitable as MarkedCoroutine)[TASK_OF_COROUTINE] = fut;
        fut._gatherEpoch = epoch;
        nfuts++;
        fut.addDoneCallback(onChildDone);
      }
    }
    children[i] = fut;
  }
  outer = new GatheringFuture<unknown[]>(loop as EventLoop, children);
  return outer;
}

/** Numbers each gather() call, for the duplicate marks. */
let gatherEpoch = 0;
const TASK_OF_COROUTINE = Symbol('flowloop.gatherTask');
type MarkedCoroutine = { [TASK_OF_COROUTINE]?: Future<unknown> };
