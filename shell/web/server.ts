/**
 * The browser mode: the built renderer over HTTP and the host service over a WebSocket bridge,
 * on 127.0.0.1 only. A random secret made at each start is in the URL; the bridge refuses any
 * connection without it or from another page's origin (a site the person visits cannot drive
 * the host). The Host header must be ours too, against DNS rebinding.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { join } from 'node:path';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { MAX_BRIDGE_FRAME_BYTES } from '../../shared/protocol/limits';
import { toAppEvent, type BridgeServerFrame, type HostEvent } from '../../shared/protocol/messages';
import { appRoot } from '../../host/app-root';
import type { HostService } from '../../host/host-service';
import { lookupStatic, NOT_BUILT_PAGE } from './static-files';

export const defaultRendererDir = (): string => join(appRoot(), 'dist', 'renderer');
/** How long runs wait for a page to come back before they are stopped. */
export const ORPHAN_GRACE_MS = 10_000;

export interface WebServerOptions {
  service: HostService;
  /** 0 picks a free port. */
  port: number;
  rendererDir?: string;
  /** How long runs wait for a page to come back; ORPHAN_GRACE_MS by default. */
  orphanGraceMs?: number;
  /** Told when a client's connection fails (a malformed or oversized frame); it is closed either way. */
  onClientError?: (error: Error) => void;
}

export interface WebServer {
  /** The URL to open, secret included. */
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

export const LOOPBACK = '127.0.0.1';

function securityHeaders(port: number): Record<string, string> {
  return {
    'Content-Security-Policy': [
      "default-src 'self'",
      "script-src 'self'",
      `connect-src 'self' ws://${LOOPBACK}:${port}`,
      "style-src 'self' 'unsafe-inline'", // React Flow positions nodes with inline styles
      "img-src 'self' data:",
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
    ].join('; '),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer', // the secret is in the page's URL
    'Cache-Control': 'no-store',
    'X-Frame-Options': 'DENY',
  };
}

function sameSecret(given: string | null, token: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function refuseUpgrade(socket: Duplex, status: 400 | 403 | 404, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroy();
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const { service } = options;
  const rendererDir = options.rendererDir ?? defaultRendererDir();
  const token = randomBytes(24).toString('base64url');
  let port = options.port;
  const origin = (): string => `http://${LOOPBACK}:${port}`;
  const hostIsOurs = (host: string | undefined): boolean => host === `${LOOPBACK}:${port}`;

  const server = createServer((req, res) => {
    void serveStatic(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('internal error\n');
    });
  });

  async function serveStatic(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const headers = securityHeaders(port);
    const plain = (status: number, text: string, extra: Record<string, string> = {}): void => {
      res.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8', ...extra });
      res.end(req.method === 'HEAD' ? undefined : `${text}\n`);
    };
    if (!hostIsOurs(req.headers.host)) return plain(403, 'forbidden: unknown Host');
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return plain(405, 'method not allowed', { Allow: 'GET, HEAD' });
    const rawPath = (req.url ?? '/').split('?')[0] ?? '/';
    const found = await lookupStatic(rendererDir, rawPath);
    switch (found.kind) {
      case 'refused':
        return plain(found.status, found.status === 404 ? 'not found' : 'bad path');
      case 'not-built':
        res.writeHead(503, { ...headers, 'Content-Type': 'text/html; charset=utf-8' });
        res.end(req.method === 'HEAD' ? undefined : NOT_BUILT_PAGE);
        return;
      case 'file':
        res.writeHead(200, {
          ...headers,
          'Content-Type': found.contentType,
          'Content-Length': String(found.body.length),
        });
        res.end(req.method === 'HEAD' ? undefined : found.body);
    }
  }

  const bridge = new WebSocketServer({ noServer: true, maxPayload: MAX_BRIDGE_FRAME_BYTES });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', origin());
    if (url.pathname !== '/bridge') return refuseUpgrade(socket, 404, 'Not Found');
    const allowed =
      hostIsOurs(req.headers.host) &&
      req.headers.origin === origin() &&
      sameSecret(url.searchParams.get('token'), token);
    if (!allowed) return refuseUpgrade(socket, 403, 'Forbidden');
    bridge.handleUpgrade(req, socket, head, (ws) => connect(ws));
  });

  // Runs outlive a dropped connection for a while: the page reconnects (its bridge client
  // retries within 5 s) and still hears the run's end. With no page left, the runs are stopped.
  let orphanTimer: ReturnType<typeof setTimeout> | null = null;
  const connections = new Set<WebSocket>();

  function connect(ws: WebSocket): void {
    connections.add(ws);
    if (orphanTimer !== null) clearTimeout(orphanTimer);
    orphanTimer = null;
    const send = (frame: BridgeServerFrame): void => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
    };
    // Every page hears every event; a page follows the runs whose runId it was given.
    const unsubscribe = service.onEvent((event: HostEvent) => send({ event: toAppEvent(event) }));
    // A frame the protocol forbids (invalid UTF-8 in a text frame, over maxPayload, a bad
    // opcode) is an 'error' on this socket, which ws then closes with the code that says why
    // (1007, 1009, 1002). Without a listener the error would end the host, and every run with it.
    ws.on('error', (error: Error) => {
      options.onClientError?.(error);
    });
    ws.on('message', (data: RawData, isBinary: boolean) => {
      let frame: unknown;
      try {
        frame = isBinary ? undefined : JSON.parse(rawText(data));
      } catch {
        frame = undefined;
      }
      const id = (frame as { id?: unknown } | undefined)?.id;
      if (typeof id !== 'number' || !Number.isSafeInteger(id)) {
        ws.close(1008, 'a frame must be JSON text { id: number, request }');
        return;
      }
      service.handle((frame as { request?: unknown }).request).then(
        (response) => send({ id, response }),
        (error: unknown) =>
          send({ id, error: { message: error instanceof Error ? error.message : String(error) } }),
      );
    });
    ws.on('close', () => {
      unsubscribe();
      connections.delete(ws);
      if (connections.size === 0 && orphanTimer === null) {
        orphanTimer = setTimeout(() => {
          orphanTimer = null;
          if (connections.size === 0) void service.stopAllRuns();
        }, options.orphanGraceMs ?? ORPHAN_GRACE_MS);
        orphanTimer.unref();
      }
    });
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port, LOOPBACK, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the web server has no TCP address');
  port = address.port;

  return {
    url: `${origin()}/?token=${token}`,
    origin: origin(),
    port,
    token,
    async close() {
      if (orphanTimer !== null) clearTimeout(orphanTimer);
      for (const client of bridge.clients) client.terminate();
      bridge.close();
      await new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        server.closeAllConnections();
      });
    },
  };
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data as ArrayBuffer).toString('utf8');
}
