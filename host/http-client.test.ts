import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { createNodeHttpClient } from './http-client';
import type { HttpRequest } from '../shared/runtime/services';
import {
  closedPort,
  endlessRoute,
  holdRoute,
  jsonRoute,
  startTestHttpServer,
  type TestHttpServer,
} from '../test/http-server';

const MiB = 1024 * 1024;

function get(url: string, maxResponseBytes = 10 * MiB): HttpRequest {
  return { url, method: 'GET', headers: {}, body: null, maxResponseBytes };
}

function neverAborted(): AbortSignal {
  return new AbortController().signal;
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error(`rejected with a non-Error: ${String(error)}`);
  }
  throw new Error('expected a rejection');
}

describe('createNodeHttpClient', () => {
  let server: TestHttpServer;
  beforeAll(async () => {
    server = await startTestHttpServer({
      '/ok': jsonRoute({ hello: 'world' }),
      '/utf8': (_request, res) =>
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end('héllo ✓'),
      '/broken': jsonRoute({ oops: true }, 500),
      '/hold': holdRoute,
      '/endless': endlessRoute,
      '/declared-large': (_request, res) => {
        res.writeHead(200, { 'content-length': String(2 * MiB) });
        res.on('error', () => {});
        res.write(Buffer.alloc(1024));
      },
      '/cut': (request, res) => {
        res.writeHead(200, { 'content-length': '1000' });
        res.write('partial');
        setImmediate(() => res.socket?.destroy());
        void request;
      },
    });
  });
  afterAll(() => server.close());

  it('returns the status, reason and body decoded as UTF-8', async () => {
    const client = createNodeHttpClient();
    try {
      expect(await client.request(get(server.url('/ok')), neverAborted())).toEqual({
        status: 200,
        statusText: 'OK',
        text: '{"hello":"world"}',
      });
      expect((await client.request(get(server.url('/utf8')), neverAborted())).text).toBe('héllo ✓');
    } finally {
      await client.close();
    }
  });

  it('resolves error statuses: deciding what they mean is the caller’s job', async () => {
    const client = createNodeHttpClient();
    try {
      const missing = await client.request(get(server.url('/missing')), neverAborted());
      expect([missing.status, missing.statusText]).toEqual([404, 'Not Found']);
      const broken = await client.request(get(server.url('/broken')), neverAborted());
      expect([broken.status, broken.statusText]).toEqual([500, 'Internal Server Error']);
    } finally {
      await client.close();
    }
  });

  it('sends method, headers and body as given', async () => {
    const client = createNodeHttpClient();
    try {
      const seen = server.nextRequest('/ok?x=1');
      await client.request(
        {
          url: server.url('/ok?x=1'),
          method: 'PUT',
          headers: { 'x-token': 'abc' },
          body: 'raw text',
          maxResponseBytes: MiB,
        },
        neverAborted(),
      );
      const request = await seen;
      expect([request.method, request.headers['x-token'], request.body]).toEqual(['PUT', 'abc', 'raw text']);
    } finally {
      await client.close();
    }
  });

  it('reuses one connection for sequential requests and closes it on close()', async () => {
    const client = createNodeHttpClient();
    const first = server.nextRequest('/ok?n=1');
    const second = server.nextRequest('/ok?n=2');
    await client.request(get(server.url('/ok?n=1')), neverAborted());
    await client.request(get(server.url('/ok?n=2')), neverAborted());
    const [a, b] = await Promise.all([first, second]);
    expect(b.socketId).toBe(a.socketId);
    await client.close();
    await a.socketClosed; // resolves only if closing the client closed the pooled connection
  });

  it('fails with ConnectionError naming host and port when the connection is refused', async () => {
    const port = await closedPort();
    const client = createNodeHttpClient();
    try {
      const error = await rejection(client.request(get(`http://127.0.0.1:${port}/`), neverAborted()));
      expect([error.name, error.message]).toEqual([
        'ConnectionError',
        `cannot connect to 127.0.0.1:${port}: connection refused`,
      ]);
    } finally {
      await client.close();
    }
  });

  it('fails with ConnectionError when the server drops the connection mid-body', async () => {
    const client = createNodeHttpClient();
    try {
      const error = await rejection(client.request(get(server.url('/cut')), neverAborted()));
      expect(error.name).toBe('ConnectionError');
      expect(error.message).toBe(
        `connection to 127.0.0.1:${server.port} broke while the response was read: the server closed the connection`,
      );
    } finally {
      await client.close();
    }
  });

  it('fails with ConnectionError when the server resets the connection before answering', async () => {
    const resetter = net.createServer((socket) => socket.on('data', () => socket.resetAndDestroy()));
    await new Promise<void>((resolve) => resetter.listen(0, '127.0.0.1', resolve));
    const port = (resetter.address() as AddressInfo).port;
    const client = createNodeHttpClient();
    try {
      const error = await rejection(client.request(get(`http://127.0.0.1:${port}/`), neverAborted()));
      expect([error.name, error.message]).toEqual([
        'ConnectionError',
        `connection to 127.0.0.1:${port} broke before the response: the connection was reset`,
      ]);
    } finally {
      await client.close();
      await new Promise<void>((resolve) => resetter.close(() => resolve()));
    }
  });

  it('stops a streamed body past the limit with ResponseTooLarge and closes the connection', async () => {
    const client = createNodeHttpClient();
    try {
      const seen = server.nextRequest('/endless');
      const error = await rejection(client.request(get(server.url('/endless'), 100 * 1024), neverAborted()));
      expect([error.name, error.message]).toEqual([
        'ResponseTooLarge',
        `response from ${server.url('/endless')} is larger than the limit of 100 KiB`,
      ]);
      await (
        await seen
      ).socketClosed;
    } finally {
      await client.close();
    }
  });

  it('refuses a declared Content-Length past the limit before reading it', async () => {
    const client = createNodeHttpClient();
    try {
      const seen = server.nextRequest('/declared-large');
      const error = await rejection(client.request(get(server.url('/declared-large'), MiB), neverAborted()));
      expect([error.name, error.message]).toEqual([
        'ResponseTooLarge',
        `response from ${server.url('/declared-large')} is larger than the limit of 1 MiB`,
      ]);
      await (
        await seen
      ).socketClosed;
    } finally {
      await client.close();
    }
  });

  it('aborting rejects with the signal’s reason and closes the connection', async () => {
    const client = createNodeHttpClient();
    try {
      const controller = new AbortController();
      const seen = server.nextRequest('/hold');
      const pending = client.request(get(server.url('/hold')), controller.signal);
      const request = await seen;
      const reason = new Error('stop');
      controller.abort(reason);
      expect(await rejection(pending)).toBe(reason);
      await request.socketClosed;
    } finally {
      await client.close();
    }
  });

  it('refuses URLs that are not http(s) and bodies on GET', async () => {
    const client = createNodeHttpClient();
    try {
      const ftp = await rejection(client.request(get('ftp://127.0.0.1/x'), neverAborted()));
      expect([ftp.name, ftp.message]).toEqual([
        'InvalidURL',
        'unsupported URL scheme "ftp" in ftp://127.0.0.1/x',
      ]);
      const bad = await rejection(client.request(get('not a url'), neverAborted()));
      expect([bad.name, bad.message]).toEqual(['InvalidURL', 'invalid URL: "not a url"']);
      const withBody = await rejection(
        client.request({ ...get(server.url('/ok')), body: 'x' }, neverAborted()),
      );
      expect(withBody.name).toBe('ValueError');
    } finally {
      await client.close();
    }
  });
});
