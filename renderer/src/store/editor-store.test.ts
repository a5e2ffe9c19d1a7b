import { describe, expect, it } from 'vitest';
import { GRAPH_FORMAT, type Graph } from '../../../shared/graph';
import type { EndedReport } from '../../../shared/protocol/messages';
import type { StateEvent } from '../../../shared/runtime/types';
import { createEditorStore, edgeId } from './editor-store';
import { CLIPBOARD_FORMAT } from './clipboard';
import { countStates } from '../model/state-counts';

function storeWith(graph?: Graph) {
  const store = createEditorStore();
  if (graph) store.getState().openDocument(graph, '/tmp/x.flow.json');
  else store.getState().newDocument();
  return store;
}

const threeNodes = (): Graph => ({
  format: GRAPH_FORMAT,
  name: 'three',
  nodes: [
    { id: 'a', kind: 'sleep', params: { seconds: 1 }, position: { x: 0, y: 0 } },
    { id: 'b', kind: 'sleep', params: { seconds: 2 }, position: { x: 0, y: 100 } },
    { id: 'all', kind: 'gather', params: {}, position: { x: 300, y: 50 } },
  ],
  edges: [
    { source: 'a', target: 'all', input: 0 },
    { source: 'b', target: 'all', input: 1 },
  ],
  'x-note': 'kept',
});

describe('undo and redo', () => {
  it('undoes and redoes adding a node', () => {
    const store = storeWith();
    const id = store.getState().addNode('sleep', { x: 10, y: 10 });
    expect(id).toBe('sleep_1');
    expect(store.getState().graph?.nodes.map((n) => n.id)).toEqual(['sleep_1']);
    expect(store.getState().dirty).toBe(true);
    store.getState().undo();
    expect(store.getState().graph?.nodes).toEqual([]);
    store.getState().redo();
    expect(store.getState().graph?.nodes.map((n) => n.id)).toEqual(['sleep_1']);
  });

  it('undoes deleting a node together with its edges', () => {
    const store = storeWith(threeNodes());
    store.getState().setSelection({ nodes: ['a'], edges: [] });
    store.getState().deleteSelection();
    expect(store.getState().graph?.nodes.map((n) => n.id)).toEqual(['b', 'all']);
    expect(store.getState().graph?.edges).toHaveLength(1);
    store.getState().undo();
    expect(store.getState().graph).toEqual(threeNodes());
  });

  it('records one undo step for a whole drag', () => {
    const store = storeWith(threeNodes());
    store.getState().setSnap(false);
    store.getState().moveNodes([{ id: 'a', position: { x: 5, y: 5 } }], true);
    store.getState().moveNodes([{ id: 'a', position: { x: 50, y: 50 } }], true);
    store.getState().moveNodes([{ id: 'a', position: { x: 70, y: 90 } }], false);
    expect(store.getState().graph?.nodes[0]?.position).toEqual({ x: 70, y: 90 });
    expect(store.getState().past).toHaveLength(1);
    store.getState().undo();
    expect(store.getState().graph?.nodes[0]?.position).toEqual({ x: 0, y: 0 });
    store.getState().redo();
    expect(store.getState().graph?.nodes[0]?.position).toEqual({ x: 70, y: 90 });
  });

  it('snaps moves to the grid when snapping is on, and nudges by exact steps', () => {
    const store = storeWith(threeNodes());
    store.getState().moveNodes([{ id: 'a', position: { x: 21, y: 9 } }], false);
    expect(store.getState().graph?.nodes[0]?.position).toEqual({ x: 16, y: 16 });
    store.getState().setSelection({ nodes: ['a'], edges: [] });
    store.getState().nudge(1, 0);
    expect(store.getState().graph?.nodes[0]?.position).toEqual({ x: 17, y: 16 });
    store.getState().undo();
    expect(store.getState().graph?.nodes[0]?.position).toEqual({ x: 16, y: 16 });
  });

  it('undoes a connection and a parameter change', () => {
    const store = storeWith(threeNodes());
    store.getState().addNode('wait_for', { x: 600, y: 50 });
    expect(store.getState().connect({ source: 'all', target: 'wait_for_1', input: 0 })).toBeNull();
    expect(store.getState().graph?.edges).toHaveLength(3);
    store.getState().setParams('a', { seconds: 7 });
    expect(store.getState().graph?.nodes[0]?.params).toEqual({ seconds: 7 });
    store.getState().undo();
    expect(store.getState().graph?.nodes[0]?.params).toEqual({ seconds: 1 });
    store.getState().undo();
    expect(store.getState().graph?.edges).toHaveLength(2);
    store.getState().redo();
    store.getState().redo();
    expect(store.getState().graph?.edges).toHaveLength(3);
    expect(store.getState().graph?.nodes[0]?.params).toEqual({ seconds: 7 });
  });

  it('keeps the name, view and x- keys through edits', () => {
    const store = storeWith(threeNodes());
    store.getState().setView({ x: 1, y: 2, zoom: 1.5 });
    store.getState().addNode('value', { x: 0, y: 0 });
    const graph = store.getState().graph;
    expect(graph?.['x-note']).toBe('kept');
    expect(graph?.name).toBe('three');
    expect(graph?.view).toEqual({ x: 1, y: 2, zoom: 1.5 });
  });
});

describe('renaming', () => {
  it('renames a node, its edges follow, and undo restores the old id', () => {
    const store = storeWith(threeNodes());
    expect(store.getState().renameNode('a', 'first')).toBeNull();
    expect(store.getState().graph?.edges[0]).toEqual({ source: 'first', target: 'all', input: 0 });
    expect(store.getState().renameNode('first', 'b')).toMatch(/already/);
    expect(store.getState().renameNode('first', '9x')).toMatch(/cannot be a node id/);
    expect(store.getState().renameNode('first', 'class')).toMatch(/cannot be a node id/);
    store.getState().undo();
    expect(store.getState().graph).toEqual(threeNodes());
  });
});

describe('clipboard', () => {
  it('pastes copies with fresh ids and rewired edges', () => {
    const store = storeWith(threeNodes());
    store.getState().selectAll();
    const text = store.getState().copy();
    expect(text).not.toBeNull();
    expect(JSON.parse(text as string).format).toBe(CLIPBOARD_FORMAT);
    store.getState().paste(text);
    const graph = store.getState().graph;
    const ids = graph?.nodes.map((n) => n.id) ?? [];
    expect(ids).toHaveLength(6);
    expect(new Set(ids).size).toBe(6);
    const pasted = store.getState().selection.nodes;
    expect(pasted).toHaveLength(3);
    for (const id of pasted) expect(['a', 'b', 'all']).not.toContain(id);
    const newEdges = graph?.edges.filter((e) => pasted.includes(e.target)) ?? [];
    expect(newEdges).toHaveLength(2);
    for (const edge of newEdges) expect(pasted).toContain(edge.source);
    expect(store.getState().problems).toEqual([]);
  });

  it('cuts and pastes through the in-app clipboard when no text is given', () => {
    const store = storeWith(threeNodes());
    store.getState().setSelection({ nodes: ['a'], edges: [] });
    store.getState().cut();
    expect(store.getState().graph?.nodes.map((n) => n.id)).toEqual(['b', 'all']);
    store.getState().paste(null);
    expect(store.getState().graph?.nodes.map((n) => n.id)).toEqual(['b', 'all', 'a_1']);
  });

  it('duplicates the selection and refuses text that holds no nodes', () => {
    const store = storeWith(threeNodes());
    store.getState().setSelection({ nodes: ['b'], edges: [] });
    store.getState().duplicate();
    expect(store.getState().graph?.nodes.map((n) => n.id)).toEqual(['a', 'b', 'all', 'b_1']);
    const before = store.getState().graph;
    store.getState().paste('{"hello": 1}');
    expect(store.getState().status?.tone).toBe('error');
    expect(store.getState().graph).toEqual(before);
  });
});

describe('connection rules', () => {
  it('refuses a cycle and says why', () => {
    const store = storeWith(threeNodes());
    const refusal = store.getState().connect({ source: 'all', target: 'a', input: 0 });
    expect(refusal).toMatch(/cycle/);
    expect(store.getState().status?.text).toBe(refusal);
    expect(store.getState().graph?.edges).toHaveLength(2);
    expect(store.getState().connect({ source: 'a', target: 'a', input: 0 })).toMatch(/cycle/);
  });

  it('refuses a second edge into the same input', () => {
    const store = storeWith(threeNodes());
    store.getState().addNode('value', { x: 0, y: 0 });
    expect(store.getState().connect({ source: 'value_1', target: 'all', input: 1 })).toMatch(
      /already connected/,
    );
    expect(store.getState().connect({ source: 'value_1', target: 'all', input: 2 })).toBeNull();
  });

  it('refuses a second argument to wait_for', () => {
    const store = storeWith(threeNodes());
    store.getState().addNode('wait_for', { x: 0, y: 0 });
    expect(store.getState().connect({ source: 'a', target: 'wait_for_1', input: 0 })).toBeNull();
    expect(store.getState().connect({ source: 'b', target: 'wait_for_1', input: 1 })).toMatch(
      /exactly one argument/,
    );
    expect(store.getState().graph?.edges.filter((e) => e.target === 'wait_for_1')).toHaveLength(1);
  });
});

describe('validation', () => {
  it('lists live problems per node and clears them when fixed', () => {
    const store = storeWith();
    store.getState().addNode('wait_for', { x: 0, y: 0 });
    const problems = store.getState().problems;
    expect(problems.some((p) => p.node === 'wait_for_1' && p.code === 'input-count')).toBe(true);
    store.getState().addNode('sleep', { x: 0, y: 0 });
    store.getState().setParams('sleep_1', { seconds: -1 });
    expect(store.getState().problems.some((p) => p.node === 'sleep_1' && p.code === 'bad-params')).toBe(true);
    store.getState().setParams('sleep_1', { seconds: 1 });
    store.getState().connect({ source: 'sleep_1', target: 'wait_for_1', input: 0 });
    expect(store.getState().problems).toEqual([]);
  });
});

describe('runs', () => {
  /** run.ended as the page hears it (ended-report.ts): states and times come from the events. */
  const report = (eventCount: number): EndedReport => ({
    status: 'done',
    result: [null, null],
    error: null,
    eventCount,
    outcomes: { all: { result: [null, null] } },
  });
  const ev = (seq: number, t: number, node: string, state: StateEvent['state']): StateEvent => ({
    seq,
    t,
    node,
    state,
  });

  it('applies a batch of state events in one update and takes final states from the report', () => {
    const store = storeWith(threeNodes());
    store.getState().runStarting();
    store.getState().runStarted('r1');
    let updates = 0;
    const unsubscribe = store.subscribe(() => (updates += 1));
    store.getState().applyHostEvent({
      type: 'run.events',
      runId: 'r1',
      states: [
        { seq: 0, t: 0, node: 'all', state: 'pending' },
        { seq: 1, t: 0, node: 'all', state: 'running' },
        { seq: 2, t: 0, node: 'a', state: 'pending' },
      ],
      holder: { node: 'all', t: 0 },
      warnings: [],
      now: 0,
    });
    expect(updates).toBe(1);
    expect(store.getState().run.states).toEqual({ all: 'running', a: 'pending' });
    expect(store.getState().run.status).toBe('running');
    expect(store.getState().run.holder).toBe('all');
    store.getState().applyHostEvent({
      type: 'run.events',
      runId: 'other',
      states: [{ seq: 0, t: 0, node: 'b', state: 'failed' }],
      holder: null,
      warnings: [],
      now: 0,
    });
    expect(store.getState().run.states.b).toBeUndefined();
    const rest = [
      ev(3, 0, 'b', 'pending'),
      ev(4, 0, 'a', 'running'),
      ev(5, 0, 'b', 'running'),
      ev(6, 1, 'a', 'done'),
      ev(7, 2, 'b', 'done'),
      ev(8, 2, 'all', 'done'),
    ];
    store.getState().applyHostEvents([
      { type: 'run.events', runId: 'r1', states: rest, holder: null, warnings: [], now: 2 },
      { type: 'run.ended', runId: 'r1', report: report(9) },
    ]);
    expect(updates).toBe(2);
    unsubscribe();
    expect(store.getState().run.status).toBe('done');
    expect(store.getState().run.states).toEqual({ a: 'done', b: 'done', all: 'done' });
    expect(store.getState().run.report?.nodes).toEqual({
      a: { state: 'done', result: null, error: null, createdAt: 0, startedAt: 0, endedAt: 1 },
      b: { state: 'done', result: null, error: null, createdAt: 0, startedAt: 0, endedAt: 2 },
      all: { state: 'done', result: [null, null], error: null, createdAt: 0, startedAt: 0, endedAt: 2 },
    });
  });

  it('keeps events that arrive before run.start answers, and applies them once the id is known', () => {
    const store = storeWith(threeNodes());
    store.getState().runStarting();
    store.getState().applyHostEvent({
      type: 'run.events',
      runId: 'r2',
      states: [ev(0, 0, 'a', 'pending'), ev(1, 0, 'a', 'cancelled')],
      holder: null,
      warnings: [],
      now: 0,
    });
    store.getState().applyHostEvent({
      type: 'run.ended',
      runId: 'r2',
      report: {
        ...report(2),
        status: 'cancelled',
        outcomes: { a: { error: { type: 'CancelledError', message: '' } } },
      },
    });
    expect(store.getState().run.status).toBe('starting');
    store.getState().runStarted('r2');
    expect(store.getState().run.status).toBe('cancelled');
    expect(store.getState().run.states).toEqual({ a: 'cancelled', b: 'idle', all: 'idle' });
    expect(store.getState().run.report?.nodes.a?.error).toEqual({ type: 'CancelledError', message: '' });
  });

  it('keeps the loop clock from frames and when each running node began, for elapsed times', () => {
    const store = storeWith(threeNodes());
    store.getState().runStarting();
    store.getState().runStarted('r3');
    const frame = (
      states: { seq: number; t: number; node: string; state: 'running' | 'done' }[],
      now: number,
    ) =>
      store
        .getState()
        .applyHostEvent({ type: 'run.events', runId: 'r3', states, holder: null, warnings: [], now });
    frame([{ seq: 0, t: 0.5, node: 'a', state: 'running' }], 0.5);
    const events = store.getState().run.events;
    frame([], 1.25); // a heartbeat: only the clock moves
    expect(store.getState().run.now).toBe(1.25);
    expect(store.getState().run.events).toBe(events);
    expect(store.getState().run.runningSince).toEqual(new Map([['a', 0.5]]));
    frame(
      [
        { seq: 1, t: 2, node: 'a', state: 'done' },
        { seq: 2, t: 2, node: 'b', state: 'running' },
      ],
      1.9,
    ); // never backwards
    expect(store.getState().run.now).toBe(2);
    expect(store.getState().run.runningSince).toEqual(
      new Map([
        ['a', 0.5],
        ['b', 2],
      ]),
    );
    frame([{ seq: 3, t: 3, node: 'b', state: 'done' }], 2.5);
    store.getState().applyHostEvent({ type: 'run.ended', runId: 'r3', report: report(4) });
    expect(store.getState().run.now).toBe(3);
  });

  it('rebuilds the report from the events the frames carried, counts those that never arrived, and takes the host’s whole report then', () => {
    const store = storeWith(threeNodes());
    store.getState().runStarting();
    store.getState().runStarted('r4');
    const states = [ev(0, 0, 'a', 'pending'), ev(1, 1, 'a', 'done')];
    store
      .getState()
      .applyHostEvent({ type: 'run.events', runId: 'r4', states, holder: null, warnings: [], now: 1 });
    store.getState().applyHostEvent({ type: 'run.ended', runId: 'r4', report: report(2) });
    expect(store.getState().run.report?.events).toEqual(states);
    expect(store.getState().run.lostEvents).toBe(0);

    store.getState().runStarting();
    store.getState().runStarted('r5');
    store
      .getState()
      .applyHostEvent({ type: 'run.events', runId: 'r5', states, holder: null, warnings: [], now: 1 });
    store.getState().applyHostEvent({ type: 'run.ended', runId: 'r5', report: report(5) });
    expect(store.getState().run.lostEvents).toBe(3);
    expect(store.getState().run.states).toEqual({ a: 'done', b: 'idle', all: 'idle' });
    // The host's own report (run.report) replaces the incomplete one; another run's is passed over.
    const all = [...states, ev(2, 0, 'b', 'pending'), ev(3, 2, 'b', 'done'), ev(4, 2, 'all', 'done')];
    const whole = {
      status: 'done' as const,
      result: [null, null],
      error: null,
      nodes: {
        a: { state: 'done' as const, result: null, error: null, createdAt: 0, startedAt: null, endedAt: 1 },
        b: { state: 'done' as const, result: null, error: null, createdAt: 0, startedAt: null, endedAt: 2 },
        all: {
          state: 'done' as const,
          result: [null, null],
          error: null,
          createdAt: null,
          startedAt: null,
          endedAt: 2,
        },
      },
      events: all,
    };
    store.getState().adoptReport('r4', whole);
    expect(store.getState().run.states.b).toBe('idle');
    store.getState().adoptReport('r5', whole);
    expect(store.getState().run.states).toEqual({ a: 'done', b: 'done', all: 'done' });
    expect(store.getState().run.events).toEqual(all);
    expect(store.getState().run.report).toEqual(whole);
    expect(store.getState().run.lostEvents).toBe(3);
  });

  it('applies the frames that arrived together in one store update, as if one by one', () => {
    const frames = [
      {
        type: 'run.events' as const,
        runId: 'r6',
        states: [{ seq: 0, t: 0, node: 'a', state: 'pending' as const }],
        holder: null,
        warnings: [],
        now: 0,
      },
      {
        type: 'run.events' as const,
        runId: 'r6',
        states: [{ seq: 1, t: 1, node: 'a', state: 'running' as const }],
        holder: null,
        warnings: [],
        now: 1,
      },
      {
        type: 'run.events' as const,
        runId: 'r6',
        states: [{ seq: 2, t: 2, node: 'b', state: 'pending' as const }],
        holder: null,
        warnings: [],
        now: 2,
      },
    ];
    const oneByOne = storeWith(threeNodes());
    oneByOne.getState().runStarting();
    oneByOne.getState().runStarted('r6');
    for (const frame of frames) oneByOne.getState().applyHostEvent(frame);

    const together = storeWith(threeNodes());
    together.getState().runStarting();
    together.getState().runStarted('r6');
    const before = together.getState().run.states;
    let updates = 0;
    const unsubscribe = together.subscribe(() => (updates += 1));
    together.getState().applyHostEvents(frames);
    unsubscribe();
    expect(updates).toBe(1);
    expect(before).toEqual({}); // the published states were copied, not written
    const { runningSince: a, ...runA } = oneByOne.getState().run;
    const { runningSince: b, ...runB } = together.getState().run;
    expect(runB).toEqual(runA);
    expect([...b]).toEqual([...a]);
  });

  it('counts the nodes in each state with every batch, and at the end, without writing a published count', () => {
    const recount = (run: ReturnType<typeof store.getState>['run']) => countStates(run.nodeIds, run.states);
    const store = storeWith(threeNodes());
    store.getState().runStarting();
    expect(store.getState().run.counts).toEqual({
      idle: 3,
      pending: 0,
      running: 0,
      done: 0,
      failed: 0,
      cancelled: 0,
    });
    store.getState().runStarted('r7');
    // Every split of the run's events into frames and batches gives the same counts as counting the states.
    const events = [
      ev(0, 0, 'all', 'pending'),
      ev(1, 0, 'all', 'running'),
      ev(2, 0, 'a', 'pending'),
      ev(3, 0, 'b', 'pending'),
      ev(4, 0, 'a', 'running'),
      ev(5, 1, 'a', 'done'),
      ev(6, 1, 'b', 'running'),
      ev(7, 2, 'b', 'failed'),
      ev(8, 2, 'all', 'failed'),
    ];
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let next = 0; next < events.length;) {
      const frames = Array.from({ length: 1 + Math.floor(random() * 3) }, () => {
        const states = events.slice(next, (next += Math.floor(random() * 3)));
        return { type: 'run.events' as const, runId: 'r7', states, holder: null, warnings: [], now: 2 };
      });
      const published = store.getState().run.counts;
      const copy = { ...published };
      store.getState().applyHostEvents(frames);
      expect(published).toEqual(copy);
      expect(store.getState().run.counts).toEqual(recount(store.getState().run));
    }
    // The events gave every node its final state: the end keeps the states and counts as they are.
    const { states, counts } = store.getState().run;
    store.getState().applyHostEvent({
      type: 'run.ended',
      runId: 'r7',
      report: { ...report(events.length), status: 'failed', outcomes: {} },
    });
    expect(store.getState().run.states).toBe(states);
    expect(store.getState().run.counts).toBe(counts);
    expect(counts).toEqual({ idle: 0, pending: 0, running: 0, done: 1, failed: 2, cancelled: 0 });

    // Events that never arrived: the end's states differ, and the counts follow them.
    store.getState().runStarting();
    store.getState().runStarted('r8');
    store.getState().applyHostEvent({
      type: 'run.events',
      runId: 'r8',
      states: [ev(0, 0, 'all', 'pending'), ev(2, 0, 'a', 'pending')],
      holder: null,
      warnings: [],
      now: 0,
    });
    store.getState().applyHostEvent({ type: 'run.ended', runId: 'r8', report: report(9) });
    expect(store.getState().run.counts).toEqual(recount(store.getState().run));
    store.getState().adoptReport('r8', {
      status: 'done',
      result: null,
      error: null,
      events,
      nodes: Object.fromEntries(
        ['a', 'b', 'all'].map((id) => [
          id,
          { state: 'done' as const, result: null, error: null, createdAt: 0, startedAt: 0, endedAt: 2 },
        ]),
      ),
    });
    expect(store.getState().run.counts).toEqual({
      idle: 0,
      pending: 0,
      running: 0,
      done: 3,
      failed: 0,
      cancelled: 0,
    });
  });

  it('gives edge ids that name both ends and the input', () => {
    expect(edgeId({ source: 'a', target: 'all', input: 1 })).toBe('a->all#1');
  });
});

describe('slow steps', () => {
  it('keeps every "loop blocked" warning of the run, in order, and forgets them with a new run', () => {
    const store = createEditorStore();
    store.getState().runStarting();
    store.getState().runStarted('r1');
    const warning = (node: string, seconds: number) => ({ node, t: 0, seconds });
    store.getState().applyHostEvent({
      type: 'run.events',
      runId: 'r1',
      states: [],
      holder: null,
      warnings: [warning('crunch', 2.04)],
      now: 0,
    });
    store
      .getState()
      .applyHostEvent({ type: 'run.events', runId: 'r1', states: [], holder: null, warnings: [], now: 0 });
    store.getState().applyHostEvent({
      type: 'run.events',
      runId: 'r1',
      states: [],
      holder: null,
      warnings: [warning('grind', 0.5)],
      now: 0,
    });
    expect(store.getState().run.warnings).toEqual([warning('crunch', 2.04), warning('grind', 0.5)]);
    store.getState().runStarting();
    expect(store.getState().run.warnings).toEqual([]);
  });
});
