import { describe, expect, it } from 'vitest';
import { GRAPH_FORMAT, type Graph } from '../shared/graph';
import type { HostEvent } from '../shared/protocol/messages';
import { FRAME_MS, frameMsFromEnv, startRunSession } from './run-session';

const graph: Graph = {
  format: GRAPH_FORMAT,
  name: 'two naps',
  nodes: [
    { id: 'a', kind: 'sleep', params: { seconds: 0.001 } },
    { id: 'b', kind: 'sleep', params: { seconds: 0.002 } },
    { id: 'all', kind: 'gather', params: {} },
  ],
  edges: [
    { source: 'a', target: 'all', input: 0 },
    { source: 'b', target: 'all', input: 1 },
  ],
};

async function framesOf(frameMs: number | undefined): Promise<{ sizes: number[]; events: number }> {
  const heard: HostEvent[] = [];
  const session = startRunSession('r', graph, { kind: 'virtual' }, (e) => heard.push(e), frameMs);
  await session.ended;
  const ended = heard.at(-1);
  if (ended?.type !== 'run.ended') throw new Error('the last event is not run.ended');
  const sizes = heard.flatMap((e) => (e.type === 'run.events' ? [e.states.length] : []));
  return { sizes, events: ended.report.events.length };
}

describe('run session frames', () => {
  it('batches state events into frames by default', async () => {
    const { sizes, events } = await framesOf(undefined);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(events);
    expect(Math.max(...sizes)).toBeGreaterThan(1);
  });

  it('sends each state event alone with frameMs 0', async () => {
    const { sizes, events } = await framesOf(0);
    expect(sizes.filter((n) => n > 0)).toEqual(Array.from({ length: events }, () => 1));
  });

  it('reads FLOWLOOP_FRAME_MS, falling back to FRAME_MS', () => {
    expect(frameMsFromEnv({})).toBe(FRAME_MS);
    expect(frameMsFromEnv({ FLOWLOOP_FRAME_MS: '0' })).toBe(0);
    expect(frameMsFromEnv({ FLOWLOOP_FRAME_MS: '33' })).toBe(33);
    expect(frameMsFromEnv({ FLOWLOOP_FRAME_MS: '-1' })).toBe(FRAME_MS);
    expect(frameMsFromEnv({ FLOWLOOP_FRAME_MS: 'fast' })).toBe(FRAME_MS);
  });
});
