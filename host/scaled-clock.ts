/**
 * The "slow" clock mode: real time, slowed down. Loop time runs at `scale` times wall time, so a
 * sleep(1) takes 1/scale real seconds while every time the run reports stays in loop seconds.
 * Only timers are paced; real I/O (fetch) runs at its own speed.
 *
 * The loop treats it as a real clock: it waits with setTimeout for (deadline - now) and wakes a
 * little early, then waits again for the rest, so each timer costs a few dozen wake-ups (no busy wait).
 */
import type { Clock } from '../shared/loop';

export class ScaledClock implements Clock {
  readonly kind = 'real' as const;
  private readonly origin = performance.now();

  constructor(readonly scale: number) {
    if (!(scale > 0 && scale <= 1)) throw new RangeError(`a clock scale must be in (0, 1], not ${scale}`);
  }

  now(): number {
    return ((performance.now() - this.origin) / 1000) * this.scale;
  }
}
