/** Import cycles in a module graph, at the level of modules or of any grouping of them (folders). */

/** Each module's imports of other modules. */
export type ModuleImports = ReadonlyMap<string, readonly string[]>;

/**
 * The cycles among the groups `groupOf` puts the modules in: each strongly connected set of two or
 * more groups (Tarjan), with the imports that tie it together (`a -> b` for modules a and b), sorted.
 * A group importing itself is no cycle.
 */
export function importCycles(
  imports: ModuleImports,
  groupOf: (module: string) => string,
): { groups: string[]; imports: string[] }[] {
  const edges = new Map<string, Map<string, string[]>>();
  for (const [from, targets] of imports) {
    for (const to of targets) {
      const [a, b] = [groupOf(from), groupOf(to)];
      if (a === b) continue;
      const out = edges.get(a) ?? new Map<string, string[]>();
      edges.set(a, out);
      out.set(b, [...(out.get(b) ?? []), `${from} -> ${to}`]);
    }
  }
  const groups = [...new Set([...imports.keys()].map(groupOf))];
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const connect = (group: string): void => {
    index.set(group, counter);
    low.set(group, counter);
    counter += 1;
    stack.push(group);
    onStack.add(group);
    for (const next of edges.get(group)?.keys() ?? []) {
      if (!index.has(next)) {
        connect(next);
        low.set(group, Math.min(low.get(group) as number, low.get(next) as number));
      } else if (onStack.has(next)) {
        low.set(group, Math.min(low.get(group) as number, index.get(next) as number));
      }
    }
    if (low.get(group) !== index.get(group)) return;
    const component: string[] = [];
    for (let member = stack.pop(); member !== undefined; member = stack.pop()) {
      onStack.delete(member);
      component.push(member);
      if (member === group) break;
    }
    if (component.length > 1) found.push(component.sort());
  };
  for (const group of groups) if (!index.has(group)) connect(group);
  return found.map((members) => ({
    groups: members,
    imports: members
      .flatMap((a) =>
        [...(edges.get(a) ?? [])].filter(([b]) => members.includes(b)).flatMap(([, why]) => why),
      )
      .sort(),
  }));
}
