/**
 * The names exported code gives to nodes: the node id itself, unless it would shadow a name
 * the generated file relies on (a module, a helper, a builtin), in which case a trailing
 * underscore is added (PEP 8's convention for avoiding a clash), then more until it is free.
 */
import type { Graph } from '../graph/types';

export function nodeNames(graph: Graph, taken: ReadonlySet<string>): Map<string, string> {
  const used = new Set(taken);
  const ids = new Set(graph.nodes.map((n) => n.id));
  const names = new Map<string, string>();
  for (const node of graph.nodes) {
    let name = node.id;
    while (used.has(name) || (name !== node.id && ids.has(name))) name += '_';
    used.add(name);
    names.set(node.id, name);
  }
  return names;
}
