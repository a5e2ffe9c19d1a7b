/**
 * What the command palette lists for a query: the matching commands and the matching nodes (by
 * label, id or kind), each section ranked best first, the section with the better best match first.
 * '>' at the start of the query asks for commands only, '@' for nodes only. Pure.
 */
import type { GraphNode } from '../../../shared/graph';
import type { PaletteCommand } from './commands';
import { rank, type Match } from './match';

/** At most this many nodes are listed (a large workflow has thousands): typing more narrows them. */
export const NODE_LIMIT = 50;

export type PaletteItem =
  /** `field`: which text matched best: 0 the title (the others are not shown: no highlight). */
  | { type: 'command'; key: string; command: PaletteCommand; match: Match; field: number }
  /** `field`: which text matched best: 0 the label, 1 the id, 2 the kind. */
  | { type: 'node'; key: string; node: GraphNode; match: Match; field: number };

export interface PaletteSection {
  title: 'Commands' | 'Nodes';
  items: PaletteItem[];
  /** How many more matched than are listed. */
  more: number;
}

export type PaletteMode = 'all' | 'commands' | 'nodes';

/** The query's mode and the text to match: '>' commands only, '@' nodes only. */
export function readQuery(query: string): { mode: PaletteMode; text: string } {
  const trimmed = query.trimStart();
  if (trimmed.startsWith('>')) return { mode: 'commands', text: trimmed.slice(1).trim() };
  if (trimmed.startsWith('@')) return { mode: 'nodes', text: trimmed.slice(1).trim() };
  return { mode: 'all', text: query.trim() };
}

export function paletteSections(
  query: string,
  commands: readonly PaletteCommand[],
  nodes: readonly GraphNode[],
): PaletteSection[] {
  const { mode, text } = readQuery(query);
  const sections: { section: PaletteSection; best: number }[] = [];
  if (mode !== 'nodes') {
    // The title counts more than the keywords, and the group ("Run", "View") helps a little: "view tim".
    const ranked = rank(
      commands,
      text,
      (c) => [c.title, `${c.group} ${c.title}`, c.keywords ?? ''],
      [30, 10, 0],
    );
    if (ranked.length > 0)
      sections.push({
        section: {
          title: 'Commands',
          items: ranked.map(({ item, match, field }) => ({
            type: 'command',
            key: `command:${item.id}`,
            command: item,
            match,
            field,
          })),
          more: 0,
        },
        best: text === '' ? Infinity : (ranked[0]?.match.score ?? 0),
      });
  }
  // With nothing typed, the nodes are listed only when asked for ('@'): the commands come first.
  if (mode === 'nodes' || (mode === 'all' && text !== '')) {
    const ranked = rank(nodes, text, (n) => [n.label ?? '', n.id, n.kind], [30, 30, 0]);
    if (ranked.length > 0)
      sections.push({
        section: {
          title: 'Nodes',
          items: ranked.slice(0, NODE_LIMIT).map(({ item, match, field }) => ({
            type: 'node',
            key: `node:${item.id}`,
            node: item,
            match,
            field,
          })),
          more: Math.max(0, ranked.length - NODE_LIMIT),
        },
        best: ranked[0]?.match.score ?? 0,
      });
  }
  sections.sort((a, b) => b.best - a.best);
  return sections.map(({ section }) => section);
}
