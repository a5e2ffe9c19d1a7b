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
  const centres = new Map<string, { x: number; y: number }>();
  for (const node of graph.nodes) {
    const placed = g.node(node.id);
    if (placed) centres.set(node.id, { x: placed.x, y: placed.y });
  }
  orderByInputs(graph, centres);
  const nodes = graph.nodes.map((node) => {
    const placed = centres.get(node.id);
    const size = sizes.get(node.id) ?? DEFAULT_NODE_SIZE;
    if (!placed) return node;
    return {
      ...node,
      position: { x: Math.round(placed.x - size.width / 2), y: Math.round(placed.y - size.height / 2) },
    };
  });
  return { ...graph, nodes };
}

/**
 * Dagre knows no input numbers, so it may put the argument of input 2 above that of input 0 and
 * cross their edges. Within each column, the rows dagre chose are handed out again in the order of
 * what each node feeds: the target's row, then the input number (a node feeding nothing keeps its
 * own row as its key).
 */
function orderByInputs(graph: Graph, centres: Map<string, { x: number; y: number }>): void {
  const columns = new Map<number, string[]>();
  for (const [id, centre] of centres) {
    const column = Math.round(centre.x);
    columns.set(column, [...(columns.get(column) ?? []), id]);
  }
  const keyOf = (id: string): [number, number] => {
    let best: [number, number] = [centres.get(id)?.y ?? 0, -1];
    let feeds = false;
    for (const edge of graph.edges) {
      const target = centres.get(edge.target);
      if (edge.source !== id || !target) continue;
      const key: [number, number] = [target.y, edge.input];
      if (!feeds || key[0] < best[0] || (key[0] === best[0] && key[1] < best[1])) best = key;
      feeds = true;
    }
    return best;
  };
  for (const ids of columns.values()) {
    if (ids.length < 2) continue;
    const keys = new Map(ids.map((id) => [id, keyOf(id)]));
    const rows = ids.map((id) => centres.get(id)?.y ?? 0).sort((a, b) => a - b);
    const ordered = [...ids].sort((a, b) => {
      const ka = keys.get(a) ?? [0, 0];
      const kb = keys.get(b) ?? [0, 0];
      return ka[0] - kb[0] || ka[1] - kb[1];
    });
    ordered.forEach((id, i) => {
      const centre = centres.get(id);
      if (centre) centres.set(id, { x: centre.x, y: rows[i] ?? centre.y });
    });
  }
}
