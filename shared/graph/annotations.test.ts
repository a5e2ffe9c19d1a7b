/** Notes and groups in the workflow file (docs/file-format.md, "Notes and groups"). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exportPython, exportTypeScript } from '../codegen';
import { runWorkflow } from '../runtime/run';
import { parseGraph } from './parse';
import type { Graph } from './types';
import { validateGraph } from './validate';

const RACE = new URL('../../examples/race.flow.json', import.meta.url);

function doc(extra: Record<string, unknown>): Record<string, unknown> {
  return {
    format: 'flowloop.graph/2',
    nodes: [
      { id: 'fetch_page', kind: 'value', params: { value: 1 } },
      { id: 'b', kind: 'value', params: { value: 2 } },
      { id: 'all', kind: 'gather', params: {} },
    ],
    edges: [
      { source: 'fetch_page', target: 'all', input: 0 },
      { source: 'b', target: 'all', input: 1 },
    ],
    ...extra,
  };
}

const note = { id: 'intro', text: '# Hello\n\n**bold** and *it*', position: { x: 10, y: -20 } };
const group = { id: 'inputs', title: 'Inputs', nodes: ['fetch_page', 'b'] };

function messages(value: unknown): string[] {
  const result = validateGraph(value);
  return result.ok ? [] : result.problems.map((p) => p.message);
}

describe('notes and groups: valid files', () => {
  it('accepts notes and groups with every optional field, and keeps them as written', () => {
    const value = doc({
      notes: [
        note,
        { ...note, id: 'two', size: { width: 240, height: 120.5 }, color: 'blue', 'x-tool': [1] },
      ],
      groups: [
        { ...group, color: 'green', 'x-by': 'me' },
        { id: 'end', title: '', nodes: ['all'] },
      ],
    });
    const result = validateGraph(value);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.graph.notes).toEqual((value as { notes: unknown }).notes);
    expect(result.graph.groups).toEqual((value as { groups: unknown }).groups);
  });

  it('accepts empty lists, and a note and a group sharing an id (separate names)', () => {
    expect(messages(doc({ notes: [], groups: [] }))).toEqual([]);
    expect(messages(doc({ notes: [{ ...note, id: 'x' }], groups: [{ ...group, id: 'x' }] }))).toEqual([]);
  });

  it('round-trips through parseGraph: open, save (JSON.stringify) and open give the same notes and groups', () => {
    const text = JSON.stringify(doc({ notes: [note], groups: [group] }), null, 2);
    const first = parseGraph(text);
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    const again = parseGraph(`${JSON.stringify(first.graph, null, 2)}\n`);
    expect(again.ok).toBe(true);
    if (!again.ok) return;
    expect(again.graph).toEqual(first.graph);
    expect(again.graph.notes).toEqual([note]);
    expect(again.graph.groups).toEqual([group]);
  });

  it('reads notes and groups in a version 1 file too (the migration keeps them)', () => {
    const result = parseGraph(
      JSON.stringify({ ...doc({ notes: [note], groups: [group] }), format: 'flowloop.graph/1' }),
    );
    expect(result.ok && result.graph.notes).toEqual([note]);
  });
});

describe('notes and groups: each wrong field', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    [
      'notes not a list',
      { notes: {} },
      "top-level field 'notes' must be a list of notes (or absent), got an object",
    ],
    [
      'groups not a list',
      { groups: 'g' },
      `top-level field 'groups' must be a list of groups (or absent), got "g" (a string)`,
    ],
    ['a note not an object', { notes: [3] }, `'notes[0]' of the workflow must be a note like`],
    [
      'a note without text',
      { notes: [{ id: 'a', position: { x: 0, y: 0 } }] },
      "missing field 'notes[0].text' of the workflow: every note has one",
    ],
    [
      'a note without position',
      { notes: [{ id: 'a', text: '' }] },
      "missing field 'notes[0].position' of the workflow: every note has one",
    ],
    [
      'a note without id',
      { notes: [{ text: '', position: { x: 0, y: 0 } }] },
      "missing field 'notes[0].id' of the workflow: every note has one",
    ],
    [
      'a note id that is empty',
      { notes: [{ ...note, id: '' }] },
      `field 'notes[0].id' of the workflow must be a non-empty string, got "" (a string)`,
    ],
    [
      'a note id that is a number',
      { notes: [{ ...note, id: 7 }] },
      "field 'notes[0].id' of the workflow must be a non-empty string, got 7",
    ],
    [
      'text not a string',
      { notes: [note, { ...note, id: 'b' }, { ...note, id: 'c', text: 3 }] },
      "field 'notes[2].text' of the workflow must be a string (markdown), got 3",
    ],
    [
      'position with a string',
      { notes: [{ ...note, position: { x: '1', y: 0 } }] },
      `field 'notes[0].position.x' of the workflow must be a number, got "1" (a string)`,
    ],
    [
      'size not positive',
      { notes: [{ ...note, size: { width: 0, height: 10 } }] },
      "field 'notes[0].size.width' of the workflow must be a number > 0, got 0",
    ],
    [
      'size with another key',
      { notes: [{ ...note, size: { width: 1, height: 1, depth: 1 } }] },
      "unknown key 'depth' in field 'notes[0].size' of the workflow",
    ],
    [
      'an unknown colour',
      { notes: [{ ...note, color: 'teal' }] },
      `field 'notes[0].color' of the workflow must be one of yellow, green, blue, purple, red, gray, got "teal" (a string)`,
    ],
    [
      'a misspelt note field',
      { notes: [{ ...note, colour: 'blue' }] },
      "unknown field 'colour' in 'notes[0]' of the workflow; known: id, text, position, size, color, and any key starting with x-; did you mean 'color'?",
    ],
    [
      'a group without title',
      { groups: [{ id: 'g', nodes: ['b'] }] },
      "missing field 'groups[0].title' of the workflow: every group has one",
    ],
    [
      'a group title not a string',
      { groups: [{ ...group, title: null }] },
      "field 'groups[0].title' of the workflow must be a string (the group title), got null",
    ],
    [
      'a group without nodes',
      { groups: [{ ...group, nodes: [] }] },
      "field 'groups[0].nodes' of the workflow must be a list of at least one node id",
    ],
    [
      'a group member not a string',
      { groups: [{ ...group, nodes: ['b', 4] }] },
      "field 'groups[0].nodes[1]' of the workflow must be a node id (a string), got 4",
    ],
    [
      'a misspelt group field',
      { groups: [{ ...group, node: ['b'] }] },
      "unknown field 'node' in 'groups[0]' of the workflow; known: id, title, nodes, color, and any key starting with x-; did you mean 'nodes'?",
    ],
    [
      'an x- key that is not JSON data',
      { notes: [{ ...note, 'x-n': Infinity }] },
      `field 'notes[0]["x-n"]' of the workflow`,
    ],
  ];
  it.each(cases)('%s', (_name, extra, expected) => {
    const found = messages(doc(extra));
    expect(
      found.some((message) => message.startsWith(expected)),
      found.join('\n'),
    ).toBe(true);
    const result = validateGraph(doc(extra));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.every((p) => p.code === 'schema')).toBe(true);
  });
});

describe('notes and groups: what relates them', () => {
  it('names a group member that is not a node, with a likely spelling', () => {
    const result = validateGraph(doc({ groups: [{ ...group, nodes: ['b', 'fetch_pag'] }] }));
    expect(result.ok ? [] : result.problems).toEqual([
      {
        code: 'schema',
        message:
          "field 'groups[0].nodes[1]' of the workflow: fetch_pag (did you mean 'fetch_page'?) is not a node of this workflow",
      },
    ]);
  });

  it('refuses two notes, or two groups, with one id', () => {
    expect(messages(doc({ notes: [note, { ...note, text: 'other' }] }))).toEqual([
      'the id intro is used by two notes: notes[0] and notes[1]; note ids must be unique',
    ]);
    const result = validateGraph(doc({ groups: [group, { id: 'inputs', title: 'x', nodes: ['all'] }] }));
    expect(result.ok ? [] : result.problems).toEqual([
      {
        code: 'duplicate-id',
        message: 'the id inputs is used by two groups: groups[0] and groups[1]; group ids must be unique',
      },
    ]);
  });

  it('refuses a node in two groups, naming the node and both groups', () => {
    const result = validateGraph(
      doc({ groups: [group, { id: 'late', title: 'Late', nodes: ['all', 'b'] }] }),
    );
    expect(result.ok ? [] : result.problems).toEqual([
      {
        code: 'schema',
        node: 'b',
        message:
          'node b (value) is in two groups, groups[0] (inputs) and groups[1] (late); a node is in one group at most',
      },
    ]);
  });

  it('refuses a node listed twice in one group', () => {
    expect(messages(doc({ groups: [{ ...group, nodes: ['b', 'all', 'b'] }] }))).toEqual([
      "field 'groups[0].nodes[2]' of the workflow: b is listed twice in this group (also at nodes[0])",
    ]);
  });

  it('reports every problem at once, after the nodes and edges', () => {
    const value = doc({ notes: [{ ...note, text: 1 }], groups: [{ ...group, nodes: ['zzz'] }] });
    (value.nodes as unknown[]).push({ id: 'bad', kind: 'sleep', params: {} });
    const found = messages(value);
    expect(found).toHaveLength(3);
    expect(found[0]).toContain("parameter 'seconds'");
    expect(found[1]).toContain("'notes[0].text'");
    expect(found[2]).toContain("'groups[0].nodes[0]'");
  });
});

describe('runs and exports ignore notes and groups', () => {
  const text = readFileSync(RACE, 'utf8');
  const plain = parseGraph(text);
  const annotated = parseGraph(
    JSON.stringify({
      ...JSON.parse(text),
      notes: [
        { id: 'why', text: 'The **first** answer *wins*.', position: { x: 0, y: -160 }, color: 'yellow' },
      ],
      groups: [
        {
          id: 'replicas',
          title: 'Replicas',
          nodes: ['replica_eu', 'replica_us', 'replica_ap'],
          color: 'blue',
        },
      ],
    }),
  );
  if (!plain.ok || !annotated.ok) throw new Error('the race example does not parse');
  const bare: Graph = plain.graph;
  const rich: Graph = annotated.graph;

  it('runs alike: same report, event for event', async () => {
    const [a, b] = await Promise.all([
      runWorkflow(bare, { clock: 'virtual' }),
      runWorkflow(rich, { clock: 'virtual' }),
    ]);
    expect(b.status).toBe('done');
    expect(JSON.stringify(b)).toEqual(JSON.stringify(a));
    expect(a.events.length).toBeGreaterThan(0);
  });

  it('exports alike: the same Python and TypeScript, byte for byte', () => {
    expect(exportPython(rich)).toEqual(exportPython(bare));
    expect(exportTypeScript(rich)).toEqual(exportTypeScript(bare));
  });
});
