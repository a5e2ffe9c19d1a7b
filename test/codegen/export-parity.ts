/**
 * Test helpers for the exporters' parity suites: the scenarios, the examples, and the engine's
 * outcome reduced to what an exported program can show (result, status, error type, states).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseGraph } from '../../shared/graph';
import type { Graph } from '../../shared/graph/types';
import type { NodeState, RunReport } from '../../shared/runtime/types';

export interface NamedGraph {
  name: string;
  graph: Graph;
  /** A differential scenario may ask for a deadline (a user's stop). */
  deadline: number | null;
}

function loadDir(url: URL): NamedGraph[] {
  const dir = fileURLToPath(url);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.flow.json'))
    .sort()
    .map((f) => {
      const parsed = parseGraph(readFileSync(`${dir}/${f}`, 'utf8'));
      if (!parsed.ok) throw new Error(`${f}: ${parsed.problems.map((p) => p.message).join('; ')}`);
      // Differential scenarios carry their deadline in `x-differential`.
      const meta = parsed.graph['x-differential'] as { deadline?: unknown } | undefined;
      const deadline = typeof meta?.deadline === 'number' ? meta.deadline : null;
      return { name: f.replace(/\.flow\.json$/, ''), graph: parsed.graph, deadline };
    });
}

export const SCENARIOS: NamedGraph[] = loadDir(new URL('../oracle/scenarios/', import.meta.url));
export const EXAMPLES: NamedGraph[] = loadDir(new URL('../../examples/', import.meta.url));

export function hasFetch(graph: Graph): boolean {
  return graph.nodes.some((n) => n.kind === 'fetch');
}

export function hasJavaScript(graph: Graph): boolean {
  return graph.nodes.some(
    (n) => n.kind === 'transform' && (n.params.language ?? 'javascript') === 'javascript',
  );
}

/** What both sides can be compared on. */
export interface Outcome {
  status: RunReport['status'];
  result: unknown;
  errorType: string | null;
  /** Final state of every node that got a task. */
  states: Record<string, NodeState>;
  endTime: number;
}

export function engineOutcome(report: RunReport): Outcome {
  const states: Record<string, NodeState> = {};
  for (const [id, node] of Object.entries(report.nodes)) if (node.state !== 'idle') states[id] = node.state;
  const last = report.events[report.events.length - 1];
  return {
    status: report.status,
    result: report.status === 'done' ? report.result : null,
    errorType: report.error?.type ?? null,
    states,
    endTime: last?.t ?? 0,
  };
}

/** Points every fetch URL of `graph` at `origin` (scheme, host and port), keeping path and query. */
export function retarget(graph: Graph, origin: string): Graph {
  const copy = structuredClone(graph);
  for (const node of copy.nodes) {
    if (node.kind !== 'fetch') continue;
    const url = node.params.url;
    const afterHost = url.replace(/^https?:\/\/[^/]+/, '');
    node.params.url = `${origin}${afterHost === '' ? '/' : afterHost}`;
  }
  return copy;
}
