import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { addSpent, processTreeCpuMs, threadCpuMs } from './process-cpu';

const linux = process.platform === 'linux';

describe.skipIf(!linux)('process CPU from /proc', () => {
  it('counts a child process’s CPU in its parent’s tree, and knows no process that is not there', async () => {
    const before = processTreeCpuMs(process.pid) as number;
    // A child that computes for 300 ms, then waits to be read.
    const child = spawn(process.execPath, [
      '-e',
      'const end = Date.now() + 300; while (Date.now() < end); setInterval(() => {}, 1000);',
    ]);
    try {
      await new Promise((resolve) => setTimeout(resolve, 600));
      const childOnly = processTreeCpuMs(child.pid as number) as number;
      expect(childOnly).toBeGreaterThanOrEqual(200);
      expect((processTreeCpuMs(process.pid) as number) - before).toBeGreaterThanOrEqual(childOnly);
      const threads = threadCpuMs(child.pid as number);
      expect([...threads.values()].reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(200);
    } finally {
      child.kill();
    }
    expect(processTreeCpuMs(2 ** 22 + 1)).toBeNull(); // above Linux's highest pid
    expect(processTreeCpuMs(undefined)).toBeNull(); // a child that never started
  });

  it('adds what was spent between two readings, and knows nothing once one could not be read', () => {
    expect(addSpent(10, 5, 8)).toBe(13);
    expect(addSpent(10, null, 8)).toBeNull();
    expect(addSpent(null, 5, 8)).toBeNull();
  });
});
