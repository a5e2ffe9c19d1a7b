/** A run with the Node services the host supplies: one HTTP connection pool, closed when the run ends. */
import { startRun, type RunHandle, type RunOptions } from '../../shared/runtime/run';
import type { Graph } from '../../shared/graph/types';
import { createNodeHttpClient } from './http-client';

export type HostedRunOptions = Omit<RunOptions, 'http'>;

export function startHostedRun(graph: Graph, options: HostedRunOptions = {}): RunHandle {
  const needsHttp = graph.nodes.some((n) => n.kind === 'fetch');
  const http = needsHttp ? createNodeHttpClient() : null;
  const run = startRun(graph, { ...options, http });
  const report = run.report.finally(() => http?.close());
  return { stop: run.stop, report, loopTime: run.loopTime };
}
