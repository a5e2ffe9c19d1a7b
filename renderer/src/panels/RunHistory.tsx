/**
 * The History tab: the open file's last runs, newest first (refreshed when a run ends). View shows
 * a run's final node states on the canvas (a replay, labelled, with a way back); ticking two runs
 * and pressing Compare lists the nodes that ended differently between them.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ClockMode } from '../../../shared/protocol/messages';
import type { HistoryDocument, RunHistorySummary, RunRecord } from '../../../shared/protocol/run-history';
import type { NodeReport, NodeState } from '../../../shared/runtime/types';
import { getHost } from '../host-client/host';
import { editorStore, useEditor } from '../store/use-editor';
import { compareRuns, finalStates, type NodeDifference } from './run-compare';
import './run-history.css';

/** Real and slow clocks jitter by a few milliseconds: end times closer than this count as equal. */
const WALL_CLOCK_TOLERANCE = 0.01;

interface Listing {
  runs: RunHistorySummary[];
  problem: string | null;
}

interface Viewing {
  runId: string;
  startedAt: string;
  states: Record<string, NodeState>;
}

interface Comparison {
  older: RunRecord;
  newer: RunRecord;
  differences: NodeDifference[];
}

export function RunHistory() {
  const path = useEditor((s) => s.path);
  const key = useEditor((s) => s.autosaveKey);
  const report = useEditor((s) => s.run.report);
  const replay = useEditor((s) => s.run.replay);
  const [listing, setListing] = useState<Listing | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [picked, setPicked] = useState<string[]>([]);
  const [viewing, setViewing] = useState<Viewing | null>(null);
  const [comparison, setComparison] = useState<Comparison | null>(null);
  const latest = useRef(0);

  const document: HistoryDocument = { path, key };
  const refresh = useCallback(async () => {
    latest.current += 1;
    const asked = latest.current;
    try {
      const answer = await getHost().request({ type: 'history.list', document: { path, key } });
      if (asked !== latest.current) return; // a newer answer is on its way
      setListing(answer);
      setFailure(null);
      setPicked((ids) => ids.filter((id) => answer.runs.some((r) => r.id === id)));
    } catch (error) {
      if (asked === latest.current) setFailure(`Could not read the run history: ${message(error)}`);
    }
  }, [path, key]);

  // The run's report changes when a run ends (and is cleared when one starts): list again.
  useEffect(() => {
    void refresh();
  }, [refresh, report]);

  const fetchRecord = async (runId: string): Promise<RunRecord | null> => {
    const { record } = await getHost().request({ type: 'history.get', document, runId });
    if (record === null) setFailure('That run is no longer in the history.');
    return record;
  };

  const view = async (run: RunHistorySummary) => {
    try {
      const record = await fetchRecord(run.id);
      if (record === null) return;
      const states = finalStates(record.report.nodes);
      editorStore.getState().setReplay(states);
      setViewing({ runId: record.id, startedAt: record.startedAt, states });
    } catch (error) {
      setFailure(`Could not read that run: ${message(error)}`);
    }
  };

  const compare = async () => {
    try {
      const records = await Promise.all(picked.map(fetchRecord));
      const [first, second] = records;
      if (!first || !second) return;
      const [older, newer] = first.startedAt <= second.startedAt ? [first, second] : [second, first];
      const wall = older.clock.kind !== 'virtual' || newer.clock.kind !== 'virtual';
      const differences = compareRuns(older.report.nodes, newer.report.nodes, {
        timeTolerance: wall ? WALL_CLOCK_TOLERANCE : 0,
      });
      setComparison({ older, newer, differences });
    } catch (error) {
      setFailure(`Could not compare the runs: ${message(error)}`);
    }
  };

  const toggle = (id: string) =>
    setPicked((ids) => (ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id].slice(-2)));

  // The label holds only while the canvas still shows that run (a new run or the timeline replaces it).
  const showing = viewing !== null && replay === viewing.states ? viewing : null;

  return (
    <div className="run-history" data-testid="run-history">
      <div className="run-history-head">
        <span className="run-history-title">
          Last runs of <b>{path === null ? 'this unsaved document' : baseName(path)}</b>
        </span>
        <button
          type="button"
          disabled={picked.length !== 2}
          onClick={() => void compare()}
          data-testid="history-compare"
        >
          Compare {picked.length}/2
        </button>
        {showing && (
          <span className="run-history-showing" role="status" data-testid="history-showing">
            Showing run of {clockTime(showing.startedAt)}
            <button
              type="button"
              onClick={() => editorStore.getState().setReplay(null)}
              data-testid="history-back"
            >
              Back to current
            </button>
          </span>
        )}
      </div>
      {listing?.problem && (
        <p className="run-history-problem" role="alert" data-testid="history-problem">
          The stored history could not be read; the next run starts a new one. ({listing.problem})
        </p>
      )}
      {failure && (
        <p className="run-history-problem" role="alert">
          {failure}
        </p>
      )}
      <div className="run-history-body">
        <RunList
          runs={listing?.runs ?? null}
          picked={picked}
          shown={showing?.runId ?? null}
          onToggle={toggle}
          onView={(run) => void view(run)}
        />
        {comparison && <ComparisonTable comparison={comparison} onClose={() => setComparison(null)} />}
      </div>
    </div>
  );
}

function RunList(props: {
  runs: RunHistorySummary[] | null;
  picked: string[];
  /** The run whose states the canvas shows, if any. */
  shown: string | null;
  onToggle(id: string): void;
  onView(run: RunHistorySummary): void;
}) {
  if (props.runs === null) return <p className="run-history-empty">Reading the history…</p>;
  if (props.runs.length === 0)
    return (
      <p className="run-history-empty" data-testid="history-empty">
        No runs of this file yet: press Run.
      </p>
    );
  return (
    <table className="run-history-list">
      <thead>
        <tr>
          <th scope="col">
            <span className="visually-hidden">Compare</span>
          </th>
          <th scope="col">Started</th>
          <th scope="col">Clock</th>
          <th scope="col">Status</th>
          <th scope="col">Loop time</th>
          <th scope="col">Nodes</th>
          <th scope="col">
            <span className="visually-hidden">View</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {props.runs.map((run) => (
          <tr
            key={run.id}
            data-testid="history-row"
            data-run-id={run.id}
            data-status={run.status}
            data-showing={props.shown === run.id ? 'true' : undefined}
            className={
              [props.picked.includes(run.id) ? 'picked' : '', props.shown === run.id ? 'showing' : '']
                .join(' ')
                .trim() || undefined
            }
          >
            <td>
              <input
                type="checkbox"
                checked={props.picked.includes(run.id)}
                onChange={() => props.onToggle(run.id)}
                aria-label={`compare the run of ${clockTime(run.startedAt)}`}
              />
            </td>
            <td title={new Date(run.startedAt).toLocaleString()}>{clockTime(run.startedAt)}</td>
            <td>{clockLabel(run.clock)}</td>
            <td className={`state-${run.status}`}>{run.status}</td>
            <td className="number">{seconds(run.duration)}</td>
            <td title={run.eventsDropped > 0 ? `${run.eventsDropped} state events were not kept` : undefined}>
              {countsText(run.counts)}
            </td>
            <td>
              <button
                type="button"
                onClick={() => props.onView(run)}
                data-testid="history-view"
                aria-pressed={props.shown === run.id}
              >
                View
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ComparisonTable({ comparison, onClose }: { comparison: Comparison; onClose(): void }) {
  const { older, newer, differences } = comparison;
  const a = clockTime(older.startedAt);
  const b = clockTime(newer.startedAt);
  return (
    <section className="run-compare" aria-label="run comparison" data-testid="history-comparison">
      <div className="run-compare-head">
        <h3>
          Run of {a} ({clockLabel(older.clock)}) → run of {b} ({clockLabel(newer.clock)})
        </h3>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      {differences.length === 0 ? (
        <p data-testid="history-no-differences">Every node ended the same way in both runs.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Node</th>
              <th scope="col">Run of {a}</th>
              <th scope="col">Run of {b}</th>
              <th scope="col">Differs in</th>
            </tr>
          </thead>
          <tbody>
            {differences.map((d) => (
              <tr key={d.node} data-testid="compare-row" data-node={d.node} data-presence={d.presence}>
                <th scope="row">{d.node}</th>
                <td>{d.a ? describeNode(d.a) : <i>not in this run</i>}</td>
                <td>{d.b ? describeNode(d.b) : <i>not in this run</i>}</td>
                <td>
                  {d.presence === 'both'
                    ? d.changes.map(changeLabel).join(', ')
                    : `only in the run of ${d.presence === 'only-a' ? a : b}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function describeNode(node: NodeReport): string {
  const parts: string[] = [node.state];
  if (node.endedAt !== null) parts.push(`ended ${seconds(node.endedAt)}`);
  if (node.error) parts.push(`${node.error.type}: ${node.error.message}`);
  else if (node.result !== null) parts.push(`→ ${clip(JSON.stringify(node.result))}`);
  return parts.join(' · ');
}

const CHANGE_LABELS = {
  state: 'final state',
  endedAt: 'end time',
  result: 'result',
  error: 'error',
} as const;
function changeLabel(change: keyof typeof CHANGE_LABELS): string {
  return CHANGE_LABELS[change];
}

function countsText(counts: Record<NodeState, number>): string {
  const parts = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([state, n]) => `${n} ${state}`);
  return parts.length > 0 ? parts.join(', ') : 'no nodes';
}

export function clockLabel(clock: ClockMode): string {
  return clock.kind === 'slow' ? `slow ×${clock.scale}` : clock.kind;
}

/** HH:MM:SS in local time. */
export function clockTime(iso: string): string {
  const d = new Date(iso);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

function seconds(t: number): string {
  return `${t.toFixed(3)} s`;
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

function baseName(path: string): string {
  return path.split(/[\\/]/).at(-1) ?? path;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
