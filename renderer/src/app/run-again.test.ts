import { beforeEach, describe, expect, it } from 'vitest';
import { GRAPH_FORMAT, type Graph } from '../../../shared/graph';
import type { HostApi, HostRequest } from '../../../shared/protocol/messages';
import { runsAlike, runWorkflow } from './actions';
import { editorStore } from '../store/use-editor';
import { installTestHost } from '../../test/test-host';

/**
 * The page's side of run.start and run.again: the host keeps the graphs of the runs it started and
 * forgets them on `forget()` (host-service.test.ts tests that side with the real host).
 */
const requests: HostRequest[] = [];
const kept = new Set<string>();
let started = 0;
const host: HostApi = {
  request: (async (request: HostRequest) => {
    requests.push(request);
    if (request.type === 'run.again' && !kept.has(request.runId))
      throw new Error(`run ${request.runId}'s graph is no longer kept`);
    if (request.type !== 'run.start' && request.type !== 'run.again')
      throw new Error(`unexpected ${request.type}`);
    const runId = `run-${++started}`;
    kept.add(runId);
    return { ok: true, runId };
  }) as HostApi['request'],
  onEvent: () => () => undefined,
};

installTestHost(host);
beforeEach(() => {
  requests.length = 0;
});

const graph: Graph = {
  format: GRAPH_FORMAT,
  name: 'one sleep',
  nodes: [{ id: 'nap', kind: 'sleep', params: { seconds: 1 }, position: { x: 0, y: 0 } }],
  edges: [],
  view: { x: 0, y: 0, zoom: 1 },
};

/** Presses Run and lets the run end (as its run.ended would), so the next Run may start. */
async function run(): Promise<HostRequest | undefined> {
  await runWorkflow();
  const store = editorStore.getState();
  editorStore.setState({ run: { ...store.run, status: 'done' } });
  return requests.at(-1);
}

describe('running the graph again', () => {
  it('sends the graph the first time, then names the last run while the graph is unchanged', async () => {
    editorStore.getState().openDocument(graph, null);
    const first = await run();
    expect(first).toMatchObject({ type: 'run.start', text: JSON.stringify(graph) });
    expect(await run()).toEqual(expect.objectContaining({ type: 'run.again', runId: 'run-1' }));
    // Moving around is not an edit: still the same run.
    editorStore.getState().setView({ x: 40, y: 10, zoom: 0.5 });
    expect(await run()).toEqual(expect.objectContaining({ type: 'run.again', runId: 'run-2' }));
    expect(editorStore.getState().run.runId).toBe('run-3');
  });

  it('sends the graph again after an edit', async () => {
    editorStore.getState().openDocument(graph, null);
    await run();
    editorStore.getState().setParams('nap', { seconds: 2 });
    const edited = await run();
    expect(edited?.type).toBe('run.start');
    expect(edited?.type === 'run.start' && JSON.parse(edited.text)).toMatchObject({
      nodes: [{ params: { seconds: 2 } }],
    });
  });

  it('sends the graph when the host no longer keeps the last run’s', async () => {
    editorStore.getState().openDocument(graph, null);
    await run();
    kept.clear();
    await run();
    expect(requests.map((r) => r.type)).toEqual(['run.start', 'run.again', 'run.start']);
    expect(editorStore.getState().run.status).toBe('done');
    expect(editorStore.getState().run.runId).toBe(`run-${started}`);
  });
});

describe('runsAlike', () => {
  it('holds for the same graph, and for one that differs only in its view', () => {
    expect(runsAlike(graph, graph)).toBe(true);
    expect(runsAlike(graph, { ...graph, view: { x: 1, y: 2, zoom: 3 } })).toBe(true);
    expect(runsAlike(graph, { ...graph, view: undefined })).toBe(true);
  });
  it('fails for any other change, even to an equal copy of the nodes', () => {
    expect(runsAlike(graph, { ...graph, name: 'renamed' })).toBe(false);
    expect(runsAlike(graph, { ...graph, nodes: [...graph.nodes] })).toBe(false);
    expect(runsAlike(graph, { ...graph, 'x-note': 'hello' })).toBe(false);
  });
});
