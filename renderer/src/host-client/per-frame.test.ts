import { describe, expect, it } from 'vitest';
import { perFrame } from './per-frame';

describe('perFrame', () => {
  it('applies everything that arrived before the next frame, once, in order', async () => {
    const frames: number[][] = [];
    let tick: (() => void) | null = null;
    globalThis.requestAnimationFrame = (callback: FrameRequestCallback) => {
      tick = () => callback(0);
      return 1;
    };
    globalThis.cancelAnimationFrame = () => undefined;
    const push = perFrame<number>((items) => frames.push(items));
    push(1);
    push(2);
    push(3);
    expect(frames).toEqual([]);
    (tick as (() => void) | null)?.();
    push(4);
    expect(frames).toEqual([[1, 2, 3]]);
    // No frame comes (a hidden page): the timer flushes.
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(frames).toEqual([[1, 2, 3], [4]]);
  });
});
