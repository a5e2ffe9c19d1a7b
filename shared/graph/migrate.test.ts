import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { READABLE_FORMATS, isOlderFormat, migrateToCurrent } from './migrate';
import { parseGraph } from './parse';
import { GRAPH_FORMAT } from './types';
import { validateGraph } from './validate';

const scenarios = fileURLToPath(new URL('../../test/oracle/scenarios/', import.meta.url));

describe('reading older formats', () => {
  it('knows version 1 as older and version 2 as current', () => {
    expect(GRAPH_FORMAT).toBe('flowloop.graph/2');
    expect(READABLE_FORMATS).toEqual(['flowloop.graph/1', 'flowloop.graph/2']);
    expect(isOlderFormat('flowloop.graph/1')).toBe(true);
    expect(isOlderFormat('flowloop.graph/2')).toBe(false);
    expect(isOlderFormat('flowloop.graph/0')).toBe(false);
    expect(isOlderFormat(1)).toBe(false);
  });

  it('migrates a version 1 document in place to the current format, changing nothing else', () => {
    const doc: Record<string, unknown> = {
      format: 'flowloop.graph/1',
      name: 'old',
      'x-tool': { keep: true },
      nodes: [{ id: 'a', kind: 'sleep', params: { seconds: 1 } }],
    };
    const before = structuredClone(doc);
    expect(migrateToCurrent(doc)).toBe('flowloop.graph/1');
    expect(doc).toEqual({ ...before, format: GRAPH_FORMAT });
  });

  it('reads a version 1 file as the same workflow in the current format, and validateGraph leaves the value alone', () => {
    const v1 = {
      format: 'flowloop.graph/1',
      nodes: [
        { id: 'a', kind: 'value', params: { value: 1 }, position: { x: 1, y: 2 } },
        { id: 'all', kind: 'gather', params: {} },
      ],
      edges: [{ source: 'a', target: 'all', input: 0 }],
    };
    const parsed = parseGraph(JSON.stringify(v1));
    expect(parsed).toEqual({ ok: true, graph: { ...v1, format: GRAPH_FORMAT }, problems: [] });
    const checked = validateGraph(v1);
    expect(checked.ok && checked.graph.format).toBe(GRAPH_FORMAT);
    expect(v1.format).toBe('flowloop.graph/1');
    // A version 1 document is checked after migrating, with every problem reported.
    const broken = parseGraph(JSON.stringify({ ...v1, nodes: [{ id: 'class', kind: 'nap' }] }));
    expect(broken.problems.map((p) => p.code)).toEqual(['bad-id', 'unknown-kind', 'dangling-edge']);
  });

  it('reads every version 1 scenario of the oracle (test/oracle/scenarios/) to the same graph as its version 2 text', () => {
    const files = readdirSync(scenarios).filter((name) => name.endsWith('.flow.json'));
    expect(files.length).toBeGreaterThan(20);
    let older = 0;
    for (const name of files) {
      const text = readFileSync(`${scenarios}${name}`, 'utf8');
      const value = JSON.parse(text) as { format: unknown };
      if (value.format !== 'flowloop.graph/1') continue;
      older++;
      const asOld = parseGraph(text);
      const asCurrent = parseGraph(JSON.stringify({ ...value, format: GRAPH_FORMAT }));
      expect(asOld, name).toEqual(asCurrent);
    }
    expect(older).toBeGreaterThan(20);
  });
});
