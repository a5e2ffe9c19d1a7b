/** What `npm run bench` measures: every (implementation, workload, size) and how to warm it up. */
export type Impl =
  'engine' | 'engine-virtual' | 'promises' | 'promises-immediate' | 'effect' | 'effection' | 'asyncio';
export type Workload = 'gather' | 'sleep0';

export interface Job {
  impl: Impl;
  workload: Workload;
  tasks: number;
  /** sleep(0) calls per task (sleep0 only). */
  rounds: number;
  warmTasks: number;
}

export const IMPLS: readonly Impl[] = [
  'engine',
  'engine-virtual',
  'promises',
  'promises-immediate',
  'effect',
  'effection',
  'asyncio',
];

export const IMPL_TITLES: Record<Impl, string> = {
  engine: 'engine',
  'engine-virtual': 'engine (virtual)',
  promises: 'promises',
  'promises-immediate': 'promises (setImmediate)',
  effect: 'Effect 4',
  effection: 'Effection 4',
  asyncio: 'CPython asyncio',
};

export const ROUNDS = 10;

export interface Row {
  workload: Workload;
  tasks: number;
}

export const ROWS: readonly Row[] = [
  { workload: 'gather', tasks: 1e4 },
  { workload: 'gather', tasks: 1e5 },
  { workload: 'gather', tasks: 1e6 },
  { workload: 'sleep0', tasks: 1e4 },
  { workload: 'sleep0', tasks: 1e5 },
];

/** Why an implementation is not run at a size: a single run would take minutes. */
export function notRunBecause(impl: Impl, row: Row): string | null {
  if (impl === 'effection' && row.tasks > 1e4) {
    return 'not run: Effection grows worse than linearly here (gather of 10^4 takes ~2 s, of 10^5 ~1 min)';
  }
  if (impl === 'promises-immediate' && row.workload === 'gather') return 'same as promises: nothing yields';
  if (impl === 'promises-immediate' && row.tasks > 1e4)
    return 'shown at 10^4 only (for reference, not a target)';
  return null;
}

/**
 * Warm-up size. The engine and promises warm up at the full size (up to 10^5, enough for the
 * JIT). The slow ones warm up at a tenth of the size from 10^5 on (Effection always), so the
 * whole bench stays within minutes; CPython has no JIT to warm.
 */
function warmTasksFor(impl: Impl, row: Row): number {
  if (impl === 'effection') return Math.max(1, row.tasks / 10);
  const slow = impl === 'asyncio' || impl === 'effect';
  if (slow && row.tasks >= 1e5) return row.tasks / 10;
  return Math.min(row.tasks, 1e5);
}

export function jobFor(impl: Impl, row: Row): Job {
  return {
    impl,
    workload: row.workload,
    tasks: row.tasks,
    rounds: row.workload === 'sleep0' ? ROUNDS : 0,
    warmTasks: warmTasksFor(impl, row),
  };
}
