/** Fresh node ids: `<kind>_<n>`, always a valid identifier and never one already taken. */
import { isValidNodeId, type NodeKind } from '../../../shared/graph';

export function freshId(base: string, taken: ReadonlySet<string>): string {
  const stem = /^[A-Za-z_][A-Za-z0-9_]*$/.test(base) ? base.replace(/_\d+$/, '') : 'node';
  for (let n = 1; ; n++) {
    const id = `${stem}_${n}`;
    if (!taken.has(id) && isValidNodeId(id)) return id;
  }
}

export function freshIdForKind(kind: NodeKind, taken: ReadonlySet<string>): string {
  return freshId(kind, taken);
}
