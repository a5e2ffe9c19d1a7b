/**
 * A file's run history as the protocol carries it: one record per finished run (what ran, on which
 * clock, and its report) and the short summary the History panel lists. Pure: used by host and renderer.
 */
import { noStateCounts, type NodeState, type RunReport, type RunStatus } from '../runtime/types';
import type { ClockMode } from './messages';

/** Which document a run belongs to: its absolute path, or its autosave key while it has none. */
export interface HistoryDocument {
  path: string | null;
  key: string;
}

export interface RunRecord {
  id: string;
  /** Wall-clock times (ISO 8601) when the run was asked for and when it ended. */
  startedAt: string;
  endedAt: string;
  clock: ClockMode;
  /** The graph exactly as it ran, as document text. */
  text: string;
  /** The run's report; its events may be cut short, see eventsDropped. */
  report: RunReport;
  /** How many state events (the last ones) were not kept to bound the history's size; 0 when all are. */
  eventsDropped: number;
}

export interface RunHistorySummary {
  id: string;
  startedAt: string;
  endedAt: string;
  clock: ClockMode;
  status: RunStatus;
  /** How many nodes ended in each state. */
  counts: Record<NodeState, number>;
  /** Loop seconds from the run's start to its last event. */
  duration: number;
  eventsDropped: number;
}

/** Loop seconds the run lasted: its last event or node time, whichever is later. */
export function runDuration(report: RunReport): number {
  let end = report.events.at(-1)?.t ?? 0;
  for (const id in report.nodes) {
    const node = report.nodes[id] as RunReport['nodes'][string];
    end = Math.max(end, node.createdAt ?? end, node.startedAt ?? end, node.endedAt ?? end);
  }
  return end;
}

export function summarizeRun(record: RunRecord): RunHistorySummary {
  const counts = noStateCounts();
  for (const id in record.report.nodes)
    counts[(record.report.nodes[id] as RunReport['nodes'][string]).state] += 1;
  return {
    id: record.id,
    startedAt: record.startedAt,
    endedAt: record.endedAt,
    clock: record.clock,
    status: record.report.status,
    counts,
    duration: runDuration(record.report),
    eventsDropped: record.eventsDropped,
  };
}
