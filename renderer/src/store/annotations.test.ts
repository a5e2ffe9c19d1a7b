/** The editor store's notes and groups: each edit is one undo step and keeps the document valid. */
import { describe, expect, it } from 'vitest';
import { GRAPH_FORMAT, validateGraph, type Graph } from '../../../shared/graph';
import { groupFrame } from './annotations';
import { createEditorStore } from './editor-store';

const threeNodes = (): Graph => ({
  format: GRAPH_FORMAT,
  name: 'three',
  nodes: [
    { id: 'a', kind: 'sleep', params: { seconds: 1 }, position: { x: 0, y: 0 } },
    { id: 'b', kind: 'sleep', params: { seconds: 2 }, position: { x: 0, y: 96 } },
    { id: 'all', kind: 'gather', params: {}, position: { x: 304, y: 48 } },
  ],
  edges: [
    { source: 'a', target: 'all', input: 0 },
    { source: 'b', target: 'all', input: 1 },
  ],
});

function storeWith(graph: Graph = threeNodes()) {
  const store = createEditorStore();
  store.getState().openDocument(graph, '/tmp/x.flow.json');
  return store;
}

const valid = (graph: Graph | null) => validateGraph(graph).ok;

describe('notes', () => {
  it('adds a note (snapped, selected), edits its text, moves and resizes it, each one undo step', () => {
    const store = storeWith();
    const id = store.getState().addNote({ x: 10, y: 250 }, '**hi**');
    expect(id).toBe('note1');
    expect(store.getState().graph?.notes).toEqual([
      { id: 'note1', text: '**hi**', position: { x: 16, y: 256 } },
    ]);
    expect(store.getState().selection).toEqual({ nodes: [], edges: [], notes: ['note1'] });
    store.getState().setNoteText('note1', 'changed');
    store.getState().moveNodes([], true, [{ id: 'note1', position: { x: 40, y: 300 } }]);
    store.getState().moveNodes([], true, [{ id: 'note1', position: { x: 64, y: 320 } }]);
    store.getState().moveNodes([], false, [{ id: 'note1', size: { width: 300.4, height: 200 } }]);
    expect(store.getState().graph?.notes?.[0]).toEqual({
      id: 'note1',
      text: 'changed',
      position: { x: 64, y: 320 },
      size: { width: 300, height: 200 },
    });
    expect(valid(store.getState().graph)).toBe(true);
    store.getState().undo(); // the whole drag
    expect(store.getState().graph?.notes?.[0]).toMatchObject({
      text: 'changed',
      position: { x: 16, y: 256 },
    });
    store.getState().undo();
    store.getState().undo();
    expect(store.getState().graph?.notes).toBeUndefined();
  });

  it('colours a note and a group; the default colour is written as none', () => {
    const store = storeWith();
    store.getState().addNote({ x: 0, y: 0 });
    store.getState().setAnnotationColor('note', 'note1', 'blue');
    expect(store.getState().graph?.notes?.[0]?.color).toBe('blue');
    store.getState().setAnnotationColor('note', 'note1', 'yellow');
    expect(store.getState().graph?.notes?.[0]).not.toHaveProperty('color');
    const steps = store.getState().past.length;
    store.getState().setAnnotationColor('note', 'note1', 'yellow'); // no change, no undo step
    expect(store.getState().past).toHaveLength(steps);
    store.getState().setSelection({ nodes: ['a'], edges: [] });
    store.getState().groupSelection();
    store.getState().setAnnotationColor('group', 'group1', 'purple');
    expect(store.getState().graph?.groups?.[0]?.color).toBe('purple');
    expect(valid(store.getState().graph)).toBe(true);
    store.getState().undo();
    expect(store.getState().graph?.groups?.[0]).not.toHaveProperty('color');
  });

  it('deletes selected notes with the selection; an empty list is not kept', () => {
    const store = storeWith();
    store.getState().addNote({ x: 0, y: 0 });
    store.getState().deleteSelection();
    expect(store.getState().graph).not.toHaveProperty('notes');
    store.getState().undo();
    expect(store.getState().graph?.notes).toHaveLength(1);
  });
});

describe('groups', () => {
  it('groups the selected nodes, titled, selected; undo removes the group', () => {
    const store = storeWith();
    store.getState().setSelection({ nodes: ['b', 'a'], edges: [] });
    const id = store.getState().groupSelection('Sleepers');
    expect(id).toBe('group1');
    expect(store.getState().graph?.groups).toEqual([{ id: 'group1', title: 'Sleepers', nodes: ['a', 'b'] }]);
    expect(store.getState().selection.groups).toEqual(['group1']);
    expect(valid(store.getState().graph)).toBe(true);
    store.getState().setGroupTitle('group1', 'Naps');
    expect(store.getState().graph?.groups?.[0]?.title).toBe('Naps');
    store.getState().undo();
    store.getState().undo();
    expect(store.getState().graph).not.toHaveProperty('groups');
  });

  it('refuses to group nothing, and says so', () => {
    const store = storeWith();
    expect(store.getState().groupSelection()).toBeNull();
    expect(store.getState().status?.text).toMatch(/Select the nodes/);
    expect(store.getState().past).toHaveLength(0);
  });

  it('moves a group: its nodes move together, others stay, one undo step', () => {
    const store = storeWith();
    store.getState().setSelection({ nodes: ['a', 'b'], edges: [] });
    const id = store.getState().groupSelection() as string;
    store.getState().moveGroup(id, 160, 32);
    const at = (node: string) => store.getState().graph?.nodes.find((n) => n.id === node)?.position;
    expect([at('a'), at('b'), at('all')]).toEqual([
      { x: 160, y: 32 },
      { x: 160, y: 128 },
      { x: 304, y: 48 },
    ]);
    store.getState().undo();
    expect([at('a'), at('b')]).toEqual([
      { x: 0, y: 0 },
      { x: 0, y: 96 },
    ]);
  });

  it('draws the frame around its nodes by their sizes, with room for the title', () => {
    const graph = threeNodes();
    const frame = groupFrame(graph, { id: 'g', title: 't', nodes: ['a', 'all'] }, (id) =>
      id === 'a' ? { width: 100, height: 50 } : { width: 200, height: 60 },
    );
    expect(frame).toEqual({ x: -16, y: -48, width: 304 + 200 + 32, height: 108 + 48 + 16 });
  });

  it('a node moves to a new group from its old one; an emptied group goes', () => {
    const store = storeWith();
    store.getState().setSelection({ nodes: ['a'], edges: [] });
    store.getState().groupSelection('one');
    store.getState().setSelection({ nodes: ['a', 'b'], edges: [] });
    store.getState().groupSelection('two');
    expect(store.getState().graph?.groups).toEqual([{ id: 'group2', title: 'two', nodes: ['a', 'b'] }]);
    expect(valid(store.getState().graph)).toBe(true);
  });

  it('ungroups the selected group, or the groups of the selected nodes; the nodes stay', () => {
    const store = storeWith();
    store.getState().setSelection({ nodes: ['a', 'b'], edges: [] });
    store.getState().groupSelection();
    store.getState().ungroupSelection();
    expect(store.getState().graph).not.toHaveProperty('groups');
    expect(store.getState().graph?.nodes).toHaveLength(3);
    store.getState().undo();
    store.getState().setSelection({ nodes: ['b'], edges: [] });
    store.getState().ungroupSelection();
    expect(store.getState().graph).not.toHaveProperty('groups');
  });

  it('deleting a node takes it out of its group; renaming one keeps it in', () => {
    const store = storeWith();
    store.getState().setSelection({ nodes: ['a', 'b'], edges: [] });
    store.getState().groupSelection();
    store.getState().renameNode('a', 'first');
    expect(store.getState().graph?.groups?.[0]?.nodes).toEqual(['first', 'b']);
    store.getState().setSelection({ nodes: ['b'], edges: [] });
    store.getState().deleteSelection();
    expect(store.getState().graph?.groups?.[0]?.nodes).toEqual(['first']);
    store.getState().setSelection({ nodes: ['first'], edges: [] });
    store.getState().deleteSelection();
    expect(store.getState().graph).not.toHaveProperty('groups');
    expect(store.getState().problems).toEqual([]);
  });

  it('deleting a selected group frame removes the group, not its nodes', () => {
    const store = storeWith();
    store.getState().setSelection({ nodes: ['a', 'b'], edges: [] });
    store.getState().groupSelection();
    store.getState().deleteSelection(); // the new group is selected alone
    expect(store.getState().graph).not.toHaveProperty('groups');
    expect(store.getState().graph?.nodes).toHaveLength(3);
  });
});
