/** The workflows the renderer bench opens: a large valid graph and an empty one. */
import type { Graph, GraphEdge, GraphNode } from '../shared/graph';
import { GRAPH_FORMAT } from '../shared/graph';

const SLEEPS_PER_GROUP = 19;
const ROW_GAP = 80;
const COLUMNS = 10;

/** `groups` gathers, each fed by 19 sleeps: 20 × groups nodes (1,000 for 50), laid out in a grid. */
export function largeWorkflow(groups = 50): Graph {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  for (let g = 0; g < groups; g++) {
    const x0 = (g % COLUMNS) * 600;
    const y0 = Math.floor(g / COLUMNS) * (SLEEPS_PER_GROUP * ROW_GAP + 160);
    const gather = `all_${g}`;
    for (let i = 0; i < SLEEPS_PER_GROUP; i++) {
      const id = `nap_${g}_${i}`;
      nodes.push({ id, kind: 'sleep', params: { seconds: (i % 5) + 1 }, position: { x: x0, y: y0 + i * ROW_GAP } });
      edges.push({ source: id, target: gather, input: i });
    }
    nodes.push({ id: gather, kind: 'gather', params: {}, position: { x: x0 + 300, y: y0 + 9 * ROW_GAP } });
  }
  return { format: GRAPH_FORMAT, name: `${nodes.length} nodes`, nodes, edges, view: { x: 40, y: 40, zoom: 0.5 } };
}

export function emptyWorkflow(): Graph {
  return { format: GRAPH_FORMAT, name: 'empty', nodes: [], edges: [], view: { x: 40, y: 40, zoom: 0.5 } };
}
