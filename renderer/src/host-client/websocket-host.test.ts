import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket as NodeWebSocket, WebSocketServer } from 'ws';
import type { BridgeClientFrame, BridgeServerFrame, AppEvent } from '../../../shared/protocol/messages';
import { createWebSocketHost, type SocketConstructor, type WebSocketHost } from './websocket-host';

const Socket = NodeWebSocket as unknown as SocketConstructor;

/** A bridge server that answers app.info, refuses file.read, and counts connections. */
function startBridge() {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  const sockets: NodeWebSocket[] = [];
  const urls: string[] = [];
  server.on('connection', (socket, request) => {
    sockets.push(socket);
    urls.push(request.url ?? '');
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as BridgeClientFrame;
      const reply: BridgeServerFrame =
        frame.request.type === 'app.info'
          ? {
              id: frame.id,
              response: {
                version: '9',
                initialFile: null,
                defaultClock: { kind: 'virtual' },
                shell: 'browser',
              },
            }
          : { id: frame.id, error: { message: `no ${frame.request.type} here` } };
      socket.send(JSON.stringify(reply));
    });
  });
  const ready = new Promise<string>((resolve) =>
    server.once('listening', () => {
      const address = server.address();
      resolve(
        typeof address === 'object' && address ? `ws://127.0.0.1:${address.port}/bridge?token=t0k` : '',
      );
    }),
  );
  return { server, sockets, urls, ready };
}

let bridge: ReturnType<typeof startBridge> | null = null;
let client: WebSocketHost | null = null;
afterEach(async () => {
  client?.close();
  client = null;
  for (const socket of bridge?.sockets ?? []) socket.terminate();
  await new Promise((resolve) => bridge?.server.close(resolve));
  bridge = null;
});

describe('the WebSocket host', () => {
  it('refuses a request larger than the host accepts, with its size, and the connection stays up', async () => {
    bridge = startBridge();
    const host = (client = createWebSocketHost(await bridge.ready, Socket));
    // 50 million three-byte characters: 150 MB of UTF-8, over the 129 MiB frame limit.
    const text = '€'.repeat(50_000_000);
    await expect(host.request({ type: 'file.save', path: '/w.flow.json', text })).rejects.toThrow(
      'This is 144 MiB, more than the 129 MiB Flowloop accepts at once.',
    );
    expect((await host.request({ type: 'app.info' })).version).toBe('9');
    expect(bridge.sockets).toHaveLength(1);
  });

  it('answers requests, passes on errors and events', async () => {
    bridge = startBridge();
    const host = (client = createWebSocketHost(await bridge.ready, Socket));
    const info = await host.request({ type: 'app.info' });
    expect(info.version).toBe('9');
    expect(bridge.urls[0]).toBe('/bridge?token=t0k');
    await expect(host.request({ type: 'file.read', path: '/x' })).rejects.toThrow('no file.read here');
    const received: AppEvent[] = [];
    host.onEvent((event) => received.push(event));
    const event: AppEvent = { type: 'menu.command', command: 'edit.undo' };
    const arrived = new Promise<void>((resolve) => host.onEvent(() => resolve()));
    bridge.sockets[0]?.send(JSON.stringify({ event } satisfies BridgeServerFrame));
    await arrived;
    expect(received).toEqual([event]);
  });

  it('reconnects after the connection drops and serves later requests', async () => {
    bridge = startBridge();
    const host = (client = createWebSocketHost(await bridge.ready, Socket));
    await host.request({ type: 'app.info' });
    const reconnected = new Promise<void>((resolve) => bridge?.server.once('connection', () => resolve()));
    bridge.sockets[0]?.terminate();
    await reconnected;
    const info = await host.request({ type: 'app.info' });
    expect(info.defaultClock).toEqual({ kind: 'virtual' });
    expect(bridge.urls).toHaveLength(2);
  });
});
