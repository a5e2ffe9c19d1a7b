/**
 * The oracle must be honest before the differential tests can trust it: its virtual-clock loop
 * runs plain asyncio programs with the times they would have on a real clock, and its reports
 * follow docs/run-report.md.
 */
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Graph } from '../graph/types';
import { ORACLE_PATH, runOracle, runPython } from '../../test/oracle/oracle';

/** Runs a Python program that can `import asyncio_oracle`; gives the JSON it prints. */
async function runProgram(source: string): Promise<unknown> {
  const prelude = `import sys; sys.path.insert(0, ${JSON.stringify(dirname(ORACLE_PATH))})\n`;
  const out = await runPython(['-'], prelude + source);
  if (out.code !== 0) throw new Error(`python exited with ${String(out.code)}: ${out.stderr}`);
  return JSON.parse(out.stdout);
}

describe('asyncio_oracle.py', () => {
  it('its virtual loop gives a plain asyncio program exact loop times, without waiting for them', async () => {
    const result = await runProgram(`
import asyncio, json
from asyncio_oracle import VirtualClockLoop
log = []
async def worker(name, delays):
    for d in delays:
        await asyncio.sleep(d)
        log.append([name, loop.time()])
async def main():
    a = asyncio.create_task(worker('a', [0.1, 0.1, 0.1]))
    b = asyncio.create_task(worker('b', [0.3]))
    try:
        await asyncio.wait_for(asyncio.sleep(3600), 2.5)
    except TimeoutError:
        log.append(['timeout', loop.time()])
    await a
    await b
    await worker('c', [0.1, 0.1, 0.1])
    order = []
    for i in range(8):
        loop.call_later(1, order.append, i)
    await asyncio.sleep(1)
    log.append(['ties', order])
    return loop.time()
loop = VirtualClockLoop()
end = loop.run_until_complete(main())
loop.close()
print(json.dumps({'log': log, 'end': end}))
`);
    expect(result).toEqual({
      log: [
        ['a', 0.1],
        ['a', 0.2],
        ['b', 0.3],
        // a's third timer is due at 0.1 + 0.1 + 0.1 = 0.30000000000000004, within the clock
        // resolution (1e-9) of b's: _run_once takes both in the iteration that runs at 0.3.
        ['a', 0.3],
        ['timeout', 2.5],
        ['c', 2.5 + 0.1],
        ['c', 2.5 + 0.1 + 0.1],
        ['c', 2.5 + 0.1 + 0.1 + 0.1], // sums, exactly as float arithmetic gives them
        ['ties', [0, 1, 2, 3, 4, 5, 6, 7]], // equal deadlines: in the order set (docs/run-semantics.md)
      ],
      end: 2.5 + 0.1 + 0.1 + 0.1 + 1,
    });
  });

  it('breaks exact ties in set order on purpose: plain CPython TimerHandles in a heap do not', async () => {
    // Why OrderedTimerHandle exists: heapq is not stable and TimerHandle compares `_when` only.
    // On a real clock no two timers share a deadline; only the virtual clock makes exact ties.
    const result = await runProgram(`
import asyncio, heapq, json
from asyncio.events import TimerHandle
from asyncio_oracle import OrderedTimerHandle
loop = asyncio.new_event_loop()
plain, ordered = [], []
for i in range(8):
    heapq.heappush(plain, TimerHandle(1.0, print, (i,), loop, None))
    heapq.heappush(ordered, OrderedTimerHandle(1.0, print, (i,), loop, None, i))
pops = lambda heap: [heapq.heappop(heap)._args[0] for _ in range(len(heap))]
print(json.dumps({'plain': pops(plain), 'ordered': pops(ordered)}))
loop.close()
`);
    expect(result).toEqual({ plain: [0, 2, 6, 5, 7, 4, 1, 3], ordered: [0, 1, 2, 3, 4, 5, 6, 7] });
  });

  it('reports a graph run in the shape of docs/run-report.md, with exact states and times', async () => {
    const graph: Graph = {
      format: 'flowloop.graph/2',
      nodes: [
        { id: 'nap', kind: 'sleep', params: { seconds: 5, result: 'rested' } },
        { id: 'limit', kind: 'wait_for', params: { timeout: 2 } },
        { id: 'other_terminal', kind: 'value', params: { value: 1 } },
      ],
      edges: [{ source: 'nap', target: 'limit', input: 0 }],
    };
    const report = await runOracle(graph);
    expect(report.status).toBe('failed');
    expect(report.result).toBeNull();
    expect(report.error).toEqual({ type: 'TimeoutError', message: '' });
    expect(report.nodes.nap).toEqual({
      state: 'cancelled',
      result: null,
      error: { type: 'CancelledError', message: '' },
      createdAt: 0,
      startedAt: 0,
      endedAt: 2,
    });
    expect(report.nodes.other_terminal).toMatchObject({ state: 'done', result: 1, endedAt: 0 });
    expect(report.events.map((e) => `${e.seq} ${e.t} ${e.node} ${e.state}`)).toEqual([
      '0 0 limit pending',
      '1 0 other_terminal pending',
      '2 0 limit running',
      '3 0 nap pending',
      '4 0 other_terminal running',
      '5 0 other_terminal done',
      '6 0 nap running',
      '7 2 nap cancelled',
      '8 2 limit failed',
    ]);
  });

  it('cancels the main task at the deadline', async () => {
    const graph: Graph = {
      format: 'flowloop.graph/2',
      nodes: [{ id: 'nap', kind: 'sleep', params: { seconds: 5 } }],
      edges: [],
    };
    const report = await runOracle(graph, { deadline: 1.25 });
    expect(report.status).toBe('cancelled');
    expect(report.error).toEqual({ type: 'CancelledError', message: '' });
    expect(report.nodes.nap).toMatchObject({ state: 'cancelled', endedAt: 1.25 });
  });

  it('refuses what it cannot run (JavaScript transforms) with exit status 2', async () => {
    const graph: Graph = {
      format: 'flowloop.graph/2',
      nodes: [{ id: 'js', kind: 'transform', params: { code: 'return 1' } }],
      edges: [],
    };
    const out = await runPython([ORACLE_PATH], JSON.stringify(graph));
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('only JMESPath transforms');
  });
});
