import { action, all, run, type Operation } from 'effection';
import type { Runner, WorkloadSpec } from './workload';

/**
 * Effection 4: `all` spawns one task per operation. Effection has no "yield one turn"
 * primitive, and its own `sleep(0)` is a `setTimeout(0)`, which Node clamps to 1 ms: timing that
 * would compare a millisecond timer with a loop turn. So a round here yields one turn of Node's
 * loop (setImmediate, as the "raw promises (setImmediate)" row does), the same work as
 * asyncio.sleep(0) and the engine's sleep(0).
 */
const yieldOneTurn = (): Operation<void> =>
  action<void>((resolve) => {
    const handle = setImmediate(resolve);
    return () => clearImmediate(handle);
  }, 'yield one turn');

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
      for (let r = 0; r < spec.rounds; r++) yield* yieldOneTurn();
      return i;
    },
  };
}

export const effectionRunner: Runner = async (spec) => {
  const tasks: Operation<number>[] = new Array<Operation<number>>(spec.tasks);
  for (let i = 0; i < spec.tasks; i++) tasks[i] = task(spec, i);
  return await run(() => all(tasks));
};
