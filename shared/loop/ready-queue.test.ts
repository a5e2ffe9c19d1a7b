import { describe, expect, it } from 'vitest';
import { ReadyQueue } from './ready-queue';

describe('ReadyQueue', () => {
  it('runs entries in FIFO order across chunk boundaries, with pushes while it drains', () => {
    const queue = new ReadyQueue();
    const seen: number[] = [];
    const record = (n: number): void => {
      seen.push(n);
    };
    for (let n = 0; n < 2500; n++) queue.push(record, n);
    let next = 2500;
    // Drain, pushing one new entry for every other one run, so head and tail chunks move apart.
    while (queue.length > 0) {
      queue.runHead();
      if (next < 6000 && seen.length % 2 === 0) queue.push(record, next++);
    }
    expect(seen.length).toBe(next);
    expect(seen.every((n, i) => n === i)).toBe(true);
  });

  it('reuses emptied chunks and keeps order over many fill-and-drain rounds', () => {
    const queue = new ReadyQueue();
    const seen: string[] = [];
    const record = (s: string): void => {
      seen.push(s);
    };
    for (let round = 0; round < 5; round++) {
      for (let n = 0; n < 3000 + round * 100; n++) queue.push(record, `${round}:${n}`);
      while (queue.length > 0) queue.runHead();
    }
    const expected: string[] = [];
    for (let round = 0; round < 5; round++) {
      for (let n = 0; n < 3000 + round * 100; n++) expected.push(`${round}:${n}`);
    }
    expect(seen).toEqual(expected);
  });

  it('is empty after clear and works again', () => {
    const queue = new ReadyQueue();
    const seen: number[] = [];
    for (let n = 0; n < 1500; n++) queue.push((x: number) => seen.push(x), n);
    queue.clear();
    expect(queue.length).toBe(0);
    queue.push((x: number) => seen.push(x), 7);
    queue.runHead();
    expect(seen).toEqual([7]);
  });

  it('keeps FIFO order when one-slot runnables and two-slot callbacks mix across chunks', () => {
    const queue = new ReadyQueue();
    const seen: number[] = [];
    const record = (n: number): void => {
      seen.push(n);
    };
    // Uneven mixes put a pair at every position of a chunk, including its last slot.
    for (let n = 0; n < 7000; n++) {
      if (n % 3 === 0) queue.pushRunnable({ _run: () => seen.push(n) });
      else queue.push(record, n);
      if (n % 5 === 0 && queue.length > 0) queue.runHead();
    }
    while (queue.length > 0) queue.runHead();
    expect(seen.length).toBe(7000);
    expect(seen.every((n, i) => n === i)).toBe(true);
  });
});
