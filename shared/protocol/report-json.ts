/**
 * The run report of docs/run-report.md as JSON text, in pieces of about CHUNK_CHARS characters, for the
 * command line's `--json`: a 50,000-node run has a 150,000-event report, and one string of it
 * (24 MB as `JSON.stringify(report, null, 2)`, then as many bytes again to write it) was the
 * largest allocation of the whole process. The layout puts the report's fields on lines of their
 * own and each node and each event on one line, so a person can still read and grep it:
 *
 *     {
 *       "status": "done",
 *       "result": [1, 2],            (as JSON.stringify writes it: no spaces)
 *       "error": null,
 *       "nodes": {
 *         "nap": {"state":"done","result":null,"error":null,"createdAt":0,"startedAt":0,"endedAt":5}
 *       },
 *       "events": [
 *         {"seq":0,"t":0,"node":"nap","state":"pending"},
 *         …
 *       ]
 *     }
 *
 * Parsed, it is the report (JSON.parse(pieces.join('')) deep-equals JSON.parse(JSON.stringify(report))).
 */
import { EVENT_STATES, nodeReport, runLogOf, type LoggedNode, type RunLog } from '../runtime/run-log';
import type { RunReport } from '../runtime/types';

export const CHUNK_CHARS = 1 << 16;
/** Events turned into text per JSON.stringify call (one native call for many small objects). */
const EVENTS_PER_CALL = 2048;
const ENTRY = ',\n    ';

/** The report's JSON text, piece by piece; the pieces joined are the whole text, ending in a newline. */
export function* reportJsonChunks(report: RunReport): Generator<string, void, undefined> {
  const head =
    `{\n  "status": ${JSON.stringify(report.status)},\n  "result": ${jsonOrNull(report.result)},\n` +
    `  "error": ${jsonOrNull(report.error)},\n  "nodes": {`;
  const log = runLogOf(report);
  if (log !== null && !log.nodes.some(isIndexKey)) yield* logJsonChunks(head, log, report);
  else yield* objectJsonChunks(head, report);
}

/** The nodes and events of a report that holds them as objects. */
function* objectJsonChunks(head: string, report: RunReport): Generator<string, void, undefined> {
  let out = head;
  let first = true;
  const nodes = report.nodes;
  for (const id in nodes) {
    const text = JSON.stringify(nodes[id]);
    if (text === undefined) continue; // as JSON.stringify skips a property whose value is undefined
    out += `${first ? '\n    ' : ENTRY}${JSON.stringify(id)}: ${text}`;
    first = false;
    if (out.length >= CHUNK_CHARS) {
      yield out;
      out = '';
    }
  }
  out += first ? '},\n  "events": [' : '\n  },\n  "events": [';
  const events = report.events;
  for (let i = 0; i < events.length; i += EVENTS_PER_CALL) {
    const slice = events.slice(i, i + EVENTS_PER_CALL);
    out += (i === 0 ? '\n    ' : ENTRY) + eventLines(slice);
    if (out.length >= CHUNK_CHARS) {
      yield out;
      out = '';
    }
  }
  yield `${out}${events.length === 0 ? ']' : '\n  ]'}${retriesJson(report)}\n}\n`;
}

/** `,\n  "retries": [...]` when a retry caught a failure (one per line), else nothing. */
function retriesJson(report: RunReport): string {
  const retries = report.retries;
  if (retries === undefined) return '';
  return `,\n  "retries": [${retries.map((retry) => `\n    ${JSON.stringify(retry)}`).join(',')}\n  ]`;
}

function jsonOrNull(value: unknown): string {
  return JSON.stringify(value) ?? 'null';
}

/**
 * Events one per line, joined by ENTRY. One JSON.stringify of the whole slice, then a line break
 * at each `},{` between two events — when the text has exactly one `},{` per boundary (a node id
 * or a state containing `},{` would add more: then each event is written on its own).
 */
function eventLines(slice: readonly RunReport['events'][number][]): string {
  const text = JSON.stringify(slice);
  const body = text.slice(1, -1);
  let boundaries = 0;
  for (let at = body.indexOf('},{'); at !== -1; at = body.indexOf('},{', at + 3)) boundaries++;
  if (boundaries === slice.length - 1) return body.replaceAll('},{', `}${ENTRY}{`);
  return slice.map((event) => JSON.stringify(event)).join(ENTRY);
}

/**
 * The nodes and events of a run's log (run-log.ts), written from its records and columns: the
 * same text as objectJsonChunks gives for the report made from the log, without making the
 * report's 50,000 node reports and 150,000 event objects first. Each node's id is turned into
 * JSON once, for its report and its events.
 */
function* logJsonChunks(head: string, log: RunLog, report: RunReport): Generator<string, void, undefined> {
  const records = log.nodes;
  const ids = new Array<string>(records.length);
  let out = head;
  for (let i = 0; i < records.length; i++) {
    const record = records[i]!;
    const id = JSON.stringify(record.node.id);
    ids[i] = id;
    out += `${i === 0 ? '\n    ' : ENTRY}${id}: ${nodeJson(record)}`;
    if (out.length >= CHUNK_CHARS) {
      yield out;
      out = '';
    }
  }
  out += records.length === 0 ? '},\n  "events": [' : '\n  },\n  "events": [';
  const { length, times, nodeIndexes, states } = log;
  const stateTexts = EVENT_STATES.map((state) => `,"state":${JSON.stringify(state)}}`);
  for (let seq = 0; seq < length; seq++) {
    out +=
      `${seq === 0 ? '\n    ' : ENTRY}{"seq":${seq},"t":${jsonNumber(times[seq]!)},` +
      `"node":${ids[nodeIndexes[seq]!]!}${stateTexts[states[seq]!]!}`;
    if (out.length >= CHUNK_CHARS) {
      yield out;
      out = '';
    }
  }
  yield `${out}${length === 0 ? ']' : '\n  ]'}${retriesJson(report)}\n}\n`;
}

/** JSON.stringify(nodeReport(record)), written out for the usual fields: numbers or null, no error. */
function nodeJson(record: LoggedNode): string {
  const result = record.result === null ? 'null' : JSON.stringify(record.result);
  if (record.error !== null || result === undefined) return JSON.stringify(nodeReport(record));
  return (
    `{"state":"${record.state}","result":${result},"error":null,` +
    `"createdAt":${jsonTime(record.createdAt)},"startedAt":${jsonTime(record.startedAt)},` +
    `"endedAt":${jsonTime(record.endedAt)}}`
  );
}

function jsonTime(t: number | null): string {
  return t === null ? 'null' : jsonNumber(t);
}

/** A number as JSON.stringify writes it (finite numbers as String does; others as null). */
function jsonNumber(n: number): string {
  return Number.isFinite(n) ? String(n) : 'null';
}

/**
 * A node id an object would list before the others (an array index: "0", "17"), which would
 * put the report's `nodes` out of file order: such a report is written from its objects.
 */
function isIndexKey(record: LoggedNode): boolean {
  const id = record.node.id;
  if (!/^(?:0|[1-9][0-9]{0,9})$/.test(id)) return false;
  return Number(id) < 4294967295;
}
