import { getRunningLoop } from './event-loop';
import { Future, type Awaitable } from './future';

/**
 * asyncio.shield: a future that follows `awaitable` but whose cancellation does not reach it.
 * The caller that awaits the shield is still cancelled; the shielded task runs on.
 */
export function shield<T>(awaitable: Awaitable<T>): Future<T> {
  const inner = awaitable instanceof Future ? awaitable : getRunningLoop().ensureFuture(awaitable);
  if (inner.done()) return inner;
  const outer = inner.loop.createFuture<T>();
  const onInnerDone = (f: Future<T>): void => {
    if (outer.cancelled()) return;
    if (f.cancelled()) outer.cancel();
    else if (f.failed()) outer.setException(f.exception());
    else outer.setResult(f.result());
  };
  const onOuterDone = (): void => {
    if (!inner.done()) inner.removeDoneCallback(onInnerDone);
  };
  inner.addDoneCallback(onInnerDone);
  outer.addDoneCallback(onOuterDone);
  return outer;
}
