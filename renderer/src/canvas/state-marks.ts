import type { NodeState } from '../../../shared/runtime/types';

/** Each state's mark, so that colour is never the only cue (an idle node shows none on the canvas). */
export const STATE_MARKS: Record<NodeState, string> = {
  idle: '',
  pending: '◷',
  running: '▶',
  done: '✔',
  failed: '✖',
  cancelled: '⊘',
};

/** The legend needs a mark for idle too. */
export const IDLE_LEGEND_MARK = '○';
