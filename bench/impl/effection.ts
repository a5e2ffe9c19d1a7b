import { all, run, sleep, type Operation } from 'effection';
import type { Runner, WorkloadSpec } from './workload';

/**
 * Effection 4: `all` spawns one task per operation. Effection has no "yield one turn"
 * primitive, so sleep(0) is its own `sleep(0)`, which is a `setTimeout(0)` (about 1 ms in Node).
 */
function task(spec: WorkloadSpec, i: number): Operation<number> {
  if (spec.workload === 'gather') {
    return {
      // eslint-disable-next-line require-yield -- a trivial task: it finishes in its first step
      *[Symbol.iterator]() {
        return i;
      },
    };
  }
  return {
    *[Symbol.iterator]() {
      for (let r = 0; r < spec.rounds; r++) yield* sleep(0);
      return i;
    },
  };
}

export const effectionRunner: Runner = async (spec) => {
  const tasks: Operation<number>[] = new Array<Operation<number>>(spec.tasks);
  for (let i = 0; i < spec.tasks; i++) tasks[i] = task(spec, i);
  return await run(() => all(tasks));
};
