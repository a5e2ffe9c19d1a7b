/**
 * flowloop/loop — an event loop with asyncio's semantics, usable on its own.
 *
 * ```ts
 * import { EventLoop, sleep, gather, type Coro } from './shared/loop';
 *
 * function* fetchLater(name: string, delay: number): Coro<string> {
 *   yield* sleep(delay);        // `await asyncio.sleep(delay)`
 *   return name;
 * }
 * function* main(): Coro<unknown[]> {
 *   return yield* gather([fetchLater('a', 2), fetchLater('b', 1)]);  // ['a', 'b'] after 2 s
 * }
 * const loop = new EventLoop({ clock: 'virtual' });
 * const result = await loop.run(main());
 * ```
 *
 * A coroutine is a generator function; `yield*` is `await`. See task.ts for why.
 */
export { EventLoop, Handle, getRunningLoop, isCoroutine } from './event-loop';
export type { EventLoopOptions, StepObserver, LoopExceptionContext } from './event-loop';
export { Future, isFuture, setResultUnlessCancelled } from './future';
export type { Awaitable, Coro, DoneCallback, FutureState, Yielded } from './future';
export { Task } from './task';
export type { TaskObserver } from './task';
export { TimerHandle } from './timer-heap';
export { RealClock, VirtualClock, makeClock } from './clock';
export type { Clock, ClockKind } from './clock';
export { CancelledError, InvalidStateError, RuntimeError, TimeoutError, isCancelledError } from './errors';
export { sleep } from './sleep';
export { gather, GatheringFuture } from './gather';
export type { GatherOptions } from './gather';
export { wait, waitFor, race } from './wait';
export type { ReturnWhen, WaitOptions } from './wait';
export { asCompleted } from './as-completed';
export { shield } from './shield';
export { Semaphore } from './semaphore';
