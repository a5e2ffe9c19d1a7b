/**
 * The browser mode's HostApi: requests and events over the WebSocket bridge (`/bridge?token=…`).
 * Reconnects after a drop with growing pauses; requests made while disconnected wait for the
 * connection, and requests that were in flight when it dropped fail with a clear message.
 */
import type {
  BridgeClientFrame,
  BridgeServerFrame,
  HostApi,
  AppEvent,
  HostRequest,
  HostResponse,
} from '../../../shared/protocol/messages';
import { describeMiB, MAX_BRIDGE_FRAME_BYTES, utf8BytesOver } from '../../../shared/protocol/limits';

const OPEN = 1; // WebSocket.OPEN

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

export function bridgeUrl(page: Location): string {
  const token = new URLSearchParams(page.search).get('token') ?? '';
  const scheme = page.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${page.host}/bridge?token=${encodeURIComponent(token)}`;
}

/** The page's WebSocket; tests pass the `ws` package's, which speaks the same EventTarget API. */
export type SocketConstructor = new (url: string) => WebSocket;

export interface WebSocketHost extends HostApi {
  /** Closes the connection for good (no reconnect). */
  close(): void;
}

export function createWebSocketHost(url: string, Socket: SocketConstructor = WebSocket): WebSocketHost {
  const listeners = new Set<(event: AppEvent) => void>();
  const pending = new Map<number, Pending>();
  /** Frames waiting for the connection, already encoded. */
  const queued: { id: number; text: string }[] = [];
  let nextId = 1;
  let socket: WebSocket | null = null;
  let retryDelay = 250;
  let closed = false;

  const connect = () => {
    const ws = new Socket(url);
    socket = ws;
    ws.addEventListener('open', () => {
      retryDelay = 250;
      for (const frame of queued.splice(0)) ws.send(frame.text);
    });
    ws.addEventListener('message', (message) => {
      if (typeof message.data !== 'string') return;
      let frame: BridgeServerFrame;
      try {
        frame = JSON.parse(message.data) as BridgeServerFrame;
      } catch {
        return;
      }
      if ('event' in frame) {
        for (const listener of listeners) listener(frame.event);
        return;
      }
      const waiting = pending.get(frame.id);
      if (!waiting) return;
      pending.delete(frame.id);
      if ('error' in frame) waiting.reject(new Error(frame.error.message));
      else waiting.resolve(frame.response);
    });
    // A failed connection is followed by 'close', which retries; the error itself needs no handling.
    ws.addEventListener('error', () => undefined);
    ws.addEventListener('close', () => {
      if (socket !== ws) return;
      socket = null;
      for (const [id, waiting] of pending) {
        if (!queued.some((frame) => frame.id === id)) {
          pending.delete(id);
          waiting.reject(new Error('The connection to Flowloop was lost; try again.'));
        }
      }
      if (closed) return;
      setTimeout(() => {
        if (!closed) connect();
      }, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 5000);
    });
  };
  connect();

  return {
    request<T extends HostRequest['type']>(
      request: Extract<HostRequest, { type: T }>,
    ): Promise<HostResponse<T>> {
      const id = nextId++;
      const frame: BridgeClientFrame = { id, request };
      const text = JSON.stringify(frame);
      // The host closes a connection that sends more than it accepts: refuse here, with a reason.
      const bytes = utf8BytesOver(text, MAX_BRIDGE_FRAME_BYTES);
      if (bytes !== null) {
        const size = describeMiB(Math.ceil(bytes / 1024 / 1024) * 1024 * 1024);
        return Promise.reject(
          new Error(
            `This is ${size}, more than the ${describeMiB(MAX_BRIDGE_FRAME_BYTES)} Flowloop accepts at once.`,
          ),
        );
      }
      return new Promise<HostResponse<T>>((resolve, reject) => {
        pending.set(id, { resolve: (value) => resolve(value as HostResponse<T>), reject });
        if (socket && socket.readyState === OPEN) socket.send(text);
        else queued.push({ id, text });
      });
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      closed = true;
      socket?.close();
    },
  };
}
