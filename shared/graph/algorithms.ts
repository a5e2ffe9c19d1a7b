/**
 * The graph algorithms of a workflow, each in linear time on graphs of 100,000 nodes: arranging a valid
 * graph for running and exporting (indexGraph), telling whether nodes and edges form no loop
 * (isAcyclic, Kahn's algorithm), and naming the nodes on each loop when they do (findCycles, Tarjan's
 * strongly connected components). Validation, the runtime and the exporters all use these; nobody
 * keeps a second copy.
 */
import type { Graph, GraphNode } from './types';

// --- Arranging a valid graph ----------------------------------------------------------------------
/** A validated graph arranged for running: each node's arguments in input order, and the terminals. */
export interface GraphIndex {
  readonly nodes: ReadonlyMap<string, GraphNode>;
  /** The source node ids of each node's arguments, in increasing `input` order (gaps dropped). */
  readonly argumentsOf: ReadonlyMap<string, readonly string[]>;
  /** Nodes with no outgoing edge, in file order. */
  readonly terminals: readonly string[];
}

export function indexGraph(graph: Graph): GraphIndex {
  const nodes = new Map<string, GraphNode>();
  for (const node of graph.nodes) nodes.set(node.id, node);
  const incoming = new Map<string, { input: number; source: string }[]>();
  const hasOutgoing = new Set<string>();
  for (const edge of graph.edges) {
    hasOutgoing.add(edge.source);
    let list = incoming.get(edge.target);
    if (list === undefined) incoming.set(edge.target, (list = []));
    list.push({ input: edge.input, source: edge.source });
  }
  const argumentsOf = new Map<string, readonly string[]>();
  const none: readonly string[] = [];
  for (const node of graph.nodes) {
    const list = incoming.get(node.id);
    if (list === undefined) {
      argumentsOf.set(node.id, none);
      continue;
    }
    if (list.length > 1) list.sort((a, b) => a.input - b.input);
    argumentsOf.set(
      node.id,
      list.map((e) => e.source),
    );
  }
  const terminals = graph.nodes.filter((n) => !hasOutgoing.has(n.id)).map((n) => n.id);
  return { nodes, argumentsOf, terminals };
}

// --- Loops ---------------------------------------------------------------------------------------------

/**
 * Whether `count` nodes (numbered 0 … count - 1) and the edges `sources[e] -> targets[e]` form no loop:
 * Kahn's algorithm with typed arrays, no garbage per edge. An edge with an end below 0 is ignored (the
 * validator's dangling edges).
 */
export function isAcyclic(count: number, sources: Int32Array, targets: Int32Array): boolean {
  // The edges leaving node i are next[firstOut[i]] … next[firstOut[i + 1] - 1].
  const firstOut = new Int32Array(count + 1);
  const waitingOn = new Int32Array(count);
  const edgeCount = Math.min(sources.length, targets.length);
  for (let e = 0; e < edgeCount; e++) {
    const source = sources[e] as number;
    const target = targets[e] as number;
    if (source < 0 || target < 0) continue;
    firstOut[source + 1] = (firstOut[source + 1] as number) + 1;
    waitingOn[target] = (waitingOn[target] as number) + 1;
  }
  for (let i = 0; i < count; i++) firstOut[i + 1] = (firstOut[i + 1] as number) + (firstOut[i] as number);
  const next = new Int32Array(firstOut[count] as number);
  const filled = firstOut.slice(0, count);
  for (let e = 0; e < edgeCount; e++) {
    const source = sources[e] as number;
    const target = targets[e] as number;
    if (source < 0 || target < 0) continue;
    const slot = filled[source] as number;
    next[slot] = target;
    filled[source] = slot + 1;
  }
  // Take nodes that wait on nothing, releasing what they feed; a loop keeps its nodes waiting.
  const ready = new Int32Array(count);
  let readyEnd = 0;
  for (let i = 0; i < count; i++) if (waitingOn[i] === 0) ready[readyEnd++] = i;
  for (let head = 0; head < readyEnd; head++) {
    const node = ready[head] as number;
    const end = firstOut[node + 1] as number;
    for (let e = firstOut[node] as number; e < end; e++) {
      const target = next[e] as number;
      const left = (waitingOn[target] as number) - 1;
      waitingOn[target] = left;
      if (left === 0) ready[readyEnd++] = target;
    }
  }
  return readyEnd === count;
}

/**
 * Strongly connected components (Tarjan) over node numbers, iteratively so that long chains cannot
 * overflow the stack. Typed arrays keep it fast on graphs of 100 000 nodes.
 */
function components(count: number, successors: readonly (readonly number[])[]): number[][] {
  const index = new Int32Array(count).fill(-1);
  const low = new Int32Array(count);
  const onStack = new Uint8Array(count);
  const stack: number[] = [];
  const result: number[][] = [];
  const workNode: number[] = [];
  const workNext: number[] = [];
  let counter = 0;
  const visit = (node: number): void => {
    index[node] = low[node] = counter++;
    stack.push(node);
    onStack[node] = 1;
    workNode.push(node);
    workNext.push(0);
  };
  for (let root = 0; root < count; root++) {
    if ((index[root] as number) >= 0) continue;
    visit(root);
    while (workNode.length > 0) {
      const top = workNode.length - 1;
      const node = workNode[top] as number;
      const next = successors[node]?.[workNext[top] as number];
      if (next !== undefined) {
        workNext[top] = (workNext[top] as number) + 1;
        if ((index[next] as number) < 0) visit(next);
        else if (onStack[next] === 1) low[node] = Math.min(low[node] as number, index[next] as number);
        continue;
      }
      workNode.pop();
      workNext.pop();
      const parent = workNode[workNode.length - 1];
      if (parent !== undefined) low[parent] = Math.min(low[parent] as number, low[node] as number);
      if (low[node] === index[node]) {
        const component: number[] = [];
        let member: number;
        do {
          member = stack.pop() as number;
          onStack[member] = 0;
          component.push(member);
        } while (member !== node);
        result.push(component);
      }
    }
  }
  return result;
}

/** The shortest way from `start` back to itself inside `members`: [start, …, start]. */
function shortestLoop(
  start: string,
  members: ReadonlySet<string>,
  successors: ReadonlyMap<string, readonly string[]>,
): string[] {
  const cameFrom = new Map<string, string>();
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head] as string;
    for (const next of successors.get(id) ?? []) {
      if (!members.has(next)) continue;
      if (next === start) {
        const path = [start];
        for (
          let step: string | undefined = id;
          step !== start && step !== undefined;
          step = cameFrom.get(step)
        )
          path.push(step);
        path.push(start);
        // Built backwards from the end: reverse the middle.
        return [start, ...path.slice(1, -1).reverse(), start];
      }
      if (!cameFrom.has(next)) {
        cameFrom.set(next, id);
        queue.push(next);
      }
    }
  }
  return [start, start];
}

export interface Cycle {
  /** The nodes around one loop, first node repeated at the end: [a, b, a]. Starts at the earliest node in file order. */
  loop: string[];
  /** Every node that is part of the same tangle (strongly connected component), in file order. */
  members: string[];
}

/**
 * One Cycle per tangle of nodes that reach each other, including self-loops, ordered by file position.
 * `ids` is the nodes in file order; `successors` maps a node to the nodes its value flows into.
 */
export function findCycles(
  ids: readonly string[],
  successors: ReadonlyMap<string, readonly string[]>,
): Cycle[] {
  const order = new Map(ids.map((id, i) => [id, i]));
  const numbered = ids.map((id) =>
    (successors.get(id) ?? []).map((next) => order.get(next)).filter((next) => next !== undefined),
  );
  const cycles: Cycle[] = [];
  for (const component of components(ids.length, numbered)) {
    const only = component[0] as number;
    if (component.length === 1 && !(numbered[only] ?? []).includes(only)) continue;
    const members = component.sort((a, b) => a - b).map((i) => ids[i] as string);
    const start = members[0] as string;
    cycles.push({ loop: shortestLoop(start, new Set(members), successors), members });
  }
  return cycles.sort((a, b) => (order.get(a.loop[0] as string) ?? 0) - (order.get(b.loop[0] as string) ?? 0));
}
