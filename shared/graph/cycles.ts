/** Finding the cycles of a graph, to name the nodes on each one. */

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
