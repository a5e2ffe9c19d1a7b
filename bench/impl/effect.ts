import { Effect } from 'effect';
import type { Runner, WorkloadSpec } from './workload';

/**
 * Effect 4: one fiber per task (Effect.all with unbounded concurrency), generator bodies like
 * the engine's, and Effect.yieldNow for sleep(0) (it hands the fiber back to Effect's scheduler).
 */
function task(spec: WorkloadSpec, i: number): Effect.Effect<number> {
  if (spec.workload === 'gather') {
    // eslint-disable-next-line require-yield -- a trivial task: it finishes in its first step
    return Effect.gen(function* () {
      return i;
    });
  }
  return Effect.gen(function* () {
    for (let r = 0; r < spec.rounds; r++) yield* Effect.yieldNow;
    return i;
  });
}

export const effectRunner: Runner = (spec) => {
  const tasks: Effect.Effect<number>[] = new Array<Effect.Effect<number>>(spec.tasks);
  for (let i = 0; i < spec.tasks; i++) tasks[i] = task(spec, i);
  return Effect.runPromise(Effect.all(tasks, { concurrency: 'unbounded' }));
};
