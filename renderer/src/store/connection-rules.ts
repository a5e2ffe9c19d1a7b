/** Which connections the canvas accepts while a person drags one, and why it refuses the others. */
import type { Graph, GraphEdge, NodeKind } from '../../../shared/graph';
import { KIND_SPECS as KINDS } from '../../../shared/kinds/specs';

/** Kinds that take at most one argument (their ports in shared/kinds/). */
export const SINGLE_INPUT_KINDS: ReadonlySet<NodeKind> = new Set<NodeKind>(
  Object.values(KINDS)
    .filter((definition) => definition.ports.max === 1)
    .map((definition) => definition.kind),
);

export interface ConnectionRequest {
  source: string;
  target: string;
  input: number;
}

/** True when `to` can be reached from `from` along edges (source -> target). */
export function reaches(edges: readonly GraphEdge[], from: string, to: string): boolean {
  const next = new Map<string, string[]>();
  for (const edge of edges) {
    const list = next.get(edge.source);
    if (list) list.push(edge.target);
    else next.set(edge.source, [edge.target]);
  }
  const seen = new Set<string>([from]);
  const stack = [from];
  while (stack.length > 0) {
    const at = stack.pop() as string;
    if (at === to) return true;
    for (const target of next.get(at) ?? []) {
      if (!seen.has(target)) {
        seen.add(target);
        stack.push(target);
      }
    }
  }
  return false;
}

/** Null when the edge may be added, else one sentence saying why not. */
export function connectionRefusal(graph: Graph, request: ConnectionRequest): string | null {
  const { source, target, input } = request;
  const sourceNode = graph.nodes.find((node) => node.id === source);
  const targetNode = graph.nodes.find((node) => node.id === target);
  if (!sourceNode || !targetNode) return 'Both ends of a connection must be nodes on the canvas.';
  if (!Number.isInteger(input) || input < 0) return `Input ${input} is not an input number.`;
  if (source === target) return `${source} cannot take its own value: that would be a cycle.`;
  if (reaches(graph.edges, target, source))
    return `Connecting ${source} to ${target} would make a cycle: ${target} already leads to ${source}.`;
  const taken = graph.edges.find((edge) => edge.target === target && edge.input === input);
  if (taken)
    return `Input ${input} of ${target} is already connected (from ${taken.source}); one edge per input.`;
  if (SINGLE_INPUT_KINDS.has(targetNode.kind) && graph.edges.some((edge) => edge.target === target))
    return `${target} (${targetNode.kind}) takes ${KINDS[targetNode.kind].ports.min === 1 ? 'exactly' : 'at most'} one argument, and it already has one.`;
  const { max } = KINDS[targetNode.kind].ports;
  if (max !== null && input >= max)
    return `${target} (${targetNode.kind}) takes at most ${max} arguments: inputs 0 to ${max - 1}.`;
  return null;
}

/** How many input handles a node shows: every wired input plus one free slot (one for single-input kinds). */
export function inputHandleCount(kind: NodeKind, edges: readonly GraphEdge[], id: string): number {
  if (SINGLE_INPUT_KINDS.has(kind)) return 1;
  let highest = -1;
  for (const edge of edges) if (edge.target === id && edge.input > highest) highest = edge.input;
  const { valuesIgnored, max } = KINDS[kind].ports;
  // A kind that ignores its arguments' values (value) shows only the inputs a file already wires.
  const shown = valuesIgnored === true ? highest + 1 : highest + 2;
  return max === null ? shown : Math.min(shown, max);
}

/** What a node's input is called on the canvas: its name in the kind's ports, else "input N". */
export function inputName(kind: NodeKind, input: number): string {
  const name = KINDS[kind].ports.names?.[input];
  return name === undefined ? `input ${input}` : `input ${input} (${name})`;
}
