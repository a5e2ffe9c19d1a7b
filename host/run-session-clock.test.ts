import { describe, expect, it } from 'vitest';
import { GRAPH_FORMAT, type Graph } from '../shared/graph';
import type { ClockMode, HostEvent } from '../shared/protocol/messages';
import { HEARTBEAT_MS, startRunSession } from './run-session';

/** One sleep of `seconds` and nothing else: no state changes while it sleeps. */
function nap(seconds: number): Graph {
  return {
    format: GRAPH_FORMAT,
    name: 'nap',
    nodes: [{ id: 'nap', kind: 'sleep', params: { seconds } }],
    edges: [],
  };
}

async function framesOf(
  graph: Graph,
  clock: ClockMode,
): Promise<Extract<HostEvent, { type: 'run.events' }>[]> {
  const heard: HostEvent[] = [];
  const session = startRunSession('r', graph, clock, (e) => heard.push(e));
  await session.ended;
  expect(heard.at(-1)?.type).toBe('run.ended');
  return heard.flatMap((e) => (e.type === 'run.events' ? [e] : []));
}

describe("a run session's loop clock", () => {
  it('keeps ticking while a real-time sleep changes no state, and never goes backwards', async () => {
    const frames = await framesOf(nap(0.5), { kind: 'real' });
    const heartbeats = frames.filter(
      (f) => f.states.length === 0 && f.holder === null && f.warnings.length === 0,
    );
    // 0.5 s of sleep at one heartbeat per 100 ms: a few of them, each later than the one before.
    expect(heartbeats.length).toBeGreaterThanOrEqual(Math.floor(500 / HEARTBEAT_MS / 2));
    const times = frames.map((f) => f.now);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(Math.max(...heartbeats.map((f) => f.now))).toBeGreaterThan(0.1);
    expect(Math.max(...times)).toBeLessThanOrEqual(0.5 + 0.25);
  });

  it('scales with slow motion: a 0.2 s sleep at 0.5x reads 0.2 s of loop time, not 0.4', async () => {
    const frames = await framesOf(nap(0.2), { kind: 'slow', scale: 0.5 });
    const last = frames.at(-1)!;
    expect(last.now).toBeGreaterThanOrEqual(0.2);
    expect(last.now).toBeLessThan(0.4); // the wall clock reads 0.4 s or more by now
  });

  it('sends no heartbeats on the virtual clock, where time jumps', async () => {
    const frames = await framesOf(nap(5), { kind: 'virtual' });
    expect(frames.every((f) => f.states.length > 0 || f.holder !== null)).toBe(true);
    expect(frames.at(-1)!.now).toBe(5);
  });
});
