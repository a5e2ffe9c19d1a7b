import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { recordHostEvent, type RunLogState } from './run-log';

const frame = (runId: string, seqs: number[]) => ({
  type: 'run.events' as const,
  runId,
  states: seqs.map((seq) => ({ seq, t: seq / 10, node: `n${seq}`, state: 'running' as const })),
  holder: null,
  warnings: [],
  now: seqs.length === 0 ? 0 : Math.max(...seqs) / 10,
});

describe('recordHostEvent', () => {
  it('appends every frame of a run in order and keeps only the last four runs', () => {
    const store = createStore<RunLogState>()(() => ({ runs: {}, order: [] }));
    recordHostEvent(frame('a', [1, 2]), store);
    recordHostEvent(frame('a', [3]), store);
    expect(store.getState().runs.a?.map((e) => e.seq)).toEqual([1, 2, 3]);
    for (const id of ['b', 'c', 'd', 'e']) recordHostEvent(frame(id, [1]), store);
    expect(store.getState().order).toEqual(['b', 'c', 'd', 'e']);
    expect(store.getState().runs.a).toBeUndefined();
  });
  it('ignores other host events', () => {
    const store = createStore<RunLogState>()(() => ({ runs: {}, order: [] }));
    recordHostEvent({ type: 'menu.command', command: 'file.new' }, store);
    expect(store.getState().order).toEqual([]);
  });
});
