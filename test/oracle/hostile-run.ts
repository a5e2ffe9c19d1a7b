/**
 * The graph the sandbox tests run a hostile transform in: the transform (`hostile`) gets a sleep's
 * value at t = 1 while two other sleeps end at t = 2 and t = 3, all gathered with
 * returnExceptions — so the report shows the hostile node failing and the loop serving the others.
 * `then` adds a second, harmless transform after the t = 3 sleep: the sandbox still works after.
 */
import type { Graph, GraphEdge, GraphNode } from '../../shared/graph/types';

const sleep = (id: string, seconds: number, result: string): GraphNode => ({
  id,
  kind: 'sleep',
  params: { seconds, result },
});
const edge = (source: string, target: string, input: number): GraphEdge => ({ source, target, input });
const transform = (id: string, code: string): GraphNode => ({
  id,
  kind: 'transform',
  params: { language: 'javascript', code },
});

export function hostileRunGraph(code: string, options: { then?: boolean } = {}): Graph {
  const nodes = [
    sleep('before', 1, 'b'),
    transform('hostile', code),
    sleep('alongside', 2, 'a'),
    sleep('after', 3, 'c'),
  ];
  const edges = [edge('before', 'hostile', 0), edge('hostile', 'all', 0), edge('alongside', 'all', 1)];
  if (options.then === true) {
    nodes.push(transform('next', 'input + "!"'));
    edges.push(edge('after', 'next', 0), edge('next', 'all', 2));
  } else {
    edges.push(edge('after', 'all', 2));
  }
  nodes.push({ id: 'all', kind: 'gather', params: { returnExceptions: true } });
  return { format: 'flowloop.graph/2', nodes, edges };
}
