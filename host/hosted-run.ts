/**
 * A run with the Node services the host supplies: one HTTP connection pool, closed when the run
 * ends, and for JavaScript transforms a worker-thread sandbox with a hard time limit (see sandboxed-run.ts).
 *
 * The HTTP client (undici, about half a megabyte of code) is loaded only for a graph with fetch
 * nodes: a run of sleeps from the command line starts without compiling it.
 *
 * A fetch's `{env.NAME}` placeholders read `options.env`, by default this process's environment.
 */
import type { RunHandle, RunOptions } from '../shared/runtime/run';
import type { Graph } from '../shared/graph/types';
import { startSandboxedRun } from './sandboxed-run';

export type HostedRunOptions = Omit<RunOptions, 'http'>;

/** Reads `env` (by default this process's environment) for `{env.NAME}` placeholders: own keys only. */
export function environmentLookup(
  env: Readonly<Record<string, string | undefined>> = process.env,
): (name: string) => string | undefined {
  return (name) => (Object.hasOwn(env, name) ? env[name] : undefined);
}

export function startHostedRun(graph: Graph, given: HostedRunOptions = {}): RunHandle {
  const options: HostedRunOptions = { ...given, env: given.env ?? environmentLookup() };
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
