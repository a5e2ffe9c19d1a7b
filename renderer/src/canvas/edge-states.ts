/**
 * The node states the canvas's edges are drawn from (the replayed instant while the timeline is
 * scrubbed, else the run's). Every change of the edges array costs xyflow a pass over all edges
 * (its connection lookup), so in a graph of more than MANY_EDGES edges, while a run streams or the
 * playhead is dragged, the edges follow at most every EDGE_REFRESH_MS; otherwise at once. The nodes
 * follow every store update themselves.
 */
import { useEffect, useState } from 'react';
import type { NodeState } from '../../../shared/runtime/types';
import type { EditorStore } from '../store/editor-store';
import { editorStore } from '../store/use-editor';

export const EDGE_REFRESH_MS = 250;
export const MANY_EDGES = 300;

type States = Readonly<Record<string, NodeState>>;

const shownStates = (s: EditorStore): States => s.run.replay ?? s.run.states;
const changingFast = (s: EditorStore): boolean => s.run.replay !== null || s.run.status === 'running' || s.run.status === 'starting';

export function useEdgeStates(edgeCount: number): States {
  const throttled = edgeCount > MANY_EDGES;
  const [states, setStates] = useState(() => shownStates(editorStore.getState()));
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let last = 0;
    const show = (): void => {
      timer = null;
      last = performance.now();
      setStates(shownStates(editorStore.getState()));
    };
    show();
    const unsubscribe = editorStore.subscribe((state, previous) => {
      if (shownStates(state) === shownStates(previous)) return;
      if (!throttled || !changingFast(state)) {
        if (timer !== null) clearTimeout(timer);
        show();
      } else if (timer === null) {
        timer = setTimeout(show, Math.max(0, last + EDGE_REFRESH_MS - performance.now()));
      }
    });
    return () => {
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
    };
  }, [throttled]);
  return states;
}
