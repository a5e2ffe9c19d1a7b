/** Auto-layout with dagre: left to right, arguments before the nodes that take them. */
import dagre from '@dagrejs/dagre';
import type { Graph } from '../../../shared/graph';

export const DEFAULT_NODE_SIZE = { width: 200, height: 72 };

export function layoutGraph(
  graph: Graph,
  sizes: ReadonlyMap<string, { width: number; height: number }> = new Map(),
): Graph {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', nodesep: 32, ranksep: 80 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const node of graph.nodes) {
    const size = sizes.get(node.id) ?? DEFAULT_NODE_SIZE;
    g.setNode(node.id, { width: size.width, height: size.height });
  }
  for (const edge of graph.edges) g.setEdge(edge.source, edge.target);
  dagre.layout(g);
  const nodes = graph.nodes.map((node) => {
    const placed = g.node(node.id);
    const size = sizes.get(node.id) ?? DEFAULT_NODE_SIZE;
    if (!placed) return node;
    return { ...node, position: { x: Math.round(placed.x - size.width / 2), y: Math.round(placed.y - size.height / 2) } };
  });
  return { ...graph, nodes };
}
