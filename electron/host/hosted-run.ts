/**
 * A run with the Node services the host supplies: one HTTP connection pool, closed when the run
 * ends, and for JavaScript transforms a worker-thread sandbox with a hard time limit (see sandboxed-run.ts).
 */
import type { RunHandle, RunOptions } from '../../shared/runtime/run';
import type { Graph } from '../../shared/graph/types';
import { createNodeHttpClient } from './http-client';
import { startSandboxedRun } from './sandboxed-run';

export type HostedRunOptions = Omit<RunOptions, 'http'>;

export function startHostedRun(graph: Graph, options: HostedRunOptions = {}): RunHandle {
  const needsHttp = graph.nodes.some((n) => n.kind === 'fetch');
  const http = needsHttp ? createNodeHttpClient() : null;
  const run = startSandboxedRun(graph, { ...options, http });
  const report = run.report.finally(() => http?.close());
  return { stop: run.stop, report, loopTime: run.loopTime };
}
