/**
 * The inspector's run section for one node: its state, its times (created / started / ended in loop
 * seconds, and how long it lived), its result or error as a JSON view, and the state events it went
 * through. While the run goes on it shows the state and times so far; the result once it arrives.
 */
import { useState } from 'react';
import type { NodeState } from '../../../shared/runtime/types';
import { STATE_MARKS, IDLE_LEGEND_MARK } from '../canvas/state-marks';
import { useEditor } from '../store/use-editor';
import { useTimeline } from '../timeline/timeline-store';
import { JsonView } from './JsonView';
import { lifetime, loopSeconds, NodeEventIndex, stateOf, timesOf } from './node-run';
import './json-view.css';

function StateBadge({ state, testId }: { state: NodeState; testId: string }) {
  return (
    <span className={`node-run-badge state-${state}`} data-testid={testId} data-state={state}>
      <span aria-hidden="true">{state === 'idle' ? IDLE_LEGEND_MARK : STATE_MARKS[state]}</span> {state}
    </span>
  );
}

export function NodeRun({ nodeId }: { nodeId: string }) {
  // One index per inspector: it reads each new event once, whichever node is selected.
  const [index] = useState(() => new NodeEventIndex());
  const events = useEditor((s) => index.eventsOf(s.run.events, nodeId));
  const report = useEditor((s) => s.run.report?.nodes[nodeId]);
  const status = useEditor((s) => s.run.status);
  const runId = useEditor((s) => s.run.runId);
  const scrub = useTimeline((s) => s.scrub);
  const replayed = useEditor((s) => (s.run.replay ? (s.run.replay[nodeId] ?? 'idle') : null));
  const allRetries = useEditor((s) => s.run.retries);
  if (status === 'idle') return null;
  const retries = allRetries.filter((retry) => retry.node === nodeId);

  const state = stateOf(report, events);
  const times = timesOf(report, events);
  const lived = lifetime(times);
  const going = status === 'running' || status === 'starting';
  const error = report?.error ?? null;
  return (
    <section
      className="node-run"
      aria-label={`Run of ${nodeId}`}
      data-testid="node-run"
      data-state={state}
      data-live={going}
    >
      <h3 className="node-run-head">
        <span>{going ? 'This run' : 'Last run'}</span>
        <StateBadge state={state} testId="node-run-state" />
        {going && <span className="node-run-live">live</span>}
      </h3>
      {replayed !== null && scrub !== null && (
        <p className="node-run-replay" data-testid="node-run-replay">
          At the playhead ({loopSeconds(scrub)}):{' '}
          <StateBadge state={replayed} testId="node-run-replay-state" />
        </p>
      )}
      <dl className="node-run-times" data-testid="node-run-times">
        <div>
          <dt>created</dt>
          <dd data-time="created">{loopSeconds(times.createdAt)}</dd>
        </div>
        <div>
          <dt>started</dt>
          <dd data-time="started">{loopSeconds(times.startedAt)}</dd>
        </div>
        <div>
          <dt>ended</dt>
          <dd data-time="ended">{loopSeconds(times.endedAt)}</dd>
        </div>
        <div>
          <dt>duration</dt>
          <dd data-time="duration" title="from its creation to its end">
            {lived === null ? (times.createdAt === null ? '—' : 'ongoing') : loopSeconds(lived)}
          </dd>
        </div>
      </dl>

      {state === 'idle' && (
        <p className="muted">{going ? 'Not demanded yet.' : 'Never demanded in this run.'}</p>
      )}
      {report && state === 'done' && (
        <>
          <h4>Result</h4>
          <JsonView key={`${runId ?? ''}:${nodeId}`} value={report.result} label={`Result of ${nodeId}`} />
        </>
      )}
      {error && (
        <>
          <h4>{state === 'cancelled' ? 'Cancellation' : 'Error'}</h4>
          <p className={`node-run-error state-${state}`} data-testid="node-run-error">
            <strong>{error.type}</strong>
            {error.message ? `: ${error.message}` : ''}
          </p>
          <JsonView
            key={`${runId ?? ''}:${nodeId}:error`}
            value={{ type: error.type, message: error.message }}
            label={`${state === 'cancelled' ? 'Cancellation' : 'Error'} of ${nodeId}`}
          />
        </>
      )}
      {!report && going && state !== 'idle' && (
        <p className="muted node-run-waiting">The result shows when the run ends.</p>
      )}

      {retries.length > 0 && (
        <>
          <h4>Retried tries ({retries.length})</h4>
          <ol className="node-run-retries" data-testid="node-run-retries">
            {retries.map((retry) => (
              <li key={retry.attempt} data-attempt={retry.attempt}>
                try {retry.attempt} failed at {loopSeconds(retry.t)}: <strong>{retry.error.type}</strong>
                {retry.error.message ? `: ${retry.error.message}` : ''}; next try after{' '}
                {loopSeconds(retry.delay)}
              </li>
            ))}
          </ol>
        </>
      )}

      {events.length > 0 && (
        <>
          <h4>State events ({events.length})</h4>
          <table className="node-run-events" data-testid="node-run-events">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">state</th>
                <th scope="col">loop time</th>
              </tr>
            </thead>
            <tbody>
              {events.map((event) => (
                <tr
                  key={event.seq}
                  data-seq={event.seq}
                  data-state={event.state}
                  className={scrub !== null && event.t > scrub ? 'after-playhead' : undefined}
                  title={scrub !== null && event.t > scrub ? 'after the timeline’s playhead' : undefined}
                >
                  <td className="node-run-seq">{event.seq}</td>
                  <td className={`node-run-event-state state-${event.state}`}>
                    <span aria-hidden="true">{STATE_MARKS[event.state]}</span> {event.state}
                  </td>
                  <td className="node-run-time">{loopSeconds(event.t)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
