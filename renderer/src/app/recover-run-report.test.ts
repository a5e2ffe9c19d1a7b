import { describe, expect, it } from 'vitest';
import { GRAPH_FORMAT } from '../../../shared/graph';
import type { AppEvent, HostApi } from '../../../shared/protocol/messages';
import type { RunReport, StateEvent } from '../../../shared/runtime/types';
import { recoverRunReport } from './actions';
import { editorStore } from '../store/use-editor';
import { installTestHost } from '../../test/test-host';

const ev = (seq: number, t: number, node: string, state: StateEvent['state']): StateEvent => ({
  seq,
  t,
  node,
  state,
});
const all = [
  ev(0, 0, 'a', 'pending'),
  ev(1, 0, 'a', 'running'),
  ev(2, 1, 'a', 'done'),
  ev(3, 0, 'b', 'pending'),
  ev(4, 2, 'b', 'done'),
];
const whole: RunReport = {
  status: 'done',
  result: [null, null],
  error: null,
  nodes: {
    a: { state: 'done', result: null, error: null, createdAt: 0, startedAt: 0, endedAt: 1 },
    b: { state: 'done', result: null, error: null, createdAt: 0, startedAt: null, endedAt: 2 },
  },
  events: all,
};

/** The page's side of run.report: the host answers from the reports it keeps (host-service.test.ts tests that side). */
const kept = new Map<string, RunReport>([['r1', whole]]);
const host: HostApi = {
  request: (async (request: { type: string; runId?: string }) => {
    if (request.type !== 'run.report') throw new Error(`unexpected ${request.type}`);
    return { report: kept.get(request.runId ?? '') ?? null };
  }) as HostApi['request'],
  onEvent: () => () => undefined,
};

installTestHost(host);

function runMissingEvents(runId: string): void {
  const store = editorStore.getState();
  store.openDocument(
    {
      format: GRAPH_FORMAT,
      name: 'two',
      nodes: [
        { id: 'a', kind: 'sleep', params: { seconds: 1 }, position: { x: 0, y: 0 } },
        { id: 'b', kind: 'sleep', params: { seconds: 2 }, position: { x: 0, y: 100 } },
      ],
      edges: [],
    },
    null,
  );
  store.runStarting();
  store.runStarted(runId);
  const frames: AppEvent[] = [
    { type: 'run.events', runId, states: all.slice(0, 3), holder: null, warnings: [], now: 1 },
    {
      type: 'run.ended',
      runId,
      report: { status: 'done', result: [null, null], error: null, eventCount: all.length, outcomes: {} },
    },
  ];
  editorStore.getState().applyHostEvents(frames);
}

describe('a run whose page missed events', () => {
  it('takes the host’s whole report and says so', async () => {
    runMissingEvents('r1');
    expect(editorStore.getState().run.lostEvents).toBe(2);
    expect(editorStore.getState().run.states.b).toBe('idle');
    await recoverRunReport('r1', 2);
    expect(editorStore.getState().run.states).toEqual({ a: 'done', b: 'done' });
    expect(editorStore.getState().run.events).toEqual(all);
    expect(editorStore.getState().status).toMatchObject({
      tone: 'error',
      text: expect.stringContaining(
        "2 state events of this run never reached the page; it shows the host's report",
      ),
    });
  });

  it('says what may be incomplete when the host no longer has the report', async () => {
    runMissingEvents('r2');
    await recoverRunReport('r2', 2);
    expect(editorStore.getState().run.states.b).toBe('idle');
    expect(editorStore.getState().status?.text).toMatch(
      /2 state events of this run never reached the page, and its report could not be fetched \(the host no longer keeps its report\)/,
    );
  });
});
