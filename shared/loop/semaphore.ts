/**
 * asyncio.Semaphore as CPython 3.11's Lib/asyncio/locks.py writes it: a counter that acquire()
 * takes and release() gives back; while it is 0, acquirers wait in a queue in arrival order, and
 * release() wakes the first waiter that is not done, handing it the unit at once. A waiter
 * cancelled after it was woken passes its unit to the next (`_wake_up_next`). The map node's
 * concurrency limit is one (docs/run-semantics.md).
 */
import { isCancelledError } from './errors';
import { getRunningLoop } from './event-loop';
import type { Coro, Future } from './future';

export class Semaphore {
  /** The futures of the acquirers waiting, in arrival order (CPython's deque). */
  private waiters: Future<boolean>[] | null = null;
  private value: number;

  constructor(value = 1) {
    if (!Number.isInteger(value) || value < 0) throw new RangeError('Semaphore initial value must be >= 0');
    this.value = value;
  }

  /** Whether acquire() would wait: no unit left, or someone already waiting who is not cancelled. */
  locked(): boolean {
    return this.value === 0 || (this.waiters ?? []).some((waiter) => !waiter.cancelled());
  }

  *acquire(): Coro<boolean> {
    if (!this.locked()) {
      this.value -= 1;
      return true;
    }
    const waiter = getRunningLoop().createFuture<boolean>();
    (this.waiters ??= []).push(waiter);
    // The finally runs before the CancelledError is handled, so a cancelled waiter never wakes itself.
    try {
      try {
        yield* waiter;
      } finally {
        const waiters = this.waiters;
        waiters.splice(waiters.indexOf(waiter), 1);
      }
    } catch (error) {
      if (isCancelledError(error) && !waiter.cancelled()) {
        // Woken (given a unit) and cancelled before it ran: the unit goes to the next waiter.
        this.value += 1;
        this.wakeUpNext();
      }
      throw error;
    }
    if (this.value > 0) this.wakeUpNext();
    return true;
  }

  release(): void {
    this.value += 1;
    this.wakeUpNext();
  }

  /** Wakes the first waiter that is not done, giving it a unit. */
  private wakeUpNext(): void {
    for (const waiter of this.waiters ?? []) {
      if (!waiter.done()) {
        this.value -= 1;
        waiter.setResult(true);
        return;
      }
    }
  }
}
