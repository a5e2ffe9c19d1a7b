import type { Runner, WorkloadSpec } from './workload';

/**
 * Raw Node promises: async functions and Promise.all.
 *
 * sleep(0) becomes `await null`. asyncio.sleep(0) gives every other ready task one turn, and
 * `await null` does exactly that among promise continuations (each queues behind the ones
 * already queued, FIFO). It does not give Node's I/O a turn — neither does the engine per
 * sleep(0): the engine yields to Node once per time slice (a few ms), not per step. The
 * `setImmediate` variant (each yield a full Node loop turn) is measured too, for reference.
 */
async function trivial(i: number): Promise<number> {
  return i;
}

async function yieldingMicrotask(i: number, rounds: number): Promise<number> {
  for (let r = 0; r < rounds; r++) await null;
  return i;
}

function immediate(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

async function yieldingImmediate(i: number, rounds: number): Promise<number> {
  for (let r = 0; r < rounds; r++) await immediate();
  return i;
}

function runWith(
  spec: WorkloadSpec,
  yielding: (i: number, rounds: number) => Promise<number>,
): Promise<number[]> {
  const promises: Promise<number>[] = new Array<Promise<number>>(spec.tasks);
  for (let i = 0; i < spec.tasks; i++) {
    promises[i] = spec.workload === 'gather' ? trivial(i) : yielding(i, spec.rounds);
  }
  return Promise.all(promises);
}

export const promisesRunner: Runner = (spec) => runWith(spec, yieldingMicrotask);
export const promisesImmediateRunner: Runner = (spec) => runWith(spec, yieldingImmediate);
