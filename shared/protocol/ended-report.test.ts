import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GRAPH_FORMAT, parseGraph } from '../graph';
import { runWorkflow } from '../runtime/run';
import type { RunReport } from '../runtime/types';
import { compactReport, rebuildReport } from './ended-report';

const folders = [
  new URL('../../test/oracle/scenarios/', import.meta.url),
  new URL('../../examples/', import.meta.url),
].map((u) => fileURLToPath(u));
const files = folders.flatMap((folder) =>
  readdirSync(folder)
    .filter((f) => f.endsWith('.flow.json'))
    .sort()
    .map((f) => folder + f),
);

describe('run.ended without what the events tell (ended-report.ts)', () => {
  it.each(files.map((file) => [file.split('/').slice(-2).join('/'), file]))(
    '%s: the report rebuilt from its events and its compact end equals the engine’s',
    async (_name, file) => {
      const parsed = parseGraph(readFileSync(file, 'utf8'));
      if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('\n'));
      const meta = parsed.graph['x-differential'] as { deadline?: number } | undefined;
      // Fetch nodes run without an HTTP client here and fail: a failure's report must survive the trip too.
      const report = await runWorkflow(parsed.graph, { clock: 'virtual', deadline: meta?.deadline ?? null });
      const ended = compactReport(report);
      // The failed tries a retry caught come in the run's frames, as the events do.
      const rebuilt = rebuildReport(
        parsed.graph.nodes.map((n) => n.id),
        [...report.events],
        ended,
        report.retries,
      );
      expect(rebuilt).toEqual(report);
      expect(JSON.parse(JSON.stringify(rebuilt))).toEqual(JSON.parse(JSON.stringify(report)));
    },
  );

  it('keeps only the results and errors that are not null', () => {
    const report: RunReport = {
      status: 'failed',
      result: null,
      error: { type: 'ValueError', message: 'boom' },
      nodes: {
        quiet: { state: 'done', result: null, error: null, createdAt: 0, startedAt: 0, endedAt: 1 },
        answer: { state: 'done', result: { n: 42 }, error: null, createdAt: 0, startedAt: 0, endedAt: 1 },
        broken: {
          state: 'failed',
          result: null,
          error: { type: 'ValueError', message: 'boom' },
          createdAt: 0,
          startedAt: 0.5,
          endedAt: 1,
        },
        never: { state: 'idle', result: null, error: null, createdAt: null, startedAt: null, endedAt: null },
      },
      events: [
        { seq: 0, t: 0, node: 'quiet', state: 'pending' },
        { seq: 1, t: 0, node: 'answer', state: 'pending' },
        { seq: 2, t: 0, node: 'broken', state: 'pending' },
        { seq: 3, t: 0, node: 'quiet', state: 'running' },
        { seq: 4, t: 0, node: 'answer', state: 'running' },
        { seq: 5, t: 0.5, node: 'broken', state: 'running' },
        { seq: 6, t: 1, node: 'quiet', state: 'done' },
        { seq: 7, t: 1, node: 'answer', state: 'done' },
        { seq: 8, t: 1, node: 'broken', state: 'failed' },
      ],
    };
    const ended = compactReport(report);
    expect(ended).toEqual({
      status: 'failed',
      result: null,
      error: { type: 'ValueError', message: 'boom' },
      eventCount: 9,
      outcomes: { answer: { result: { n: 42 } }, broken: { error: { type: 'ValueError', message: 'boom' } } },
    });
    expect(rebuildReport(['quiet', 'answer', 'broken', 'never'], report.events, ended)).toEqual(report);
  });

  it('is small for a large run whose nodes return nothing', async () => {
    const nodes = Array.from({ length: 2000 }, (_, i) => ({
      id: `s${i}`,
      kind: 'sleep' as const,
      params: { seconds: 0.001 },
    }));
    const graph = {
      format: GRAPH_FORMAT,
      nodes: [...nodes, { id: 'all', kind: 'gather' as const, params: {} }],
      edges: nodes.map((n, i) => ({ source: n.id, target: 'all', input: i })),
    };
    const parsed = parseGraph(JSON.stringify(graph));
    if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('\n'));
    const report = await runWorkflow(parsed.graph, { clock: 'virtual' });
    const { events, ...withoutEvents } = report;
    expect(events).toHaveLength(3 * 2001);
    // The gather's result (2,000 nulls) is most of it; the node reports were ~80 % of the rest.
    expect(JSON.stringify(compactReport(report)).length).toBeLessThan(
      JSON.stringify(withoutEvents).length / 10,
    );
  });
});
