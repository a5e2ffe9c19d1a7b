/**
 * One measurement in its own process, so the heap and JIT state of one implementation never
 * colour another's. `tsx bench/worker.ts '<Job as JSON>'` prints one JSON line: Samples, or
 * { skipped: reason }.
 */
import { isRunnerName, RUNNERS } from './impl/registry';
import { checkResults, type WorkloadSpec } from './impl/workload';
import {
  buildGraph,
  runBare,
  runGraph,
  TEN_THOUSAND_NODES,
  type ListenerCounts,
} from './impl/graph-workload';
import { DEFAULT_PLAN, repeat, type Samples } from './measure';

export interface NodeJob {
  runner: string;
  workload: 'gather' | 'sleep0' | 'graph' | 'bare';
  tasks: number;
  rounds: number;
  /** Size of the warm-up runs (smaller than `tasks` for the long runs). */
  warmTasks: number;
}

export type WorkerOutput = (Samples & { events?: ListenerCounts }) | { skipped: string };

async function measureWorkload(job: NodeJob): Promise<WorkerOutput> {
  if (!isRunnerName(job.runner)) throw new Error(`unknown runner ${job.runner}`);
  if (job.workload !== 'gather' && job.workload !== 'sleep0')
    throw new Error(`not a runner workload: ${job.workload}`);
  const runner = RUNNERS[job.runner];
  const spec: WorkloadSpec = { workload: job.workload, tasks: job.tasks, rounds: job.rounds };
  const warmSpec: WorkloadSpec = { ...spec, tasks: job.warmTasks };
  return repeat(
    async () => checkResults(warmSpec, await runner(warmSpec)),
    async () => checkResults(spec, await runner(spec)),
    DEFAULT_PLAN,
  );
}

async function measureGraph(job: NodeJob): Promise<WorkerOutput> {
  const shape = TEN_THOUSAND_NODES;
  if (job.workload === 'bare') {
    return repeat(
      () => runBare(shape),
      () => runBare(shape),
      DEFAULT_PLAN,
    );
  }
  let runtime: typeof import('../shared/runtime/run');
  try {
    runtime = await import('../shared/runtime/run');
  } catch (error) {
    return {
      skipped: `runtime not available (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`,
    };
  }
  const graph = buildGraph(shape);
  let events: ListenerCounts = { state: 0, holder: 0 };
  const run = async (): Promise<void> => {
    events = await runGraph(runtime.runWorkflow, graph, shape);
  };
  const samples = await repeat(run, run, DEFAULT_PLAN);
  return { ...samples, events };
}

async function main(argv: readonly string[]): Promise<void> {
  const job = JSON.parse(argv[0] ?? '{}') as NodeJob;
  const output =
    job.workload === 'graph' || job.workload === 'bare'
      ? await measureGraph(job)
      : await measureWorkload(job);
  process.stdout.write(`${JSON.stringify(output)}\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
