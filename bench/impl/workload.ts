/**
 * The workloads every implementation runs, and the check that it computed the right thing.
 *
 * (a) gather: `n` tasks that each return their index, awaited together; the result is the list.
 * (b) sleep0: `n` tasks that each yield to their scheduler `rounds` times, then return their index.
 */
export type WorkloadName = 'gather' | 'sleep0';

export interface WorkloadSpec {
  workload: WorkloadName;
  tasks: number;
  /** Yields per task (sleep0 only). */
  rounds: number;
}

/** One implementation of the workloads: runs one and resolves with the gathered results. */
export type Runner = (spec: WorkloadSpec) => Promise<readonly unknown[]>;

/** Throws unless `results` is [0, 1, …, tasks-1]: a benchmark that computed nothing measures nothing. */
export function checkResults(spec: WorkloadSpec, results: readonly unknown[]): void {
  if (results.length !== spec.tasks) {
    throw new Error(`expected ${spec.tasks} results, got ${results.length}`);
  }
  for (let i = 0; i < results.length; i += Math.max(1, Math.floor(results.length / 97))) {
    if (results[i] !== i) throw new Error(`result ${i} is ${String(results[i])}`);
  }
  if (results[results.length - 1] !== spec.tasks - 1) throw new Error('last result is wrong');
}
