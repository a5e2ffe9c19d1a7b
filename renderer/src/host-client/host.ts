/** The host the app talks to: Electron's preload (`window.flowloop`) when present, else the browser bridge. */
import type { HostApi } from '../../../shared/protocol/messages';
import { bridgeUrl, createWebSocketHost } from './websocket-host';

declare global {
  interface Window {
    flowloop?: HostApi;
  }
}

let host: HostApi | null = null;

export function getHost(): HostApi {
  if (!host) host = window.flowloop ?? createWebSocketHost(bridgeUrl(window.location));
  return host;
}
