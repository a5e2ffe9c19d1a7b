/**
 * The engine's workloads in a loop, for profiling the hot paths:
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/profile.ts gather 100000 7
 *   node --trace-gc --import tsx bench/profile.ts sleep0 100000 5
 * Prints the best and median wall time of the runs.
 */
import { engineRunner } from './impl/engine';
import { checkResults, type WorkloadSpec } from './impl/workload';
import { median } from './measure';

async function main(argv: readonly string[]): Promise<void> {
  const [workload = 'gather', tasks = '100000', reps = '7', clock = 'real'] = argv;
  if (workload !== 'gather' && workload !== 'sleep0') throw new Error(`unknown workload ${workload}`);
  const run = engineRunner(clock === 'virtual' ? 'virtual' : 'real');
  const spec: WorkloadSpec = { workload, tasks: Number(tasks), rounds: 10 };
  const times: number[] = [];
  for (let k = 0; k < Number(reps); k++) {
    const t0 = performance.now();
    checkResults(spec, await run(spec));
    times.push(performance.now() - t0);
  }
  console.log(
    `${workload} ${tasks}: best ${Math.min(...times).toFixed(1)} ms, median ${median(times).toFixed(1)} ms`,
  );
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
