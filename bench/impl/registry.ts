import { effectRunner } from './effect';
import { effectionRunner } from './effection';
import { engineRunner } from './engine';
import { promisesImmediateRunner, promisesRunner } from './promises';
import type { Runner } from './workload';

/** Every Node-side implementation by the name the bench uses for it. */
export const RUNNERS = {
  engine: engineRunner('real'),
  'engine-virtual': engineRunner('virtual'),
  promises: promisesRunner,
  'promises-immediate': promisesImmediateRunner,
  effect: effectRunner,
  effection: effectionRunner,
} satisfies Record<string, Runner>;

export type RunnerName = keyof typeof RUNNERS;

export function isRunnerName(name: string): name is RunnerName {
  return Object.hasOwn(RUNNERS, name);
}
