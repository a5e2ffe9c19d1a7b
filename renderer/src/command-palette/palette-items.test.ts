import { describe, expect, it } from 'vitest';
import type { GraphNode } from '../../../shared/graph';
import { PALETTE_COMMANDS } from './commands';
import { NODE_LIMIT, paletteSections, readQuery } from './palette-items';

const node = (id: string, kind: GraphNode['kind'], label?: string): GraphNode =>
  ({ id, kind, params: {}, ...(label === undefined ? {} : { label }) }) as GraphNode;
const NODES = [
  node('page_a', 'fetch', 'First page'),
  node('nap', 'sleep'),
  node('all_done', 'gather', 'Run all'),
];
const titles = (query: string, nodes = NODES) =>
  paletteSections(query, PALETTE_COMMANDS, nodes).map((s) => [
    s.title,
    s.items.map((i) => (i.type === 'command' ? i.command.id : i.node.id)),
  ]);

describe('readQuery', () => {
  it('reads > as commands only and @ as nodes only', () => {
    expect(readQuery('> save')).toEqual({ mode: 'commands', text: 'save' });
    expect(readQuery('@nap')).toEqual({ mode: 'nodes', text: 'nap' });
    expect(readQuery(' run ')).toEqual({ mode: 'all', text: 'run' });
  });
});

describe('paletteSections', () => {
  it('lists every given command and no node when nothing is typed', () => {
    expect(titles('')).toEqual([['Commands', PALETTE_COMMANDS.map((c) => c.id)]]);
  });

  it('lists every node for a bare @, in the workflow’s order', () => {
    expect(titles('@')).toEqual([['Nodes', ['page_a', 'nap', 'all_done']]]);
  });

  it('finds nodes by id, label and kind', () => {
    expect(titles('@nap')).toEqual([['Nodes', ['nap']]]);
    expect(titles('@first')).toEqual([['Nodes', ['page_a']]]);
    expect(titles('@gather')).toEqual([['Nodes', ['all_done']]]);
    const [section] = paletteSections('@gather', PALETTE_COMMANDS, NODES);
    expect(section?.items[0]).toMatchObject({ type: 'node', field: 2 });
  });

  it('puts the section whose best match is better first', () => {
    const [first] = titles('nap');
    expect(first).toEqual(['Nodes', ['nap']]);
    const sections = titles('save');
    expect(sections[0]?.[0]).toBe('Commands');
    expect(sections[0]?.[1]).toEqual(['file.save', 'file.saveAs']);
  });

  it('ranks Run before the commands that only contain its letters, and finds a node labelled with them too', () => {
    const sections = paletteSections('run', PALETTE_COMMANDS, NODES);
    const commands = sections.find((s) => s.title === 'Commands');
    expect(commands?.items[0]).toMatchObject({ type: 'command', command: { id: 'run.run' } });
    expect(sections.find((s) => s.title === 'Nodes')?.items.map((i) => i.key)).toEqual(['node:all_done']);
  });

  it('lists at most NODE_LIMIT nodes and counts the rest', () => {
    const many = Array.from({ length: NODE_LIMIT + 7 }, (_, i) => node(`n${i}`, 'sleep'));
    const [section] = paletteSections('@n', PALETTE_COMMANDS, many);
    expect(section?.items).toHaveLength(NODE_LIMIT);
    expect(section?.more).toBe(7);
  });

  it('gives nothing when nothing matches', () => {
    expect(paletteSections('qqqq', PALETTE_COMMANDS, NODES)).toEqual([]);
  });
});
