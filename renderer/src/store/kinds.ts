/** What the editor knows about each kind (shared/kinds/): palette groups and descriptions, the params a new node starts with. */
import { COMBINATOR_KINDS, COROUTINE_KINDS, type GraphNode, type NodeKind } from '../../../shared/graph';
import { KIND_SPECS as KINDS } from '../../../shared/kinds/specs';

export const KIND_GROUPS: readonly { title: string; kinds: readonly NodeKind[] }[] = [
  { title: 'Coroutines', kinds: COROUTINE_KINDS },
  { title: 'Combinators', kinds: COMBINATOR_KINDS },
];

export const KIND_DESCRIPTIONS = Object.fromEntries(
  Object.values(KINDS).map((definition) => [definition.kind, definition.palette]),
) as Record<NodeKind, string>;

export function newNode(kind: NodeKind, id: string, position: { x: number; y: number }): GraphNode {
  const params = structuredClone(KINDS[kind].newParams);
  return { id, kind, params, position } as GraphNode;
}
