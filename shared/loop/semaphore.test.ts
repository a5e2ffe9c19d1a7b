/**
 * The engine's Semaphore against CPython 3.11's asyncio.Semaphore: the same program, six workers
 * under a limit of two, with waiters cancelled while they wait and one cancelled just after it was
 * woken (its unit passes on), logs the same events at the same loop times on both.
 */
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ORACLE_PATH, runPython } from '../../test/oracle/oracle';
import { virtualLoop } from '../../test/loop/loop-support';
import { isCancelledError } from './errors';
import type { Coro } from './future';
import { Semaphore } from './semaphore';
import { sleep } from './sleep';
import type { Task } from './task';

const DURATIONS = [1, 2, 1, 1, 3, 0.5, 0.25];

const PYTHON_PROGRAM = `
import asyncio, json, sys
sys.path.insert(0, ${JSON.stringify(dirname(ORACLE_PATH))})
from asyncio_oracle import VirtualClockLoop

DURATIONS = ${JSON.stringify(DURATIONS)}
log = []

async def worker(i, sem):
    log.append([loop.time(), 'wait', i, sem.locked()])
    try:
        async with sem:
            log.append([loop.time(), 'in', i, sem.locked()])
            await asyncio.sleep(DURATIONS[i])
            log.append([loop.time(), 'out', i, sem.locked()])
    except asyncio.CancelledError:
        log.append([loop.time(), 'cancelled', i, sem.locked()])
        raise

async def canceller(tasks, at, i):
    await asyncio.sleep(at)
    tasks[i].cancel()
    log.append([loop.time(), 'cancel', i, None])

async def main():
    sem = asyncio.Semaphore(2)
    tasks = [asyncio.create_task(worker(i, sem)) for i in range(len(DURATIONS))]
    others = [asyncio.create_task(canceller(tasks, 0.5, 3)), asyncio.create_task(canceller(tasks, 1, 2))]
    await asyncio.gather(*tasks, *others, return_exceptions=True)
    log.append([loop.time(), 'end', None, sem.locked()])

loop = VirtualClockLoop()
loop.run_until_complete(main())
loop.close()
print(json.dumps(log))
`;

type Entry = [number, string, number | null, boolean | null];

function engineLog(): Promise<Entry[]> {
  const loop = virtualLoop();
  const log: Entry[] = [];
  function* worker(i: number, sem: Semaphore): Coro<void> {
    log.push([loop.time(), 'wait', i, sem.locked()]);
    try {
      yield* sem.acquire();
      try {
        log.push([loop.time(), 'in', i, sem.locked()]);
        yield* sleep(DURATIONS[i]!);
        log.push([loop.time(), 'out', i, sem.locked()]);
      } finally {
        sem.release();
      }
    } catch (error) {
      if (isCancelledError(error)) log.push([loop.time(), 'cancelled', i, sem.locked()]);
      throw error;
    }
  }
  function* canceller(tasks: Task<void>[], at: number, i: number): Coro<void> {
    yield* sleep(at);
    tasks[i]!.cancel();
    log.push([loop.time(), 'cancel', i, null]);
  }
  function* main(): Coro<void> {
    const sem = new Semaphore(2);
    const tasks = DURATIONS.map((_, i) => loop.createTask(worker(i, sem)));
    const others = [loop.createTask(canceller(tasks, 0.5, 3)), loop.createTask(canceller(tasks, 1, 2))];
    for (const task of [...tasks, ...others]) {
      try {
        yield* task;
      } catch {
        // as gather(return_exceptions=True): the outcome is logged, not raised
      }
    }
    log.push([loop.time(), 'end', null, sem.locked()]);
  }
  return loop.runUntilComplete(loop.createTask(main())).then(() => {
    loop.close();
    return log;
  });
}

describe('Semaphore', () => {
  it('lets the same workers in and out at the same times as CPython 3.11, cancellations included', async () => {
    const out = await runPython(['-'], PYTHON_PROGRAM);
    if (out.code !== 0) throw new Error(out.stderr);
    const cpython = JSON.parse(out.stdout) as Entry[];
    const engine = await engineLog();
    expect(engine).toEqual(cpython);
    // The program does what it is meant to show: a waiter woken at 1 s and cancelled at once passes
    // its unit on (worker 2 never gets in, worker 4 does), and two at most are ever in.
    expect(cpython.filter(([, event]) => event === 'in').map(([, , i]) => i)).toEqual([0, 1, 4, 5, 6]);
    let inside = 0;
    for (const [, event] of cpython) {
      if (event === 'in') inside += 1;
      if (event === 'out') inside -= 1;
      expect(inside).toBeLessThanOrEqual(2);
    }
  });

  it('refuses a negative or fractional value, and is unlocked with units left and no live waiter', () => {
    expect(() => new Semaphore(-1)).toThrow('Semaphore initial value must be >= 0');
    expect(() => new Semaphore(1.5)).toThrow(RangeError);
    expect(new Semaphore(0).locked()).toBe(true);
    expect(new Semaphore().locked()).toBe(false);
  });
});
