/**
 * The end of a run as it crosses to the page. The page has already had every state event in the
 * run's frames, and a node's report is mostly those events again: its state is its last event's,
 * createdAt/startedAt/endedAt are the times of its pending, running and final events (run.ts sets
 * them from the very events it emits). So run.ended carries only what the events cannot tell: the
 * run's outcome, the number of events (so the page knows none was lost), and the results and errors
 * of the nodes that have one. For a 5,000-node run that is kilobytes instead of the report's ~0.8 MB
 * (without its events) that the page had to receive and parse while the canvas waited.
 */
import type { JsonValue } from '../graph/types';
import type { ErrorInfo, NodeReport, RetryEvent, RunReport, StateEvent } from '../runtime/types';

/** A node's result or error, present only where not null. */
export interface NodeOutcome {
  result?: JsonValue;
  error?: ErrorInfo;
}

export interface EndedReport {
  status: RunReport['status'];
  result: JsonValue | null;
  error: ErrorInfo | null;
  /** How many state events the run had: report.events.length. */
  eventCount: number;
  /** By node id, for the nodes whose result or error is not null. */
  outcomes: Record<string, NodeOutcome>;
}

export function compactReport(report: RunReport): EndedReport {
  const outcomes: Record<string, NodeOutcome> = {};
  for (const id in report.nodes) {
    const node = report.nodes[id] as NodeReport;
    if (node.result === null && node.error === null) continue;
    const outcome: NodeOutcome = {};
    if (node.result !== null) outcome.result = node.result;
    if (node.error !== null) outcome.error = node.error;
    outcomes[id] = outcome;
  }
  return {
    status: report.status,
    result: report.result,
    error: report.error,
    eventCount: report.events.length,
    outcomes,
  };
}

/**
 * The run's report from its events and its end: `nodeIds` are the nodes of the graph the run was
 * started with (every one has a report, idle if it never ran). Equal to the host's report whenever
 * `events` are all of the run's events (events.length === ended.eventCount).
 */
export function rebuildReport(
  nodeIds: readonly string[],
  events: StateEvent[],
  ended: EndedReport,
  /** The failed tries the run's frames carried (RunReport.retries). */
  retries: readonly RetryEvent[] = [],
): RunReport {
  const nodes: Record<string, NodeReport> = {};
  for (const id of nodeIds)
    nodes[id] = { state: 'idle', result: null, error: null, createdAt: null, startedAt: null, endedAt: null };
  for (const event of events) {
    const node = nodes[event.node];
    if (node === undefined) continue;
    node.state = event.state;
    if (event.state === 'pending') node.createdAt = event.t;
    else if (event.state === 'running') node.startedAt = event.t;
    else node.endedAt = event.t;
  }
  for (const id in ended.outcomes) {
    const node = nodes[id];
    const outcome = ended.outcomes[id] as NodeOutcome;
    if (node === undefined) continue;
    if (outcome.result !== undefined) node.result = outcome.result;
    if (outcome.error !== undefined) node.error = outcome.error;
  }
  const report: RunReport = { status: ended.status, result: ended.result, error: ended.error, nodes, events };
  if (retries.length > 0) report.retries = [...retries];
  return report;
}
