import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventLoop, sleep, wait, type Coro, type Future } from '../../loop';
import type { JsonValue } from '../../graph/json-value';
import type { FetchParams } from './spec';
import { createNodeHttpClient } from '../../../host/http-client';
import { fetchNode, type FetchContext } from './run';
import {
  closedPort,
  endlessRoute,
  holdRoute,
  jsonRoute,
  startTestHttpServer,
  type SeenRequest,
  type TestHttpServer,
} from '../../../test/http-server';

const MiB = 1024 * 1024;

/** Runs `main` on a fresh loop with a fresh client (one run = one connection pool). */
async function runWith<T>(
  main: (ctx: FetchContext) => Coro<T>,
  options: { clock?: 'real' | 'virtual'; maxResponseBytes?: number } = {},
): Promise<T> {
  const loop = new EventLoop({ clock: options.clock ?? 'real' });
  const http = createNodeHttpClient();
  try {
    return await loop.run(main({ loop, http, maxResponseBytes: options.maxResponseBytes ?? 10 * MiB }));
  } finally {
    await http.close();
  }
}

function runFetch(
  params: FetchParams,
  args: JsonValue[] = [],
  maxResponseBytes?: number,
): Promise<JsonValue> {
  return runWith((ctx) => fetchNode(params, args, ctx), { maxResponseBytes });
}

/** Awaits a Node promise from inside a coroutine. */
function* awaitPromise<T>(ctx: FetchContext, promise: Promise<T>): Coro<T> {
  return yield* ctx.loop.runIO(() => promise);
}

describe('fetch node', () => {
  let server: TestHttpServer;
  beforeAll(async () => {
    server = await startTestHttpServer({
      '/ok': jsonRoute({ hello: 'world', n: [1, 2] }),
      '/text': (_request, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('plain words'),
      '/created': (_request, res) => res.writeHead(201).end(),
      '/empty': (_request, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(''),
      '/not-json': (_request, res) =>
        res.writeHead(200, { 'content-type': 'text/html' }).end('<html></html>'),
      '/broken': jsonRoute({ oops: true }, 500),
      '/hold': holdRoute,
      '/endless': endlessRoute,
      '/echo': (request, res) => {
        res.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            method: request.method,
            path: request.path,
            contentType: request.headers['content-type'] ?? null,
            user: request.headers['x-user'] ?? null,
            body: request.body,
          }),
        );
      },
    });
  });
  afterAll(() => server.close());

  describe('answers', () => {
    it('parses a JSON body by default', async () => {
      expect(await runFetch({ url: server.url('/ok') })).toEqual({ hello: 'world', n: [1, 2] });
    });

    it('returns the text or the status when asked', async () => {
      expect(await runFetch({ url: server.url('/text'), responseType: 'text' })).toBe('plain words');
      expect(await runFetch({ url: server.url('/created'), method: 'POST', responseType: 'status' })).toBe(
        201,
      );
    });

    it('reads an empty JSON body as null, as aiohttp does', async () => {
      expect(await runFetch({ url: server.url('/empty') })).toBeNull();
    });

    it('returns normally when the answer comes within the timeout', async () => {
      expect(await runFetch({ url: server.url('/ok'), timeout: 30 })).toEqual({ hello: 'world', n: [1, 2] });
    });
  });

  describe('requests', () => {
    it('sends a JSON body with placeholders filled and a JSON content type', async () => {
      const answer = await runFetch(
        {
          url: server.url('/echo?id={0.id}&q={1}'),
          method: 'post',
          body: { greeting: 'hello {0.name}', id: '{0.id}', list: ['{1}'], n: 3 },
        },
        [{ id: 7, name: 'Ada' }, 'a b&c'],
      );
      expect(answer).toEqual({
        method: 'POST',
        path: '/echo?id=7&q=a%20b%26c',
        contentType: 'application/json',
        user: null,
        // A leaf that is one placeholder takes the value itself (7, not "7").
        body: JSON.stringify({ greeting: 'hello Ada', id: 7, list: ['a b&c'], n: 3 }),
      });
    });

    it('fails with the Python error of a placeholder that cannot be filled, before any request', async () => {
      const requestsBefore = server.requests.length;
      await expect(runFetch({ url: server.url('/echo?id={0.id}') }, [{ name: 'Ada' }])).rejects.toMatchObject(
        {
          name: 'KeyError',
          message: "placeholder {0.id}: argument 0 has no key 'id'",
        },
      );
      expect(server.requests.length).toBe(requestsBefore);
    });

    it('sends headers with placeholders, and a string body as it is with the user’s content type', async () => {
      const answer = await runFetch(
        {
          url: server.url('/echo'),
          method: 'PUT',
          headers: { 'X-User': '{0.name}', 'Content-Type': 'text/plain' },
          body: 'id={0.id}',
        },
        [{ id: 7, name: 'Ada' }],
      );
      expect(answer).toEqual({
        method: 'PUT',
        path: '/echo',
        contentType: 'text/plain',
        user: 'Ada',
        body: 'id=7',
      });
    });

    it('keeps a content type the user set on a JSON body', async () => {
      const answer = await runFetch({
        url: server.url('/echo'),
        method: 'POST',
        headers: { 'content-type': 'application/vnd.flow+json' },
        body: [1, 2],
      });
      expect(answer).toMatchObject({ contentType: 'application/vnd.flow+json', body: '[1,2]' });
    });

    it('reuses one connection for two sequential requests of one run', async () => {
      const seen = [server.nextRequest('/ok?keep=1'), server.nextRequest('/ok?keep=2')];
      await runWith(function* (ctx) {
        yield* fetchNode({ url: server.url('/ok?keep=1') }, [], ctx);
        yield* fetchNode({ url: server.url('/ok?keep=2') }, [], ctx);
      });
      const [first, second] = await Promise.all(seen);
      expect(second!.socketId).toBe(first!.socketId);
    });
  });

  describe('failures', () => {
    it('fails with HTTPError carrying the status for 404 and 500', async () => {
      const missing = server.url('/missing');
      await expect(runFetch({ url: missing })).rejects.toMatchObject({
        name: 'HTTPError',
        status: 404,
        message: `GET ${missing} answered 404 Not Found`,
      });
      const broken = server.url('/broken');
      await expect(runFetch({ url: broken, method: 'DELETE' })).rejects.toMatchObject({
        name: 'HTTPError',
        status: 500,
        message: `DELETE ${broken} answered 500 Internal Server Error`,
      });
    });

    it('fails with JSONDecodeError naming the URL when the body is not JSON', async () => {
      const url = server.url('/not-json');
      const failure = runFetch({ url });
      await expect(failure).rejects.toMatchObject({ name: 'JSONDecodeError' });
      await expect(failure).rejects.toThrow(`response from ${url} is not valid JSON`);
    });

    it('fails with ConnectionError when the connection is refused', async () => {
      const port = await closedPort();
      await expect(runFetch({ url: `http://127.0.0.1:${port}/x` })).rejects.toMatchObject({
        name: 'ConnectionError',
        message: `cannot connect to 127.0.0.1:${port}: connection refused`,
      });
    });

    it('fails with ResponseTooLarge past the run’s limit and closes the connection', async () => {
      const seen = server.nextRequest('/endless');
      await expect(runFetch({ url: server.url('/endless') }, [], 256 * 1024)).rejects.toMatchObject({
        name: 'ResponseTooLarge',
        message: `response from ${server.url('/endless')} is larger than the limit of 256 KiB`,
      });
      await (
        await seen
      ).socketClosed;
    });

    it('times out with TimeoutError on a slow answer and closes the connection', async () => {
      const seen = server.nextRequest('/hold?slow');
      const outcome = await runWith(function* (ctx) {
        try {
          yield* fetchNode({ url: server.url('/hold?slow'), timeout: 0.05 }, [], ctx);
          return 'answered';
        } catch (error) {
          const request = yield* awaitPromise(ctx, seen);
          yield* awaitPromise(ctx, request.socketClosed);
          return error instanceof Error ? `${error.name} after the server saw the close` : 'non-error';
        }
      });
      expect(outcome).toBe('TimeoutError after the server saw the close');
    });
  });

  describe('cancellation', () => {
    it('cancelling the task mid-request cancels it, closes the connection, and the loop goes on', async () => {
      const seen = server.nextRequest('/hold?cancel');
      const outcome = await runWith(function* (ctx) {
        const fetching = ctx.loop.createTask(
          fetchNode({ url: server.url('/hold?cancel') }, [], ctx),
          'fetch',
        );
        const request: SeenRequest = yield* awaitPromise(ctx, seen); // the server now holds the response
        fetching.cancel();
        yield* wait([fetching as Future<unknown>]);
        yield* awaitPromise(ctx, request.socketClosed);
        // The loop still runs other work: a timer and another request.
        const [after] = yield* wait([ctx.loop.createTask(sleepThen(0.01, 'slept'))]);
        const again = yield* fetchNode({ url: server.url('/ok'), responseType: 'status' }, [], ctx);
        return { cancelled: fetching.cancelled(), after: [...after].map((t) => t.result()), again };
      });
      expect(outcome).toEqual({ cancelled: true, after: ['slept'], again: 200 });
    });
  });

  describe('virtual clock', () => {
    it('fires the timeout at exactly loop time `timeout` while the request is outstanding', async () => {
      const seen = server.nextRequest('/hold?virtual');
      const outcome = await runWith(
        function* (ctx) {
          const startedAt = ctx.loop.time();
          try {
            yield* fetchNode({ url: server.url('/hold?virtual'), timeout: 0.25 }, [], ctx);
            return null;
          } catch (error) {
            const failedAt = ctx.loop.time();
            yield* awaitPromise(ctx, (yield* awaitPromise(ctx, seen)).socketClosed);
            return { startedAt, failedAt, error: error instanceof Error ? error.name : 'non-error' };
          }
        },
        { clock: 'virtual' },
      );
      expect(outcome).toEqual({ startedAt: 0, failedAt: 0.25, error: 'TimeoutError' });
    });
  });
});

function* sleepThen(seconds: number, value: string): Coro<string> {
  yield* sleep(seconds);
  return value;
}
