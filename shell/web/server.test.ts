import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { createHostService, type HostService } from '../../host/host-service';
import type { AppEvent, BridgeServerFrame } from '../../shared/protocol/messages';
import type { RunReport } from '../../shared/runtime/types';
import { startWebServer, type WebServer } from './server';

let dir: string;
let service: HostService;
let server: WebServer;

const SLEEP = JSON.stringify({
  format: 'flowloop.graph/2',
  name: 'nap',
  nodes: [{ id: 'nap', kind: 'sleep', params: { seconds: 2, result: 'rested' }, position: { x: 0, y: 0 } }],
  edges: [],
});

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'flowloop-web-'));
  await mkdir(join(dir, 'renderer', 'assets'), { recursive: true });
  await writeFile(join(dir, 'renderer', 'index.html'), '<!doctype html><title>app</title>');
  await writeFile(join(dir, 'renderer', 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(dir, 'secret.txt'), 'outside the renderer');
  service = createHostService({
    dataDir: join(dir, 'data'),
    initialFile: null,
    defaultClock: { kind: 'virtual' },
    shell: 'browser',
  });
  server = await startWebServer({ service, port: 0, rendererDir: join(dir, 'renderer') });
});

afterAll(async () => {
  await server.close();
  await service.close();
  await rm(dir, { recursive: true, force: true });
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw GET, so that the path is sent exactly as written (no client-side normalisation). */
function get(path: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolveGet, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        path,
        headers: { Host: `127.0.0.1:${server.port}`, ...headers },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolveGet({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

function openBridge(query: string, origin: string | null): Promise<{ ws: WebSocket } | { refused: number }> {
  return new Promise((resolveOpen) => {
    const ws = new WebSocket(
      `ws://127.0.0.1:${server.port}/bridge${query}`,
      origin === null ? {} : { origin },
    );
    ws.once('open', () => resolveOpen({ ws }));
    ws.once('unexpected-response', (_req, res) => {
      resolveOpen({ refused: res.statusCode ?? 0 });
      ws.terminate();
    });
    ws.once('error', () => undefined);
  });
}

async function openGood(): Promise<WebSocket> {
  const opened = await openBridge(`?token=${server.token}`, server.origin);
  if (!('ws' in opened)) throw new Error(`refused with ${opened.refused}`);
  return opened.ws;
}

function frames(ws: WebSocket): {
  next(match: (f: BridgeServerFrame) => boolean): Promise<BridgeServerFrame>;
  all: BridgeServerFrame[];
} {
  const all: BridgeServerFrame[] = [];
  const waiters: { match: (f: BridgeServerFrame) => boolean; resolve: (f: BridgeServerFrame) => void }[] = [];
  ws.on('message', (data) => {
    const frame = JSON.parse(String(data)) as BridgeServerFrame;
    all.push(frame);
    for (const w of [...waiters]) {
      if (!w.match(frame)) continue;
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(frame);
    }
  });
  return {
    all,
    next: (match) => {
      const seen = all.find(match);
      return seen !== undefined
        ? Promise.resolve(seen)
        : new Promise((resolveNext) => waiters.push({ match, resolve: resolveNext }));
    },
  };
}

describe('the web server', () => {
  it('prints a loopback URL with a long random secret', () => {
    expect(server.url).toMatch(
      new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/\\?token=[A-Za-z0-9_-]{32}$`),
    );
  });

  it('listens on the loopback interface only', async () => {
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a !== undefined && !a.internal && !a.address.startsWith('fe80'))
      .map((a) => a!.address);
    for (const address of others) {
      const reached = await new Promise<boolean>((resolveTry) => {
        const socket = connect({ port: server.port, host: address });
        socket.once('connect', () => (socket.destroy(), resolveTry(true)));
        socket.once('error', () => resolveTry(false));
      });
      expect(reached, `reachable on ${address}`).toBe(false);
    }
    const loopback = await get('/');
    expect(loopback.status).toBe(200);
  });

  it('serves the renderer with content types and a strict CSP', async () => {
    const page = await get('/?token=x');
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('<title>app</title>');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${server.port}`);
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("img-src 'self' data:");
    const script = await get('/assets/app.js');
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.body).toBe('console.log(1)');
    expect((await get('/assets/none.js')).status).toBe(404);
  });

  it('refuses paths that lead out of the renderer folder', async () => {
    for (const path of [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets%2f..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
    ]) {
      const answer = await get(path);
      expect(answer.status, path).toBeGreaterThanOrEqual(400);
      expect(answer.body).not.toContain('outside the renderer');
    }
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    expect((await get('/', { Host: 'evil.example:80' })).status).toBe(403);
  });

  it('says plainly when the renderer is not built', async () => {
    const bare = await startWebServer({ service, port: 0, rendererDir: join(dir, 'nothing-here') });
    try {
      const answer = await new Promise<Answer>((resolveGet) => {
        request({ host: '127.0.0.1', port: bare.port, path: '/' }, (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += String(c)));
          res.on('end', () => resolveGet({ status: res.statusCode ?? 0, headers: res.headers, body }));
        }).end();
      });
      expect(answer.status).toBe(503);
      expect(answer.body).toContain('npm run build:renderer');
    } finally {
      await bare.close();
    }
  });
});

describe('the bridge', () => {
  it('refuses a wrong or missing token', async () => {
    expect(await openBridge('?token=wrong', server.origin)).toEqual({ refused: 403 });
    expect(await openBridge('', server.origin)).toEqual({ refused: 403 });
  });

  it('refuses another origin, and no origin', async () => {
    expect(await openBridge(`?token=${server.token}`, 'http://evil.example')).toEqual({ refused: 403 });
    expect(await openBridge(`?token=${server.token}`, `http://localhost:${server.port}`)).toEqual({
      refused: 403,
    });
    expect(await openBridge(`?token=${server.token}`, null)).toEqual({ refused: 403 });
  });

  it('answers requests, and errors with their id', async () => {
    const ws = await openGood();
    const received = frames(ws);
    ws.send(JSON.stringify({ id: 1, request: { type: 'app.info' } }));
    ws.send(JSON.stringify({ id: 2, request: { type: 'no.such' } }));
    const info = await received.next((f) => 'id' in f && f.id === 1);
    expect(info).toMatchObject({ id: 1, response: { shell: 'browser', defaultClock: { kind: 'virtual' } } });
    const refused = await received.next((f) => 'id' in f && f.id === 2);
    expect(refused).toMatchObject({
      id: 2,
      error: { message: expect.stringMatching(/unknown request type "no.such"/) as unknown },
    });
    ws.close();
  });

  it('pushes a run’s events, every state change once, then the report', async () => {
    const ws = await openGood();
    const received = frames(ws);
    ws.send(
      JSON.stringify({ id: 7, request: { type: 'run.start', text: SLEEP, clock: { kind: 'virtual' } } }),
    );
    const started = (await received.next((f) => 'id' in f && f.id === 7)) as {
      response: { ok: true; runId: string };
    };
    const ended = (await received.next((f) => 'event' in f && f.event.type === 'run.ended')) as {
      event: Extract<AppEvent, { type: 'run.ended' }>;
    };
    expect(ended.event.runId).toBe(started.response.runId);
    expect(ended.event.report.result).toBe('rested');
    // The frames carried every state event, in order; the report at the end says how many there were.
    const states = received.all.flatMap((f) =>
      'event' in f && f.event.type === 'run.events' ? f.event.states : [],
    );
    expect(states.map((e) => e.seq)).toEqual(
      Array.from({ length: ended.event.report.eventCount }, (_, i) => i),
    );
    expect(ended.event.report).not.toHaveProperty('events');
    ws.close();
  });

  it('a run outlives a dropped connection, and the page that reconnects hears its end', async () => {
    const first = await openGood();
    const firstFrames = frames(first);
    const longNap = SLEEP.replace('"seconds":2', '"seconds":3600');
    first.send(
      JSON.stringify({ id: 1, request: { type: 'run.start', text: longNap, clock: { kind: 'real' } } }),
    );
    const started = (await firstFrames.next((f) => 'id' in f && f.id === 1)) as {
      response: { ok: true; runId: string };
    };
    const closed = new Promise((resolveClose) => first.once('close', resolveClose));
    first.close();
    await closed;
    const again = await openGood();
    const againFrames = frames(again);
    again.send(JSON.stringify({ id: 2, request: { type: 'run.stop', runId: started.response.runId } }));
    expect(await againFrames.next((f) => 'id' in f && f.id === 2)).toEqual({
      id: 2,
      response: { stopped: true },
    });
    const ended = (await againFrames.next((f) => 'event' in f && f.event.type === 'run.ended')) as {
      event: Extract<AppEvent, { type: 'run.ended' }>;
    };
    expect(ended.event.report.status).toBe('cancelled');
    again.close();
  });

  it('stops the runs when no page has come back after the grace period', async () => {
    const quick = await startWebServer({
      service,
      port: 0,
      rendererDir: join(dir, 'renderer'),
      orphanGraceMs: 20,
    });
    try {
      const opened = await new Promise<WebSocket>((resolveOpen, reject) => {
        const ws = new WebSocket(`ws://127.0.0.1:${quick.port}/bridge?token=${quick.token}`, {
          origin: quick.origin,
        });
        ws.once('open', () => resolveOpen(ws));
        ws.once('error', reject);
      });
      const ended = new Promise<RunReport>((resolveEnd) => {
        const off = service.onEvent((event) => {
          if (event.type !== 'run.ended') return;
          off();
          resolveEnd(event.report);
        });
      });
      const longNap = SLEEP.replace('"seconds":2', '"seconds":3600');
      await new Promise<void>((resolveStarted) => {
        opened.once('message', () => resolveStarted());
        opened.send(
          JSON.stringify({ id: 1, request: { type: 'run.start', text: longNap, clock: { kind: 'real' } } }),
        );
      });
      opened.close();
      expect((await ended).status).toBe('cancelled');
    } finally {
      await quick.close();
    }
  });

  it('closes a connection that sends a frame without an id', async () => {
    const ws = await openGood();
    const closed = new Promise<number>((resolveClose) => ws.once('close', (code) => resolveClose(code)));
    ws.send('not json');
    expect(await closed).toBe(1008);
  });
});
