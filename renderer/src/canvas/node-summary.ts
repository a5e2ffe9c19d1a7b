/** The key params of a node, one short line, for the canvas (each kind's summary in shared/kinds/). */
import type { GraphNode } from '../../../shared/graph';
import { KIND_SPECS as KINDS, type AnyKindSpec } from '../../../shared/kinds/specs';

export { preview } from '../../../shared/kinds/summary-text';

export function nodeSummary(node: GraphNode): string {
  return (KINDS[node.kind] as AnyKindSpec).summary(node.params);
}
