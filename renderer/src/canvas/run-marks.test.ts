import { describe, expect, it } from 'vitest';
import type { StateEvent } from '../../../shared/runtime/types';
import { createEditorStore } from '../store/editor-store';
import { createRunMarks, type MarkTarget } from './run-marks';
import { STATE_MARKS } from './state-marks';

/** An element as the marks use it: its attributes and text, and every write made to it. */
class RecordingElement implements MarkTarget {
  readonly attributes = new Map<string, string>();
  readonly writes: string[] = [];
  #text: string | null = null;
  setAttribute(name: string, value: string): void {
    this.attributes.set(name, value);
    this.writes.push(`${name}=${value}`);
  }
  removeAttribute(name: string): void {
    this.attributes.delete(name);
    this.writes.push(`-${name}`);
  }
  get textContent(): string | null {
    return this.#text;
  }
  set textContent(text: string | null) {
    this.#text = text;
    this.writes.push(`text=${text ?? ''}`);
  }
}

function startedRun() {
  const store = createEditorStore();
  store.getState().runStarting();
  store.getState().runStarted('r');
  let seq = 0;
  const events = (...changes: [string, StateEvent['state']][]) =>
    store.getState().applyHostEvent({
      type: 'run.events',
      runId: 'r',
      holder: null,
      warnings: [],
      now: seq,
      states: changes.map(([node, state]) => ({ seq: seq++, t: seq / 1000, node, state })),
    });
  return { store, events, marks: createRunMarks(store) };
}

function attachedEdge(marks: ReturnType<typeof createRunMarks>, source: string) {
  const group = new RecordingElement();
  const title = new RecordingElement();
  marks.attachEdge(source, group, title);
  return { group, title };
}

function attachedNode(marks: ReturnType<typeof createRunMarks>, id: string) {
  const element = new RecordingElement();
  const mark = new RecordingElement();
  const detach = marks.attachNode(id, element, mark);
  return { element, mark, detach };
}

describe('run marks of nodes', () => {
  it('show the state a node has when it is attached, idle before its first event', () => {
    const { events, marks } = startedRun();
    events(['a', 'running']);
    const a = attachedNode(marks, 'a');
    const b = attachedNode(marks, 'b');
    expect(a.element.attributes.get('data-state')).toBe('running');
    expect(a.mark.textContent).toBe(STATE_MARKS.running);
    expect(a.mark.attributes.get('aria-label')).toBe('state running');
    expect(b.element.attributes.get('data-state')).toBe('idle');
    expect(b.mark.textContent).toBe('');
  });

  it('write to the nodes whose state changed in a batch, and to no other', () => {
    const { events, marks } = startedRun();
    const a = attachedNode(marks, 'a');
    const b = attachedNode(marks, 'b');
    const written = () => [a, b].map((n) => n.element.writes.length + n.mark.writes.length);
    const before = written();
    events(['a', 'pending'], ['a', 'running'], ['a', 'done']);
    expect(a.element.attributes.get('data-state')).toBe('done');
    expect(a.mark.textContent).toBe(STATE_MARKS.done);
    // One batch, one write of each mark, showing the batch's last state.
    expect(a.element.writes.slice(-1)).toEqual(['data-state=done']);
    expect(written()[0]).toBe((before[0] ?? 0) + 3);
    expect(written()[1]).toBe(before[1]);
  });

  it('write nothing when a store update leaves the shown states as they were', () => {
    const { store, marks } = startedRun();
    const a = attachedNode(marks, 'a');
    const before = a.element.writes.length + a.mark.writes.length;
    store.getState().say('hello');
    store.getState().setSnap(false);
    expect(a.element.writes.length + a.mark.writes.length).toBe(before);
  });

  it('show the replayed instant while the timeline is scrubbed, then the run again', () => {
    const { store, events, marks } = startedRun();
    const a = attachedNode(marks, 'a');
    events(['a', 'pending'], ['a', 'done']);
    store.getState().setReplay({ a: 'pending' });
    expect(a.element.attributes.get('data-state')).toBe('pending');
    store.getState().setReplay({});
    expect(a.element.attributes.get('data-state')).toBe('idle');
    store.getState().setReplay(null);
    expect(a.element.attributes.get('data-state')).toBe('done');
  });

  it('leave a detached node’s elements alone', () => {
    const { events, marks } = startedRun();
    const a = attachedNode(marks, 'a');
    a.detach();
    events(['a', 'done']);
    expect(a.element.attributes.get('data-state')).toBe('idle');
  });

  it('stop following the store once disposed', () => {
    const { events, marks } = startedRun();
    const a = attachedNode(marks, 'a');
    marks.dispose();
    events(['a', 'done']);
    expect(a.element.attributes.get('data-state')).toBe('idle');
  });
});

describe('run marks of edges', () => {
  it('mark what flowed from the source, wait while it is pending or running, and say it in the title', () => {
    const { events, marks } = startedRun();
    const { group, title } = attachedEdge(marks, 'a');
    expect(group.attributes.has('data-flow')).toBe(false);
    expect(group.attributes.has('data-waiting')).toBe(false);
    expect(title.textContent).toBe('');

    events(['a', 'running']);
    expect(group.attributes.has('data-waiting')).toBe(true);
    expect(group.attributes.has('data-flow')).toBe(false);

    events(['a', 'failed']);
    expect(group.attributes.get('data-flow')).toBe('error');
    expect(group.attributes.has('data-waiting')).toBe(false);
    expect(title.textContent).toBe('carried an exception');
  });

  it('write only the part of an edge’s mark that changed', () => {
    const { events, marks } = startedRun();
    const { group, title } = attachedEdge(marks, 'a');
    events(['a', 'pending']);
    const [groupBefore, titleBefore] = [group.writes.length, title.writes.length];
    events(['a', 'running']); // still waiting, nothing flowed: the same mark
    expect([group.writes.length, title.writes.length]).toEqual([groupBefore, titleBefore]);
    events(['a', 'done']);
    expect(group.writes.slice(groupBefore)).toEqual(['data-flow=value', '-data-waiting']);
    expect(title.writes.slice(titleBefore)).toEqual(['text=carried a value']);
  });
});
