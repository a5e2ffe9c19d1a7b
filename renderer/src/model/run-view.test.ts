import { describe, expect, it } from 'vitest';
import type { AppEvent, EndedReport } from '../../../shared/protocol/messages';
import type { RunReport, StateEvent } from '../../../shared/runtime/types';
import { idleRun, runView, shownStates, type RunAction, type RunView } from './run-view';
import { countStates } from './state-counts';

const ev = (seq: number, t: number, node: string, state: StateEvent['state']): StateEvent => ({
  seq,
  t,
  node,
  state,
});
const frame = (runId: string, states: StateEvent[], now = states.at(-1)?.t ?? 0): AppEvent => ({
  type: 'run.events',
  runId,
  states,
  holder: null,
  warnings: [],
  now,
});
const ended = (runId: string, eventCount: number, status: EndedReport['status'] = 'done'): AppEvent => ({
  type: 'run.ended',
  runId,
  report: { status, result: null, error: null, eventCount, outcomes: {} },
});

const reduce = (run: RunView, ...actions: RunAction[]) => actions.reduce(runView, run);
const started = (runId: string, nodeIds = ['a', 'b', 'all']) =>
  reduce(idleRun(), { type: 'starting', nodeIds }, { type: 'started', runId });

describe('the run-view reducer', () => {
  it('keeps the failed tries retries caught, counts them per node, and puts them in the rebuilt report', () => {
    const retry = (t: number, node: string, attempt: number) => ({
      t,
      node,
      attempt,
      error: { type: 'ConnectionError', message: 'down' },
      delay: 1,
    });
    const tries = (runId: string, retries: ReturnType<typeof retry>[]): AppEvent => ({
      ...(frame(runId, []) as Extract<AppEvent, { type: 'run.events' }>),
      retries,
    });
    let run = reduce(started('r1'), { type: 'host', events: [frame('r1', [ev(0, 0, 'a', 'pending')])] });
    const before = run.retryCounts;
    run = reduce(run, {
      type: 'host',
      events: [tries('r1', [retry(0.5, 'a', 1)]), tries('r2', [retry(1, 'b', 1)])],
    });
    expect(run.retries).toEqual([retry(0.5, 'a', 1)]);
    expect(run.retryCounts).toEqual({ a: 1 });
    expect(before).toEqual({});
    run = reduce(run, { type: 'host', events: [tries('r1', [retry(2, 'a', 2)]), ended('r1', 1)] });
    expect(run.retryCounts).toEqual({ a: 2 });
    expect(run.report?.retries).toEqual([retry(0.5, 'a', 1), retry(2, 'a', 2)]);
    // A run without retries has no `retries` in its report, as the host's has none.
    const plain = reduce(started('r3'), {
      type: 'host',
      events: [frame('r3', [ev(0, 0, 'a', 'pending')]), ended('r3', 1)],
    });
    expect(plain.report).not.toHaveProperty('retries');
    expect(plain.retryCounts).toEqual({});
  });

  it('starts with every node idle and counts them', () => {
    const run = runView(idleRun(), { type: 'starting', nodeIds: ['a', 'b', 'all'] });
    expect(run.status).toBe('starting');
    expect(run.counts).toEqual({ idle: 3, pending: 0, running: 0, done: 0, failed: 0, cancelled: 0 });
    expect(runView(run, { type: 'refused' })).toEqual(idleRun());
  });

  it('keeps events that come before the run id and applies them, and only its own run’s, once the id is known', () => {
    const run = reduce(
      idleRun(),
      { type: 'starting', nodeIds: ['a', 'b'] },
      {
        type: 'host',
        events: [frame('r1', [ev(0, 0, 'a', 'pending')]), frame('other', [ev(0, 0, 'b', 'failed')])],
      },
    );
    expect(run.early).toHaveLength(2);
    expect(run.states).toEqual({});
    const next = runView(run, { type: 'started', runId: 'r1' });
    expect(next).toMatchObject({ status: 'running', runId: 'r1', early: [], states: { a: 'pending' } });
    expect(next.counts).toEqual(countStates(next.nodeIds, next.states));
  });

  it('gives back the very view when an action changes nothing', () => {
    const run = started('r1');
    expect(runView(run, { type: 'host', events: [] })).toBe(run);
    expect(runView(run, { type: 'host', events: [frame('other', [ev(0, 0, 'a', 'done')])] })).toBe(run);
    expect(runView(run, { type: 'host', events: [{ type: 'menu.command', command: 'run.run' }] })).toBe(run);
    expect(
      runView(run, {
        type: 'adopt',
        runId: 'r1',
        report: { status: 'done', result: null, error: null, nodes: {}, events: [] },
      }),
    ).toBe(run); // not ended yet
  });

  it('never writes a view it gave out: states and counts are copied once per batch', () => {
    const run = started('r1');
    const states = run.states;
    const counts = run.counts;
    const next = runView(run, {
      type: 'host',
      events: [frame('r1', [ev(0, 0, 'a', 'pending')]), frame('r1', [ev(1, 0, 'b', 'pending')])],
    });
    expect(states).toEqual({});
    expect(counts).toEqual({ idle: 3, pending: 0, running: 0, done: 0, failed: 0, cancelled: 0 });
    expect(next.states).toEqual({ a: 'pending', b: 'pending' });
    expect(next.counts).toEqual({ idle: 1, pending: 2, running: 0, done: 0, failed: 0, cancelled: 0 });
    // A heartbeat moves the clock only: the states and counts are the same objects.
    const beat = runView(next, { type: 'host', events: [frame('r1', [], 0.5)] });
    expect(beat.states).toBe(next.states);
    expect(beat.counts).toBe(next.counts);
    expect(beat.now).toBe(0.5);
  });

  it('ends with the report rebuilt from the events, keeping states and counts when the events gave them', () => {
    const events = [
      ev(0, 0, 'all', 'pending'),
      ev(1, 0, 'a', 'pending'),
      ev(2, 0, 'b', 'pending'),
      ev(3, 1, 'a', 'done'),
      ev(4, 2, 'b', 'done'),
      ev(5, 2, 'all', 'done'),
    ];
    const live = runView(started('r1'), { type: 'host', events: [frame('r1', events)] });
    const end = runView(live, { type: 'host', events: [ended('r1', events.length)] });
    expect(end.status).toBe('done');
    expect(end.states).toBe(live.states);
    expect(end.counts).toBe(live.counts);
    expect(end.report?.nodes.b).toEqual({
      state: 'done',
      result: null,
      error: null,
      createdAt: 0,
      startedAt: null,
      endedAt: 2,
    });
    expect(end.lostEvents).toBe(0);
    expect(end.now).toBe(2);
  });

  it('counts events that never arrived and adopts the host’s whole report of that run only', () => {
    const live = runView(started('r1'), {
      type: 'host',
      events: [frame('r1', [ev(0, 0, 'a', 'pending')]), ended('r1', 3)],
    });
    expect(live.lostEvents).toBe(2);
    expect(live.states).toEqual({ a: 'pending', b: 'idle', all: 'idle' });
    const whole: RunReport = {
      status: 'done',
      result: null,
      error: null,
      nodes: Object.fromEntries(
        ['a', 'b', 'all'].map((id) => [
          id,
          { state: 'done' as const, result: null, error: null, createdAt: 0, startedAt: null, endedAt: 1 },
        ]),
      ),
      events: [ev(0, 0, 'a', 'pending'), ev(1, 1, 'a', 'done'), ev(2, 1, 'b', 'done')],
    };
    expect(runView(live, { type: 'adopt', runId: 'r0', report: whole })).toBe(live);
    const adopted = runView(live, { type: 'adopt', runId: 'r1', report: whole });
    expect(adopted.states).toEqual({ a: 'done', b: 'done', all: 'done' });
    expect(adopted.counts).toEqual(countStates(adopted.nodeIds, adopted.states));
    expect(adopted.events).toBe(whole.events);
    expect(adopted.lostEvents).toBe(2);
    expect(live.states).toEqual({ a: 'pending', b: 'idle', all: 'idle' }); // the published view is untouched
  });

  it('shows a replayed instant instead of the run’s states until the replay is cleared', () => {
    const run = runView(started('r1'), { type: 'host', events: [frame('r1', [ev(0, 0, 'a', 'done')])] });
    const replayed = runView(run, { type: 'replay', states: { a: 'pending' } });
    expect(shownStates(replayed)).toEqual({ a: 'pending' });
    expect(replayed.states).toBe(run.states);
    expect(shownStates(runView(replayed, { type: 'replay', states: null }))).toBe(run.states);
  });

  it('records when each node began running and where the loop clock is, never going back', () => {
    const run = reduce(
      started('r1'),
      { type: 'host', events: [frame('r1', [ev(0, 0.5, 'a', 'running')], 0.5)] },
      { type: 'host', events: [frame('r1', [ev(1, 2, 'a', 'done'), ev(2, 2, 'b', 'running')], 1.9)] },
    );
    expect(run.now).toBe(2);
    expect([...run.runningSince]).toEqual([
      ['a', 0.5],
      ['b', 2],
    ]);
  });
});
