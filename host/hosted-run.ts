/**
 * A run with the Node services the host supplies: one HTTP connection pool, closed when the run
 * ends, and for JavaScript transforms a worker-thread sandbox with a hard time limit (see sandboxed-run.ts).
 *
 * The HTTP client (undici, about half a megabyte of code) is loaded only for a graph with fetch
 * nodes: a run of sleeps from the command line starts without compiling it.
 */
import type { RunHandle, RunOptions } from '../shared/runtime/run';
import type { Graph } from '../shared/graph/types';
import { startSandboxedRun } from './sandboxed-run';

export type HostedRunOptions = Omit<RunOptions, 'http'>;

export function startHostedRun(graph: Graph, options: HostedRunOptions = {}): RunHandle {
  if (!graph.nodes.some((n) => n.kind === 'fetch'))
    return startSandboxedRun(graph, { ...options, http: null });
  let run: RunHandle | null = null;
  let stopped = false;
  const report = (async () => {
    const { createNodeHttpClient } = await import('./http-client');
    const http = createNodeHttpClient();
    try {
      run = startSandboxedRun(graph, { ...options, http });
      if (stopped) run.stop();
      return await run.report;
    } finally {
      await http.close();
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
