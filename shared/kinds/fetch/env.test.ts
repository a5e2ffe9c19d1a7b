/**
 * `{env.NAME}` in a fetch node, on the engine against a real server on 127.0.0.1: the request
 * carries the values, a missing variable fails the node with KeyError before any request, and no
 * error message shows a value (docs/run-semantics.md, fetch).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseGraph } from '../../graph';
import type { Graph } from '../../graph/types';
import { startHostedRun, environmentLookup } from '../../../host/hosted-run';
import type { RunReport } from '../../runtime/types';
import { closedPort, jsonRoute, startTestHttpServer, type TestHttpServer } from '../../../test/http-server';

const SECRET = 'sk-live 7/9&Zq';
const TOKEN = 'tok_2fA9';
const ENV = { API_KEY: SECRET, TOKEN };

function graphOf(params: Record<string, unknown>, withArgument = false): Graph {
  const text = JSON.stringify({
    format: 'flowloop.graph/2',
    nodes: [
      ...(withArgument ? [{ id: 'user', kind: 'value', params: { value: { id: 7 } } }] : []),
      { id: 'page', kind: 'fetch', params },
    ],
    edges: withArgument ? [{ source: 'user', target: 'page', input: 0 }] : [],
  });
  const parsed = parseGraph(text);
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('; '));
  return parsed.graph;
}

function run(graph: Graph, env: Record<string, string> = ENV): Promise<RunReport> {
  return startHostedRun(graph, { clock: 'virtual', env: environmentLookup(env) }).report;
}

describe('fetch with {env.NAME}', () => {
  let server: TestHttpServer;
  beforeAll(async () => {
    server = await startTestHttpServer({
      '/ok': jsonRoute({ fine: true }),
      '/broken': jsonRoute({ no: true }, 500),
    });
  });
  afterAll(() => server.close());

  it('is checked before a run: no argument is needed, a bad name is refused', () => {
    const ok = parseGraph(
      JSON.stringify({
        format: 'flowloop.graph/2',
        nodes: [{ id: 'p', kind: 'fetch', params: { url: 'http://{env.HOST}/x?k={env.API_KEY}' } }],
      }),
    );
    expect(ok.ok).toBe(true);
    const bad = parseGraph(
      JSON.stringify({
        format: 'flowloop.graph/2',
        nodes: [{ id: 'p', kind: 'fetch', params: { url: 'http://h/x?k={env.1X}', body: { a: '{env.}' } } }],
      }),
    );
    expect(bad.ok).toBe(false);
    expect(bad.ok ? [] : bad.problems.map((p) => p.message)).toEqual([
      `parameter 'url' on node p (fetch) has "{env.1X}" at character 14, which is not an environment variable: write {env.NAME}, where NAME is a letter or _ followed by letters, digits or _`,
      `parameter 'body' on node p (fetch) at body.a has "{env.}" at character 1, which is not an environment variable: write {env.NAME}, where NAME is a letter or _ followed by letters, digits or _`,
    ]);
  });

  it('sends the values in the url (URL-encoded), the headers and the body', async () => {
    const report = await run(
      graphOf(
        {
          url: `${server.url('/ok')}?id={0.id}&key={env.API_KEY}`,
          method: 'POST',
          headers: { Authorization: 'Bearer {env.TOKEN}' },
          body: { key: '{env.API_KEY}', note: 'token={env.TOKEN}', id: '{0.id}' },
        },
        true,
      ),
    );
    expect(report.status).toBe('done');
    expect(report.result).toEqual({ fine: true });
    const seen = server.requests.at(-1)!;
    expect(seen.path).toBe(`/ok?id=7&key=${encodeURIComponent(SECRET)}`);
    expect(seen.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(JSON.parse(seen.body)).toEqual({ key: SECRET, note: `token=${TOKEN}`, id: 7 });
  });

  it('fails with KeyError before any request when a variable is not set', async () => {
    const before = server.requests.length;
    const report = await run(
      graphOf({ url: `${server.url('/ok')}?id={0.missing}&key={env.API_KEY}&t={env.NOPE}` }, true),
    );
    expect(report.status).toBe('failed');
    // The variables are read before any placeholder is filled: NOPE, not 0.missing.
    expect(report.error).toEqual({ type: 'KeyError', message: 'environment variable NOPE is not set' });
    expect(report.nodes.page?.error).toEqual(report.error);
    expect(server.requests.length).toBe(before);
  });

  it('shows {env.NAME}, never the value, in an HTTPError message', async () => {
    const report = await run(graphOf({ url: `${server.url('/broken')}?key={env.API_KEY}` }));
    expect(report.error).toEqual({
      type: 'HTTPError',
      message: `GET ${server.url('/broken')}?key={env.API_KEY} answered 500 Internal Server Error`,
    });
    expect(JSON.stringify(report)).not.toContain(encodeURIComponent(SECRET));
  });

  it('shows {env.NAME} in a ConnectionError too, the value in the host', async () => {
    const port = await closedPort();
    const report = await run(graphOf({ url: `http://127.0.0.1:{env.PORT}/x/{env.API_KEY}` }), {
      ...ENV,
      PORT: String(port),
    });
    expect(report.error?.type).toBe('ConnectionError');
    expect(report.error?.message).toContain('{env.PORT}');
    expect(report.error?.message).not.toContain(String(port));
    expect(JSON.stringify(report)).not.toContain(SECRET);
  });

  it('reads nothing when no environment is given to the engine', async () => {
    const { runWorkflow } = await import('../../runtime/run');
    const { createNodeHttpClient } = await import('../../../host/http-client');
    const http = createNodeHttpClient();
    try {
      const report = await runWorkflow(graphOf({ url: `${server.url('/ok')}?k={env.PATH}` }), { http });
      expect(report.error).toEqual({ type: 'KeyError', message: 'environment variable PATH is not set' });
    } finally {
      await http.close();
    }
  });
});
