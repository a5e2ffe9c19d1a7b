/**
 * A run whose JavaScript transforms execute in a worker-thread sandbox with a hard time limit
 * (worker-sandbox.ts) instead of the in-process one run.ts would make.
 *
 * Ownership: the sandbox is made here, for this one run, and disposed here once its report is
 * settled — so its worker threads never outlive the run, and nothing can keep the process alive.
 * A caller that passes its own `sandbox` keeps it (and disposes it). A graph without JavaScript
 * transforms starts no worker at all. Starting the workers (a few hundred ms) happens before the
 * run's loop starts, as run.ts's own sandbox does, so none of it shows in the run's times.
 */
import type { Graph } from '../shared/graph/types';
import { needsSandbox, startRun, type RunHandle, type RunOptions } from '../shared/runtime/run';
import type { TransformSandbox } from '../shared/runtime/services';

export function startSandboxedRun(graph: Graph, options: RunOptions): RunHandle {
  if (options.sandbox != null || !needsSandbox(graph)) return startRun(graph, options);
  let run: RunHandle | null = null;
  let stopped = false;
  const report = (async () => {
    // Should the workers fail to start (a broken installation, or a thread that may not block),
    // run.ts's in-process sandbox still runs the transforms, with QuickJS's interrupt as the
    // only time limit, and a process warning says so.
    // Loaded on demand: QuickJS and the worker code cost nothing to a run without transforms.
    const sandbox: TransformSandbox | null = await import('./worker-sandbox')
      .then(({ createWorkerSandbox }) => createWorkerSandbox())
      .catch((error: unknown) => {
        process.emitWarning(
          `JavaScript transforms run without a hard time limit: ${error instanceof Error ? error.message : String(error)}`,
        );
        return null;
      });
    try {
      run = startRun(graph, { ...options, sandbox });
      if (stopped) run.stop();
      return await run.report;
    } finally {
      sandbox?.dispose();
    }
  })();
  return {
    stop: () => {
      stopped = true;
      run?.stop();
    },
    report,
    loopTime: () => run?.loopTime() ?? 0,
  };
}
