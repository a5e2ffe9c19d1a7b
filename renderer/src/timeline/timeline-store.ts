/** The timeline panel's own view state: whether it is open and where a scrubbed playhead stands. */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

export interface TimelineViewState {
  open: boolean;
  /** Loop seconds of a scrubbed playhead; null follows the run (live, or its end once finished). */
  scrub: number | null;
}

export const timelineStore = createStore<TimelineViewState>()(() => ({ open: false, scrub: null }));

export function useTimeline<T>(selector: (state: TimelineViewState) => T): T {
  return useStore(timelineStore, selector);
}
