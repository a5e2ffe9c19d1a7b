/**
 * The loop's two clocks (docs/run-semantics.md). Times are loop seconds since the clock was made.
 *
 * - `real`: wall-clock time from a monotonic source.
 * - `virtual`: time stands still while there is work; when nothing is ready and no I/O is
 *   outstanding the loop jumps it straight to the next timer, so sleeps cost no wall time and
 *   every time is exact. While real I/O is outstanding and nothing else is ready, the loop
 *   waits for it in real time and the virtual clock moves by the real time waited (so a
 *   fetch timeout still fires against a server that never answers).
 */
export interface Clock {
  readonly kind: 'real' | 'virtual';
  /** Loop seconds since the clock began. */
  now(): number;
}

export class RealClock implements Clock {
  readonly kind = 'real' as const;
  private readonly origin = performance.now();
  now(): number {
    return (performance.now() - this.origin) / 1000;
  }
}

export class VirtualClock implements Clock {
  readonly kind = 'virtual' as const;
  private t = 0;
  now(): number {
    return this.t;
  }
  /** Moves time forward to `when` (never backward). */
  advanceTo(when: number): void {
    if (when > this.t) this.t = when;
  }
  advanceBy(seconds: number): void {
    if (seconds > 0) this.t += seconds;
  }
}

export type ClockKind = Clock['kind'];

export function makeClock(kind: ClockKind): RealClock | VirtualClock {
  return kind === 'virtual' ? new VirtualClock() : new RealClock();
}
