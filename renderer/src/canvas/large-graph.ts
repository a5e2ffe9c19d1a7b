/**
 * Above this many nodes the canvas economises: only what is in view is in the page (xyflow's
 * onlyRenderVisibleElements), and nothing on the edges moves or travels during a run (edge-flow.ts,
 * edge-flow.css). The browser's cost per frame grows with every node and edge it has to style and
 * paint; smaller graphs keep every node in the page (and in the Tab order) and every animation.
 */
export const LARGE_GRAPH_NODES = 300;

export function isLargeGraph(nodeCount: number): boolean {
  return nodeCount > LARGE_GRAPH_NODES;
}
