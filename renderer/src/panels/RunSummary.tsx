/** How many nodes are in each state, the run's live loop time, and a legend of the state marks. */
import { useMemo } from 'react';
import { NODE_STATES, type SlowStepWarning } from '../../../shared/runtime/types';
import { useEditor } from '../store/use-editor';
import { countStates } from '../model/state-counts';
import { IDLE_LEGEND_MARK, STATE_MARKS } from '../canvas/state-marks';

export function RunSummary() {
  // The ids once per node list, not in a selector: selectors run on every store update (every batch of run events).
  const graphNodes = useEditor((s) => s.graph?.nodes);
  const nodeIds = useMemo(() => graphNodes?.map((n) => n.id) ?? [], [graphNodes]);
  // The store counts the run's nodes as their states change. They are the graph's nodes unless it
  // was edited since Run: then, and while the timeline is scrubbed (count what the canvas shows, the
  // replayed states), they are counted here.
  const runNodeIds = useEditor((s) => s.run.nodeIds);
  const sameNodes = useMemo(() => sameIds(nodeIds, runNodeIds), [nodeIds, runNodeIds]);
  const replay = useEditor((s) => s.run.replay);
  const states = useEditor((s) => (replay !== null || sameNodes ? null : s.run.states));
  const runCounts = useEditor((s) => s.run.counts);
  const counts = useMemo(() => {
    if (replay !== null) return countStates(nodeIds, replay);
    return states === null ? runCounts : countStates(nodeIds, states);
  }, [nodeIds, replay, states, runCounts]);
  const loopTime = useEditor((s) => s.run.now ?? s.run.events.at(-1)?.t);
  const warnings = useEditor((s) => s.run.warnings);
  const lastWarning = warnings.at(-1);

  return (
    <div className="run-summary" role="group" aria-label="run summary">
      <ul className="state-legend" aria-label="node states">
        {NODE_STATES.map((state) => (
          <li
            key={state}
            className={`state-${state}`}
            data-state-count={state}
            title={`${counts[state]} ${state}`}
          >
            <span className="flow-node-state" aria-hidden="true">
              {STATE_MARKS[state] || IDLE_LEGEND_MARK}
            </span>{' '}
            {state} <b>{counts[state]}</b>
          </li>
        ))}
      </ul>
      <span className="loop-time" data-loop-time={loopTime ?? ''}>
        loop time {loopTime === undefined ? '—' : `${loopTime.toFixed(3)} s`}
      </span>
      {lastWarning !== undefined && (
        // asyncio's debug mode says the same of a slow callback: one step kept every other task waiting.
        <span className="slow-step-warning" role="status" title={warnings.map(describeSlowStep).join('\n')}>
          ⚠ {describeSlowStep(lastWarning)}
          {warnings.length > 1 ? ` (+${warnings.length - 1} more)` : ''}
        </span>
      )}
    </div>
  );
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, index) => id === b[index]);
}

/** "loop blocked for 2.0 s by crunch at t = 0.000 s". */
export function describeSlowStep(warning: SlowStepWarning): string {
  return `loop blocked for ${warning.seconds.toFixed(1)} s by ${warning.node} at t = ${warning.t.toFixed(3)} s`;
}
