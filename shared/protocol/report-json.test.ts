import { describe, expect, it } from 'vitest';
import type { Graph, GraphEdge, GraphNode } from '../graph/types';
import { runWorkflow } from '../runtime/run';
import { runLogOf } from '../runtime/run-log';
import type { RunReport, StateEvent } from '../runtime/types';
import { CHUNK_CHARS, reportJsonChunks } from './report-json';

function text(report: RunReport): string {
  return [...reportJsonChunks(report)].join('');
}

const small: RunReport = {
  status: 'failed',
  result: null,
  error: { type: 'ValueError', message: 'boom "quoted" \n and },{ braces' },
  nodes: {
    nap: {
      state: 'done',
      result: { list: [{ a: 1 }, { b: '},{' }] },
      error: null,
      createdAt: 0,
      startedAt: 0,
      endedAt: 5,
    },
    broken: {
      state: 'failed',
      result: null,
      error: { type: 'ValueError', message: 'é ☃ \u2028' },
      createdAt: 0,
      startedAt: 0.5,
      endedAt: 1,
    },
    never: { state: 'idle', result: null, error: null, createdAt: null, startedAt: null, endedAt: null },
  },
  events: [
    { seq: 0, t: 0, node: 'nap', state: 'pending' },
    { seq: 1, t: 0, node: 'broken', state: 'pending' },
    { seq: 2, t: 0.1, node: 'nap', state: 'running' },
  ],
};

function manyEvents(count: number, node: (i: number) => string): StateEvent[] {
  return Array.from({ length: count }, (_, i) => ({
    seq: i,
    t: i / 10,
    node: node(i),
    state: 'running' as const,
  }));
}

describe('the --json report as text (report-json.ts)', () => {
  it('parses back to the report, one node and one event per line', () => {
    const out = text(small);
    expect(JSON.parse(out)).toEqual(JSON.parse(JSON.stringify(small)));
    expect(out.endsWith('}\n')).toBe(true);
    const lines = out.split('\n');
    expect(lines).toContain(
      '    "never": {"state":"idle","result":null,"error":null,"createdAt":null,"startedAt":null,"endedAt":null}',
    );
    expect(lines).toContain('    {"seq":2,"t":0.1,"node":"nap","state":"running"}');
    expect(lines.filter((line) => line.startsWith('    {"seq"'))).toHaveLength(3);
  });

  it('writes an empty run and a run without events', () => {
    const empty: RunReport = { status: 'done', result: [], error: null, nodes: {}, events: [] };
    expect(JSON.parse(text(empty))).toEqual(empty);
    const noEvents: RunReport = { ...small, events: [] };
    expect(JSON.parse(text(noEvents))).toEqual(JSON.parse(JSON.stringify(noEvents)));
  });

  it('comes in pieces of bounded size for a large run, all events in order', () => {
    const events = manyEvents(20_000, (i) => `node_${i % 97}`);
    const report: RunReport = { status: 'done', result: null, error: null, nodes: {}, events };
    const chunks = [...reportJsonChunks(report)];
    expect(chunks.length).toBeGreaterThan(10);
    for (const chunk of chunks) expect(chunk.length).toBeLessThan(CHUNK_CHARS + 200_000);
    const parsed = JSON.parse(chunks.join('')) as RunReport;
    expect(parsed.events).toEqual(events);
    expect(
      chunks
        .join('')
        .split('\n')
        .filter((line) => line.startsWith('    {"seq"')),
    ).toHaveLength(20_000);
  });

  it('keeps strings that look like an event boundary inside their line (each event written alone)', () => {
    const events = manyEvents(5000, (i) => (i === 4100 ? 'odd},{"seq":0' : `n${i}`));
    const report: RunReport = { status: 'done', result: null, error: null, nodes: {}, events };
    const out = text(report);
    expect((JSON.parse(out) as RunReport).events).toEqual(events);
    expect(out.split('\n').filter((line) => line.startsWith('    {"seq"'))).toHaveLength(5000);
  });

  it('writes the failed tries retries caught after the events, one per line, from a run’s log too', async () => {
    const report = await runWorkflow(
      {
        format: 'flowloop.graph/2',
        nodes: [
          {
            id: 'flaky',
            kind: 'fail',
            params: { error: 'ConnectionError', message: 'down', after: 0.5 },
            retry: { attempts: 3, delay: 1, backoff: 2 },
          },
        ],
        edges: [],
      },
      { clock: 'virtual' },
    );
    const out = text(report);
    expect(runLogOf(report)).not.toBeNull();
    expect(out).toBe(text({ ...report }));
    expect(JSON.parse(out)).toEqual(JSON.parse(JSON.stringify(report)));
    expect((JSON.parse(out) as RunReport).retries).toEqual([
      { t: 0.5, node: 'flaky', attempt: 1, error: { type: 'ConnectionError', message: 'down' }, delay: 1 },
      { t: 2, node: 'flaky', attempt: 2, error: { type: 'ConnectionError', message: 'down' }, delay: 2 },
    ]);
    expect(out).toMatch(/\n {2}"retries": \[\n {4}\{"t":0.5,[^\n]*\},\n {4}\{"t":2,[^\n]*\}\n {2}\]\n\}\n$/);
    expect(text(small)).not.toContain('retries');
  });

  it('leaves out what JSON.stringify leaves out', () => {
    const report = { ...small, nodes: { ...small.nodes, gone: undefined } } as unknown as RunReport;
    expect(JSON.parse(text(report))).toEqual(JSON.parse(JSON.stringify(report)));
  });

  describe('a run’s report, written from its log (run-log.ts)', () => {
    const sleep = (id: string, seconds: number, result?: unknown): GraphNode =>
      ({ id, kind: 'sleep', params: result === undefined ? { seconds } : { seconds, result } }) as GraphNode;
    const edge = (source: string, target: string, input: number): GraphEdge => ({ source, target, input });
    const graph = (nodes: GraphNode[], edges: GraphEdge[]): Graph => ({
      format: 'flowloop.graph/2',
      nodes,
      edges,
    });
    /** Done, failed, cancelled and idle nodes, results of several kinds, an id that needs escaping. */
    const mixed = (extra: GraphNode[] = []): Graph =>
      graph(
        [
          sleep('nap', 0.1, { list: [{ a: 1 }, '},{'] }),
          sleep('slow "one" ☃', 5),
          { id: 'boom', kind: 'fail', params: { error: 'ValueError', message: 'bad "value"', after: 2 } },
          { id: 'all', kind: 'gather', params: {} },
          sleep('z', 1.5, 1e21),
          ...extra,
        ],
        [edge('nap', 'all', 0), edge('slow "one" ☃', 'all', 1), edge('boom', 'all', 2)],
      );

    it('is the same text as the report’s objects give, and makes none of them', async () => {
      const report = await runWorkflow(mixed(), { clock: 'virtual' });
      const fromLog = text(report);
      expect(runLogOf(report)).not.toBeNull(); // writing did not read nodes or events
      const copy = { ...report }; // reads them: a plain report
      expect(runLogOf(copy)).toBeNull();
      expect(fromLog).toBe(text(copy));
      expect(JSON.parse(fromLog)).toEqual(JSON.parse(JSON.stringify(report)));
      expect(report.nodes['slow "one" ☃']!.state).toBe('cancelled');
    });

    it('is written from the objects once they were read or replaced, and for ids an object puts first', async () => {
      const read = await runWorkflow(mixed(), { clock: 'virtual' });
      read.events.pop();
      expect(runLogOf(read)).toBeNull();
      expect(JSON.parse(text(read))).toEqual(JSON.parse(JSON.stringify(read)));
      const replaced = await runWorkflow(mixed(), { clock: 'virtual' });
      replaced.events = [];
      expect(JSON.parse(text(replaced)).events).toEqual([]);
      const numbered = await runWorkflow(mixed([sleep('7', 1)]), { clock: 'virtual' });
      expect(runLogOf(numbered)).not.toBeNull();
      const out = text(numbered);
      expect(out).toBe(text({ ...numbered }));
      expect(out.indexOf('"7":')).toBeLessThan(out.indexOf('"nap":'));
    });
  });
});
