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
import type { RunReport } from '../runtime/types';

export const CHUNK_CHARS = 1 << 16;
/** Events turned into text per JSON.stringify call (one native call for many small objects). */
const EVENTS_PER_CALL = 2048;
const ENTRY = ',\n    ';

/** The report's JSON text, piece by piece; the pieces joined are the whole text, ending in a newline. */
export function* reportJsonChunks(report: RunReport): Generator<string, void, undefined> {
  let out =
    `{\n  "status": ${JSON.stringify(report.status)},\n  "result": ${jsonOrNull(report.result)},\n` +
    `  "error": ${jsonOrNull(report.error)},\n  "nodes": {`;
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
  yield `${out}${events.length === 0 ? ']' : '\n  ]'}\n}\n`;
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
