/** The key params of a node, one short line, for the canvas (each kind's summary in shared/kinds/). */
import type { GraphNode, NodeKind } from '../../../shared/graph';
import type { KindSpec } from '../../../shared/kinds/definition';
import { KIND_SPECS as KINDS } from '../../../shared/kinds/specs';

export { preview } from '../../../shared/kinds/summary-text';

export function nodeSummary(node: GraphNode): string {
  return (KINDS[node.kind] as KindSpec<NodeKind>).summary(node.params);
}
