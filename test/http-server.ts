/**
 * Test helper (Node only): a real HTTP server on 127.0.0.1 and a random port that records what
 * it sees — each request with the identity of its socket, and when that socket closes — so
 * tests can check keep-alive, headers, and that an abort really closed the connection.
 */
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo, Socket } from 'node:net';

export interface SeenRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** 1 for the server's first connection, 2 for the second… */
  socketId: number;
  /** Resolves when this request's connection has closed. */
  socketClosed: Promise<void>;
}

export type Route = (request: SeenRequest, res: http.ServerResponse) => void;

export interface TestHttpServer {
  readonly port: number;
  url(path: string): string;
  /** Every request seen so far, in arrival order. */
  readonly requests: SeenRequest[];
  /** Resolves with the next request (or an earlier one not yet claimed) whose path is `path`. */
  nextRequest(path: string): Promise<SeenRequest>;
  close(): Promise<void>;
}

export async function startTestHttpServer(routes: Record<string, Route>): Promise<TestHttpServer> {
  const requests: SeenRequest[] = [];
  const claimed = new Set<SeenRequest>();
  const waiters: { path: string; resolve: (request: SeenRequest) => void }[] = [];
  const socketIds = new WeakMap<Socket, number>();
  const socketClosed = new WeakMap<Socket, Promise<void>>();
  let sockets = 0;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const seen: SeenRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        socketId: socketIds.get(req.socket) ?? 0,
        socketClosed: socketClosed.get(req.socket) ?? Promise.resolve(),
      };
      requests.push(seen);
      const waiter = waiters.findIndex((w) => w.path === seen.path);
      if (waiter >= 0) {
        claimed.add(seen);
        waiters.splice(waiter, 1)[0]!.resolve(seen);
      }
      const route = routes[new URL(seen.path, 'http://x').pathname];
      if (route === undefined) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('no such route');
      } else {
        route(seen, res);
      }
    });
  });
  server.on('connection', (socket: Socket) => {
    socketIds.set(socket, ++sockets);
    socketClosed.set(socket, new Promise((resolve) => socket.once('close', () => resolve())));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    port,
    url: (path) => `http://127.0.0.1:${port}${path}`,
    requests,
    nextRequest(path) {
      const earlier = requests.find((r) => r.path === path && !claimed.has(r));
      if (earlier !== undefined) {
        claimed.add(earlier);
        return Promise.resolve(earlier);
      }
      return new Promise((resolve) => waiters.push({ path, resolve }));
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port that was bound and then released: connecting to it is refused. */
export async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** A route that answers `body` as JSON. */
export function jsonRoute(body: unknown, status = 200): Route {
  return (_request, res) => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
}

/** A route that never answers: the request hangs until the client gives up. */
export const holdRoute: Route = () => {};

/** A route that streams chunks with no length until the client closes the connection (or 64 MiB). */
export const endlessRoute: Route = (_request, res) => {
  res.writeHead(200, { 'content-type': 'application/octet-stream' });
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  let sent = 0;
  const pump = (): void => {
    while (!res.destroyed && sent < 64 * 1024 * 1024) {
      sent += chunk.length;
      if (!res.write(chunk)) {
        res.once('drain', pump);
        return;
      }
    }
    if (!res.destroyed) res.end();
  };
  res.on('error', () => {});
  pump();
};
