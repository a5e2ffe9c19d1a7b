import { describe, expect, it } from 'vitest';
import type { EndedReport } from '../../../shared/protocol/messages';
import type { StateEvent } from '../../../shared/runtime/types';
import { createEditorStore, emptyGraph } from '../store/editor-store';
import { statesAt } from './replay';

const ev = (seq: number, t: number, node: string, state: StateEvent['state']): StateEvent => ({
  seq,
  t,
  node,
  state,
});

describe('the store keeps the run’s events for the timeline', () => {
  it('collects run.events batches, takes the report’s events at the end, and holds a replay until cleared', () => {
    const store = createEditorStore();
    store.getState().openDocument(emptyGraph(), null);
    store.getState().runStarting();
    store.getState().runStarted('r1');
    const first = [ev(0, 0, 'a', 'pending'), ev(1, 0, 'a', 'running')];
    store
      .getState()
      .applyHostEvent({ type: 'run.events', runId: 'r1', states: first, holder: null, warnings: [], now: 0 });
    store.getState().applyHostEvent({
      type: 'run.events',
      runId: 'r1',
      states: [ev(2, 1, 'a', 'done')],
      holder: null,
      warnings: [],
      now: 0,
    });
    expect(store.getState().run.events.map((e) => e.seq)).toEqual([0, 1, 2]);

    const all = [...first, ev(2, 1, 'a', 'done')];
    const report: EndedReport = {
      status: 'done',
      result: null,
      error: null,
      eventCount: all.length,
      outcomes: {},
    };
    store.getState().applyHostEvent({ type: 'run.ended', runId: 'r1', report });
    expect(store.getState().run.events).toEqual(all);

    store.getState().setReplay(statesAt(all, 0.5));
    expect(store.getState().run.replay).toEqual({ a: 'running' });
    expect(store.getState().run.states.a).toBe('done');
    store.getState().setReplay(null);
    expect(store.getState().run.replay).toBeNull();

    store.getState().runStarting();
    expect(store.getState().run.events).toEqual([]);
  });
});
