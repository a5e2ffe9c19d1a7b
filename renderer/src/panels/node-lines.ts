/**
 * Where a node's function sits in an export: the lines from its `async def` / `async function`
 * header to the end of its block (1-based, inclusive), or null when the node has no function there.
 */
import type { Graph } from '../../../shared/graph/types';
import { pythonNodeNames } from '../../../shared/codegen/python';

export interface LineRange {
  from: number;
  to: number;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Python: `async def name():` at column 0, through the last non-blank line before the next top-level line. */
function pythonRange(lines: readonly string[], name: string): LineRange | null {
  const header = new RegExp(`^async def ${escapeRegExp(name)}\\(\\):`);
  const start = lines.findIndex((line) => header.test(line));
  if (start < 0) return null;
  let end = start;
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === '') continue;
    if (!/^\s/.test(line)) break;
    end = i;
  }
  return { from: start + 1, to: end + 1 };
}

/** TypeScript: `async function name(signal: AbortSignal)` at column 0, through the `}` closing it at column 0. */
function typeScriptRange(lines: readonly string[], name: string): LineRange | null {
  const header = new RegExp(`^async function ${escapeRegExp(name)}\\(signal: AbortSignal\\)`);
  const start = lines.findIndex((line) => header.test(line));
  if (start < 0) return null;
  for (let i = start + 1; i < lines.length; i++) {
    if (lines[i] === '}') return { from: start + 1, to: i + 1 };
  }
  return { from: start + 1, to: start + 1 };
}

/**
 * The TypeScript exporter names a node by its id plus trailing underscores when the id clashes with a
 * name the file uses; node functions are the only ones taking `(signal: AbortSignal)`, so the first
 * candidate (skipping other nodes' ids) with such a header is the node's.
 */
function typeScriptNodeRange(lines: readonly string[], graph: Graph, id: string): LineRange | null {
  const ids = new Set(graph.nodes.map((n) => n.id));
  let name = id;
  for (let tries = 0; tries < 8; tries++) {
    if (name === id || !ids.has(name)) {
      const range = typeScriptRange(lines, name);
      if (range) return range;
    }
    name += '_';
  }
  return null;
}

export function nodeLineRange(
  code: string,
  language: 'python' | 'typescript',
  graph: Graph,
  id: string,
): LineRange | null {
  if (!graph.nodes.some((n) => n.id === id)) return null;
  const lines = code.split('\n');
  if (language === 'python') {
    const name = pythonNodeNames(graph).get(id);
    return name === undefined ? null : pythonRange(lines, name);
  }
  return typeScriptNodeRange(lines, graph, id);
}
