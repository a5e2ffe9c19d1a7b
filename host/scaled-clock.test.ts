import { describe, it, expect } from 'vitest';
import { EventLoop, sleep, type Coro } from '../shared/loop';
import { ScaledClock } from './scaled-clock';

describe('ScaledClock', () => {
  it('refuses scales outside (0, 1]', () => {
    expect(() => new ScaledClock(0)).toThrow(RangeError);
    expect(() => new ScaledClock(1.5)).toThrow(/must be in \(0, 1\]/);
    expect(() => new ScaledClock(Number.NaN)).toThrow(RangeError);
  });

  it('a sleep takes 1/scale of its length in wall time, and loop time stays in loop seconds', async () => {
    const wallStart = performance.now();
    const clock = new ScaledClock(0.25);
    const loop = new EventLoop({ clock });
    const loopSeconds = await loop.run(
      (function* (): Coro<number> {
        yield* sleep(0.02);
        return loop.time();
      })(),
    );
    const clockNow = clock.now(); // read before the wall time, so the bound below holds
    const wallSeconds = (performance.now() - wallStart) / 1000;
    expect(loopSeconds).toBeGreaterThanOrEqual(0.02);
    // The loop only wakes the sleeper once its clock reads 0.02, which is 0.08 s of wall time.
    expect(wallSeconds).toBeGreaterThanOrEqual(0.08);
    expect(clockNow).toBeLessThanOrEqual(wallSeconds * 0.25);
  });
});
