/**
 * Measurements for `npm run bench` (bench/renderer.ts, bench/renderer-stream.ts) only. Off unless
 * the page's URL has a `bench` query parameter: then `window.__flowloopBench` counts node component
 * renders by id and watches the editor store's run (what arrived live, before the report). In
 * normal use `benchProbe` is null and nothing is recorded.
 */
import type { NodeState } from '../../shared/runtime/types';
import type { EditorStore } from './store/editor-store';
import { editorStore } from './store/use-editor';
import { statesAt } from './timeline/replay';

/** One run as the store saw it, from the moment `watchRun()` was called. */
export interface RunWatch {
  runId: string | null;
  /** Store updates that brought the run's state events (one per animation frame that had some). */
  updates: number;
  /** State events the store had applied from the run's frames (the last may land in the same update as the end). */
  liveEvents: number;
  /** Each node's state by the last of its events that arrived: what the events alone made of the canvas. */
  liveStates: Record<string, NodeState>;
  /** performance.now() of the first live update and of the report's arrival; null until then. */
  firstUpdateAt: number | null;
  endedAt: number | null;
}

export interface BenchProbe {
  nodeRenders: Map<string, number>;
  reset(): void;
  /** Renders per node id since the last reset. */
  counts(): Record<string, number>;
  /** Starts a fresh watch of the next run's store updates. */
  watchRun(): void;
  watched(): RunWatch;
  editor(): EditorStore;
}

const freshWatch = (): RunWatch => ({ runId: null, updates: 0, liveEvents: 0, liveStates: {}, firstUpdateAt: null, endedAt: null });

function createProbe(): BenchProbe | null {
  if (typeof location === 'undefined' || !new URLSearchParams(location.search).has('bench')) return null;
  const nodeRenders = new Map<string, number>();
  let watch = freshWatch();
  editorStore.subscribe((state, previous) => {
    const run = state.run;
    if (run === previous.run || run.runId === null || previous.run.report !== null) return;
    // The run's last frames may reach the store in the same update as its end: count them as live.
    if (run.events !== previous.run.events) {
      watch.runId = run.runId;
      watch.updates += 1;
      watch.liveEvents = run.events.length;
      watch.firstUpdateAt ??= performance.now();
    }
    if (run.report !== null && watch.endedAt === null) {
      watch.endedAt = performance.now();
      // Each node's last event, worked out when the bench reads it: not in the frame being measured.
      const live = run.events;
      let states: Record<string, NodeState> | null = null;
      Object.defineProperty(watch, 'liveStates', { enumerable: true, get: () => (states ??= statesAt(live, Infinity)) });
    }
  });
  const probe: BenchProbe = {
    nodeRenders,
    reset: () => nodeRenders.clear(),
    counts: () => Object.fromEntries(nodeRenders),
    watchRun: () => void (watch = freshWatch()),
    watched: () => watch,
    editor: () => editorStore.getState(),
  };
  (window as unknown as { __flowloopBench?: BenchProbe }).__flowloopBench = probe;
  return probe;
}

export const benchProbe = createProbe();

export function countNodeRender(id: string): void {
  if (benchProbe) benchProbe.nodeRenders.set(id, (benchProbe.nodeRenders.get(id) ?? 0) + 1);
}
