import type { Graph, GraphNode } from './types';

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
