import { EventLoop, gather, sleep, type ClockKind, type Coro } from '../../shared/loop';
import type { Runner, WorkloadSpec } from './workload';

// eslint-disable-next-line require-yield -- a trivial task: it finishes in its first step
function* trivial(i: number): Coro<number> {
  return i;
}

function* sleeper(i: number, rounds: number): Coro<number> {
  for (let r = 0; r < rounds; r++) yield* sleep(0);
  return i;
}

function* main(spec: WorkloadSpec): Coro<unknown[]> {
  const coros: Coro<number>[] = new Array<Coro<number>>(spec.tasks);
  for (let i = 0; i < spec.tasks; i++) {
    coros[i] = spec.workload === 'gather' ? trivial(i) : sleeper(i, spec.rounds);
  }
  return yield* gather(coros);
}

/** The flowloop engine: a fresh EventLoop per run, `loop.run` as asyncio.run. */
export function engineRunner(clock: ClockKind): Runner {
  return (spec) => new EventLoop({ clock }).run(main(spec));
}
