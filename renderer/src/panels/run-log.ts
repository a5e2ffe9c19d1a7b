/**
 * Every state event of recent runs, by run id, heard straight from the host (the editor store keeps
 * only the latest state of each node). Events may arrive before run.start answers with its id, so all
 * runs are recorded and the panel picks the current one.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { AppEvent } from '../../../shared/protocol/messages';
import type { StateEvent } from '../../../shared/runtime/types';

const KEEP_RUNS = 4;

export interface RunLogState {
  runs: Record<string, StateEvent[]>;
  order: string[];
}

export const runLogStore = createStore<RunLogState>()(() => ({ runs: {}, order: [] }));

export function recordHostEvent(event: AppEvent, store = runLogStore): void {
  if (event.type !== 'run.events' || event.states.length === 0) return;
  const { runs, order } = store.getState();
  const known = runs[event.runId];
  const nextOrder = known ? order : [...order, event.runId].slice(-KEEP_RUNS);
  const nextRuns: Record<string, StateEvent[]> = {};
  for (const id of nextOrder) nextRuns[id] = runs[id] ?? [];
  nextRuns[event.runId] = [...(known ?? []), ...event.states];
  store.setState({ runs: nextRuns, order: nextOrder });
}

/** Subscribes the log to a host; returns the unsubscribe function. */
export function installRunLog(host: { onEvent(listener: (event: AppEvent) => void): () => void }): () => void {
  return host.onEvent((event) => recordHostEvent(event));
}

const NO_EVENTS: StateEvent[] = [];

export function useRunEvents(runId: string | null): StateEvent[] {
  return useStore(runLogStore, (s) => (runId === null ? NO_EVENTS : (s.runs[runId] ?? NO_EVENTS)));
}
