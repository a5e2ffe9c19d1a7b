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
      nodes.push({
        id,
        kind: 'sleep',
        params: { seconds: (i % 5) + 1 },
        position: { x: x0, y: y0 + i * ROW_GAP },
      });
      edges.push({ source: id, target: gather, input: i });
    }
    nodes.push({ id: gather, kind: 'gather', params: {}, position: { x: x0 + 300, y: y0 + 9 * ROW_GAP } });
  }
  return {
    format: GRAPH_FORMAT,
    name: `${nodes.length} nodes`,
    nodes,
    edges,
    view: { x: 40, y: 40, zoom: 0.5 },
  };
}

export function emptyWorkflow(): Graph {
  return { format: GRAPH_FORMAT, name: 'empty', nodes: [], edges: [], view: { x: 40, y: 40, zoom: 0.5 } };
}

const STREAM_WAVE_GAP = 260;
const STREAM_ROW_GAP = 70;

/**
 * `nodes` nodes (5,000) whose real-clock run streams state events fast: a sequence over `waves`
 * gathers, each gathering its share of sleeps of 1 or 2 ms. The sequence reaches one wave at a time,
 * so the ~3 events per node (pending, running, done) are spread over the whole run instead of all
 * tasks being created at once. Waves are columns, laid out left to right.
 */
export function streamWorkflow(nodes = 5000, waves = 50): Graph {
  const sleeps = nodes - waves - 1;
  const graphNodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  for (let w = 0; w < waves; w++) {
    const size = Math.floor(sleeps / waves) + (w < sleeps % waves ? 1 : 0);
    const gather = `wave_${w}`;
    for (let i = 0; i < size; i++) {
      const id = `s_${w}_${i}`;
      graphNodes.push({
        id,
        kind: 'sleep',
        params: { seconds: ((i % 2) + 1) / 1000 },
        position: { x: w * STREAM_WAVE_GAP * 2, y: i * STREAM_ROW_GAP },
      });
      edges.push({ source: id, target: gather, input: i });
    }
    graphNodes.push({
      id: gather,
      kind: 'gather',
      params: {},
      position: { x: w * STREAM_WAVE_GAP * 2 + STREAM_WAVE_GAP, y: (size / 2) * STREAM_ROW_GAP },
    });
    edges.push({ source: gather, target: 'waves', input: w });
  }
  graphNodes.push({
    id: 'waves',
    kind: 'sequence',
    params: {},
    position: { x: waves * STREAM_WAVE_GAP * 2, y: 0 },
  });
  return {
    format: GRAPH_FORMAT,
    name: `${graphNodes.length}-node stream`,
    nodes: graphNodes,
    edges,
    view: { x: 40, y: 40, zoom: 0.5 },
  };
}
