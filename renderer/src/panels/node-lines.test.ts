import { describe, expect, it } from 'vitest';
import { exportPython, exportTypeScript } from '../../../shared/codegen';
import type { Graph } from '../../../shared/graph/types';
import { nodeLineRange } from './node-lines';
import exampleJson from '../../../examples/timeout-wait-for.flow.json';

const example = exampleJson as Graph;

function codeOf(result: ReturnType<typeof exportPython>): string {
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.code;
}

function linesOf(code: string, range: { from: number; to: number } | null): string[] {
  if (!range) throw new Error('no range');
  return code.split('\n').slice(range.from - 1, range.to);
}

describe('nodeLineRange', () => {
  it('finds a node’s whole async def in the Python export', () => {
    const code = codeOf(exportPython(example));
    const lines = linesOf(code, nodeLineRange(code, 'python', example, 'limit'));
    expect(lines).toEqual([
      'async def limit():',
      '    return await asyncio.wait_for(demand(slow_call), timeout=2)',
    ]);
  });

  it('finds a node’s whole async function in the TypeScript export', () => {
    const code = codeOf(exportTypeScript(example));
    const lines = linesOf(code, nodeLineRange(code, 'typescript', example, 'limit'));
    expect(lines[0]).toMatch(/^async function limit\(signal: AbortSignal\)/);
    expect(lines.at(-1)).toBe('}');
    expect(lines.join('\n')).toContain('slow_call');
    expect(lines.join('\n')).not.toContain('async function limit_fast');
  });

  it('follows the exporters’ renaming of an id that clashes with a name the file uses', () => {
    const graph: Graph = {
      ...example,
      nodes: example.nodes.map((n) => (n.id === 'fast_call' ? { ...n, id: 'sleep' } : n)),
      edges: example.edges.map((e) => ({
        ...e,
        source: e.source === 'fast_call' ? 'sleep' : e.source,
        target: e.target === 'fast_call' ? 'sleep' : e.target,
      })),
    };
    const ts = codeOf(exportTypeScript(graph));
    const tsLines = linesOf(ts, nodeLineRange(ts, 'typescript', graph, 'sleep'));
    expect(tsLines[0]).toMatch(/^async function sleep_\(signal: AbortSignal\)/);
    const py = codeOf(exportPython(graph));
    const pyRange = nodeLineRange(py, 'python', graph, 'sleep');
    expect(linesOf(py, pyRange)[0]).toMatch(/^async def sleep_?\(\):/);
  });

  it('gives null for a node the graph does not have', () => {
    const code = codeOf(exportPython(example));
    expect(nodeLineRange(code, 'python', example, 'nope')).toBeNull();
  });
});
