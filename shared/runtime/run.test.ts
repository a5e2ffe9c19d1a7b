import { describe, expect, it } from 'vitest';
import type { Graph, GraphEdge, GraphNode } from '../graph/types';
import { runWorkflow, startRun } from './run';
import { hostileRunGraph } from '../../test/oracle/hostile-run';
import type { HolderEvent, SlowStepWarning, StateEvent } from './types';

function graph(nodes: GraphNode[], edges: GraphEdge[] = []): Graph {
  return { format: 'flowloop.graph/2', nodes, edges };
}
const sleep = (id: string, seconds: number, result?: unknown): GraphNode =>
  ({ id, kind: 'sleep', params: result === undefined ? { seconds } : { seconds, result } }) as GraphNode;
const edge = (source: string, target: string, input: number): GraphEdge => ({ source, target, input });

describe('runWorkflow', () => {
  it('runs the seed lesson under gather: results in argument order, times in loop seconds', async () => {
    const g = graph(
      [
        sleep('page_a', 1, 'A'),
        sleep('nap', 5),
        sleep('page_b', 2, 'B'),
        { id: 'all', kind: 'gather', params: {} },
      ],
      [edge('page_a', 'all', 0), edge('nap', 'all', 1), edge('page_b', 'all', 2)],
    );
    const report = await runWorkflow(g, { clock: 'virtual' });
    expect(report.status).toBe('done');
    expect(report.result).toEqual(['A', null, 'B']);
    expect(report.nodes.nap).toMatchObject({ state: 'done', createdAt: 0, startedAt: 0, endedAt: 5 });
    expect(report.nodes.all).toMatchObject({ state: 'done', endedAt: 5 });
    expect(report.events.map((e) => e.seq)).toEqual(report.events.map((_, i) => i));
  });

  it('awaits a coroutine node’s arguments one at a time: synchronous code is ordered', async () => {
    const g = graph(
      [sleep('first', 2, 1), sleep('second', 3, 2), { id: 'v', kind: 'value', params: { value: 'v' } }],
      [edge('first', 'v', 0), edge('second', 'v', 1)],
    );
    const report = await runWorkflow(g, { clock: 'virtual' });
    expect(report.nodes.second!.createdAt).toBe(2); // demanded only once `first` is done
    expect(report.nodes.v).toMatchObject({ state: 'done', result: 'v', endedAt: 5 });
  });

  it('shares one task between two demands', async () => {
    const g = graph(
      [
        sleep('shared', 1, 7),
        { id: 'a', kind: 'gather', params: {} },
        { id: 'b', kind: 'sequence', params: {} },
      ],
      [edge('shared', 'a', 0), edge('shared', 'b', 0)],
    );
    const report = await runWorkflow(g, { clock: 'virtual' });
    expect(report.result).toEqual([[7], [7]]);
    expect(report.events.filter((e) => e.node === 'shared' && e.state === 'pending')).toHaveLength(1);
  });

  it('leaves never-demanded nodes idle and cancels what is still running when main ends', async () => {
    const g = graph(
      [
        sleep('fast', 1, 'f'),
        sleep('slow', 10),
        { id: 'w', kind: 'wait', params: { returnWhen: 'FIRST_COMPLETED' } },
      ],
      [edge('fast', 'w', 0), edge('slow', 'w', 1)],
    );
    const report = await runWorkflow(g, { clock: 'virtual' });
    expect(report.result).toEqual(['f']);
    expect(report.nodes.slow).toMatchObject({
      state: 'cancelled',
      endedAt: 1,
      error: { type: 'CancelledError' },
    });
  });

  it('fails with the failing node’s error type and message', async () => {
    const g = graph(
      [
        { id: 'boom', kind: 'fail', params: { error: 'ValueError', message: 'bad value', after: 2 } },
        sleep('slow', 5),
        { id: 'all', kind: 'gather', params: {} },
      ],
      [edge('boom', 'all', 0), edge('slow', 'all', 1)],
    );
    const report = await runWorkflow(g, { clock: 'virtual' });
    expect(report.status).toBe('failed');
    expect(report.error).toEqual({ type: 'ValueError', message: 'bad value' });
    expect(report.nodes.boom).toMatchObject({
      state: 'failed',
      endedAt: 2,
      error: { type: 'ValueError', message: 'bad value' },
    });
    // gather does not cancel its other children; asyncio.run's ending does.
    expect(report.nodes.slow).toMatchObject({ state: 'cancelled', endedAt: 2 });
  });

  it('a deadline cancels the main task and the cancellation spreads into what it awaits', async () => {
    const g = graph(
      [sleep('a', 1), sleep('b', 10), { id: 'seq', kind: 'sequence', params: {} }],
      [edge('a', 'seq', 0), edge('b', 'seq', 1)],
    );
    const report = await runWorkflow(g, { clock: 'virtual', deadline: 3 });
    expect(report.status).toBe('cancelled');
    expect(report.error?.type).toBe('CancelledError');
    expect(report.nodes.a!.state).toBe('done');
    expect(report.nodes.b).toMatchObject({ state: 'cancelled', endedAt: 3 });
    expect(report.nodes.seq).toMatchObject({ state: 'cancelled', endedAt: 3 });
  });

  it('stop() from outside the loop cancels a real-clock run', async () => {
    const g = graph([sleep('long', 30)]);
    const events: StateEvent[] = [];
    const run = startRun(g, { clock: 'real', listener: { state: (e) => events.push(e) } });
    setTimeout(() => run.stop(), 50);
    const report = await run.report;
    expect(report.status).toBe('cancelled');
    expect(report.nodes.long!.state).toBe('cancelled');
    expect(events.map((e) => e.state)).toEqual(['pending', 'running', 'cancelled']);
  });

  it('streams every event to listeners in the order of the report', async () => {
    const g = graph(
      [sleep('x', 0), sleep('y', 1), { id: 'r', kind: 'race', params: {} }],
      [edge('x', 'r', 0), edge('y', 'r', 1)],
    );
    const seen: StateEvent[] = [];
    const report = await runWorkflow(g, { clock: 'virtual', listener: { state: (e) => seen.push(e) } });
    expect(seen).toEqual(report.events);
    expect(report.nodes.y!.state).toBe('cancelled'); // the race's loser
  });

  it('reports which node holds the loop and warns about a step that holds it too long', async () => {
    const g = graph([
      {
        id: 'crunch',
        kind: 'transform',
        params: {
          language: 'javascript',
          code: 'let s = 0; const end = Date.now() + 150; while (Date.now() < end) s++; return 1',
        },
      },
    ]);
    const holders: HolderEvent[] = [];
    const warnings: SlowStepWarning[] = [];
    const report = await runWorkflow(g, {
      clock: 'virtual',
      slowStepSeconds: 0.1,
      listener: { holder: (h) => holders.push(h), slowStep: (w) => warnings.push(w) },
    });
    expect(report.status).toBe('done');
    expect(holders.map((h) => h.node)).toEqual(['crunch', null]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.node).toBe('crunch');
    expect(warnings[0]!.seconds).toBeGreaterThanOrEqual(0.1);
  });

  it('gives several terminals’ results as a list, in file order', async () => {
    const g = graph([sleep('b', 2, 'b'), sleep('a', 1, 'a')]);
    const report = await runWorkflow(g, { clock: 'virtual' });
    expect(report.result).toEqual(['b', 'a']);
  });
});

describe('hostile transforms', () => {
  it.each([
    ['an endless loop', 'while (true) {}', /time limit/],
    ['a memory bomb', 'let a = []; while (true) a.push(new Array(1e6).fill(1)); return a', /memory limit/],
    [
      'an escape attempt',
      "return globalThis.constructor.constructor('return process')().pid",
      /ReferenceError: 'process' is not defined/,
    ],
  ])(
    '%s ends as a TransformError while the loop keeps serving the other tasks',
    async (_what, code, message) => {
      const g = hostileRunGraph(code);
      const report = await runWorkflow(g, { clock: 'virtual' });
      expect(report.status).toBe('done');
      expect(report.nodes.hostile).toMatchObject({ state: 'failed', error: { type: 'TransformError' } });
      expect(report.nodes.hostile!.error!.message).toMatch(message);
      expect(report.nodes.alongside).toMatchObject({ state: 'done', endedAt: 2 });
      expect(report.nodes.after).toMatchObject({ state: 'done', endedAt: 3 });
      expect(report.result).toEqual([{ error: report.nodes.hostile!.error }, 'a', 'c']);
      expect((globalThis as { polluted?: unknown }).polluted).toBeUndefined();
    },
  );
});

describe('run times', () => {
  it('count from the start of the run, not from before the sandbox was ready', async () => {
    const g = graph([{ id: 'calc', kind: 'transform', params: { language: 'javascript', code: '1 + 1' } }]);
    const report = await runWorkflow(g, { clock: 'real' });
    expect(report.result).toBe(2);
    // Loading QuickJS takes tens of milliseconds; none of it may show in the node's times.
    expect(report.nodes.calc!.createdAt).toBeLessThan(0.05);
  });
});

describe('the HTTP client', () => {
  it("is warmed up before the run's clock starts: no node is created until its `ready` settles", async () => {
    let warm: () => void = () => undefined;
    const ready = new Promise<void>((resolve) => (warm = resolve));
    const heard: StateEvent[] = [];
    const http = {
      ready,
      request: () => Promise.resolve({ status: 200, statusText: 'OK', text: '"page"' }),
      close: () => Promise.resolve(),
    };
    const g = graph([{ id: 'page', kind: 'fetch', params: { url: 'http://127.0.0.1:9/' } }]);
    const report = startRun(g, { clock: 'virtual', http, listener: { state: (e) => heard.push(e) } }).report;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(heard).toEqual([]);
    warm();
    expect((await report).nodes.page).toMatchObject({ state: 'done', result: 'page', startedAt: 0 });
  });
});
