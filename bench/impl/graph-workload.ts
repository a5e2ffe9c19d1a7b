/**
 * Workload (c): a workflow graph of sleeps and gathers run by the workflow runtime on the
 * virtual clock with a listener counting events, against the same number of bare engine tasks
 * doing the same sleeps and gathers.
 *
 * Shape: `groups` gather nodes, each over `perGroup` sleep nodes, and one top gather over the
 * groups. With 99 groups of 100 sleeps that is 9,900 + 99 + 1 = 10,000 nodes, each one task.
 */
import { EventLoop, gather, sleep, type Coro } from '../../shared/loop';
import { GRAPH_FORMAT, type Graph, type GraphEdge, type GraphNode } from '../../shared/graph/types';
import type { RunListener, RunReport } from '../../shared/runtime/types';

export interface GraphShape {
  groups: number;
  perGroup: number;
}

export const TEN_THOUSAND_NODES: GraphShape = { groups: 99, perGroup: 100 };

export function nodeCount(shape: GraphShape): number {
  return shape.groups * shape.perGroup + shape.groups + 1;
}

/** Sleep lengths 0.1 s to 1.0 s, so timers fire at ten distinct instants. */
function secondsOf(group: number, k: number): number {
  return (((group * 7 + k * 3) % 10) + 1) / 10;
}

export function buildGraph(shape: GraphShape): Graph {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  for (let g = 0; g < shape.groups; g++) {
    for (let k = 0; k < shape.perGroup; k++) {
      nodes.push({ id: `s_${g}_${k}`, kind: 'sleep', params: { seconds: secondsOf(g, k) } });
      edges.push({ source: `s_${g}_${k}`, target: `g_${g}`, input: k });
    }
    nodes.push({ id: `g_${g}`, kind: 'gather', params: {} });
    edges.push({ source: `g_${g}`, target: 'top', input: g });
  }
  nodes.push({ id: 'top', kind: 'gather', params: {} });
  return { format: GRAPH_FORMAT, name: 'bench: sleeps and gathers', nodes, edges };
}

export interface ListenerCounts {
  state: number;
  holder: number;
}

export type RunWorkflow = (
  graph: Graph,
  options: { clock: 'virtual' | 'real'; listener?: RunListener },
) => Promise<RunReport>;

/** Runs the graph through the runtime; returns the events the listener counted. */
export async function runGraph(
  runWorkflow: RunWorkflow,
  graph: Graph,
  shape: GraphShape,
): Promise<ListenerCounts> {
  const counts: ListenerCounts = { state: 0, holder: 0 };
  const listener: RunListener = {
    state: () => {
      counts.state++;
    },
    holder: () => {
      counts.holder++;
    },
  };
  const report = await runWorkflow(graph, { clock: 'virtual', listener });
  checkGroups(report.status === 'done' ? report.result : null, shape);
  return counts;
}

function* sleepNode(seconds: number): Coro<null> {
  return yield* sleep(seconds, null);
}

function* gatherNode(group: number, perGroup: number): Coro<unknown[]> {
  const sleeps: Coro<null>[] = [];
  for (let k = 0; k < perGroup; k++) sleeps.push(sleepNode(secondsOf(group, k)));
  return yield* gather(sleeps);
}

function* bareMain(shape: GraphShape): Coro<unknown[]> {
  const groups: Coro<unknown[]>[] = [];
  for (let g = 0; g < shape.groups; g++) groups.push(gatherNode(g, shape.perGroup));
  return yield* gather(groups);
}

/** The same work as bare engine tasks: one task per sleep, one per group, and the main task on top. */
export async function runBare(shape: GraphShape): Promise<void> {
  const result = await new EventLoop({ clock: 'virtual' }).run(bareMain(shape));
  checkGroups(result, shape);
}

function checkGroups(result: unknown, shape: GraphShape): void {
  if (!Array.isArray(result) || result.length !== shape.groups)
    throw new Error('the graph run gave the wrong result');
  const first: unknown = result[0];
  if (!Array.isArray(first) || first.length !== shape.perGroup || first[0] !== null) {
    throw new Error('a group gave the wrong result');
  }
}
