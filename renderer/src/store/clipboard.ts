/**
 * Copied nodes as JSON text, so a copy can be pasted into another window or file (through the system
 * clipboard) as well as this one. Pasting gives every node a fresh id and rewires the copied edges.
 */
import {
  validateGraph,
  GRAPH_FORMAT,
  type Graph,
  type GraphEdge,
  type GraphNode,
} from '../../../shared/graph';
import { freshId } from './ids';

export const CLIPBOARD_FORMAT = 'flowloop.clipboard/1';

export interface ClipboardContent {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** The selected nodes and the edges between them, as text. */
export function copyText(graph: Graph, ids: ReadonlySet<string>): string {
  const nodes = graph.nodes.filter((node) => ids.has(node.id));
  const edges = graph.edges.filter((edge) => ids.has(edge.source) && ids.has(edge.target));
  return JSON.stringify({ format: CLIPBOARD_FORMAT, nodes, edges });
}

/** Reads clipboard text: our own format, or a whole workflow document; null for anything else. */
export function readClipboardText(text: string): ClipboardContent | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const record = value as Record<string, unknown>;
  if (record.format !== CLIPBOARD_FORMAT && record.format !== GRAPH_FORMAT) return null;
  // Checked as a document, so pasted nodes are as well-formed as loaded ones.
  const checked = validateGraph({ format: GRAPH_FORMAT, nodes: record.nodes, edges: record.edges ?? [] });
  if (!checked.ok) return null;
  return { nodes: checked.graph.nodes, edges: checked.graph.edges };
}

/** Adds the content with fresh ids, shifted by `offset`; returns the new graph and the new ids. */
export function pasteInto(
  graph: Graph,
  content: ClipboardContent,
  offset: { x: number; y: number },
): { graph: Graph; ids: string[] } {
  const taken = new Set(graph.nodes.map((node) => node.id));
  const renamed = new Map<string, string>();
  const nodes: GraphNode[] = [];
  for (const node of content.nodes) {
    const id = freshId(node.id, taken);
    taken.add(id);
    renamed.set(node.id, id);
    const position = node.position ?? { x: 0, y: 0 };
    nodes.push({
      ...structuredClone(node),
      id,
      position: { x: position.x + offset.x, y: position.y + offset.y },
    });
  }
  const edges: GraphEdge[] = [];
  for (const edge of content.edges) {
    const source = renamed.get(edge.source);
    const target = renamed.get(edge.target);
    if (source !== undefined && target !== undefined) edges.push({ ...edge, source, target });
  }
  return {
    graph: { ...graph, nodes: [...graph.nodes, ...nodes], edges: [...graph.edges, ...edges] },
    ids: nodes.map((n) => n.id),
  };
}
