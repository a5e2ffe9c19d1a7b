/**
 * The only bridge between the sandboxed page and Electron: `window.flowloop`, a HostApi plus
 * setDirty and pathForFile (a dropped file's path). Nothing of ipcRenderer itself is exposed; requests go to main, which validates them.
 * Bundled to CommonJS (sandboxed preloads cannot load ES modules) with only type imports from
 * shared/, so no zod or other code runs here.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type { AppEvent, HostApi, HostRequest, HostResponse } from '../../shared/protocol/messages';
import {
  DIRTY_CHANNEL,
  EVENT_CHANNEL,
  REQUEST_CHANNEL,
  type DesktopExtras,
  type IpcReply,
} from './ipc-channels';

const listeners = new Set<(event: AppEvent) => void>();

ipcRenderer.on(EVENT_CHANNEL, (_event: IpcRendererEvent, hostEvent: AppEvent) => {
  for (const listener of [...listeners]) {
    try {
      listener(hostEvent);
    } catch (error) {
      console.error('flowloop: a host event listener failed', error);
    }
  }
});

const api: HostApi & DesktopExtras = {
  async request<T extends HostRequest['type']>(
    request: Extract<HostRequest, { type: T }>,
  ): Promise<HostResponse<T>> {
    const reply = (await ipcRenderer.invoke(REQUEST_CHANNEL, request)) as IpcReply;
    if (!reply.ok) throw new Error(reply.error.message);
    return reply.response as HostResponse<T>;
  },
  onEvent(listener: (event: AppEvent) => void): () => void {
    // The listener arrives through contextBridge as a proxy; keep exactly that object so that
    // unsubscribing removes it.
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  },
  setDirty(dirty: boolean): void {
    ipcRenderer.send(DIRTY_CHANNEL, { dirty: dirty === true });
  },
  pathForFile(file: File): string {
    // Only a path: the page asks the host to open it, through the same checks as Open.
    try {
      return webUtils.getPathForFile(file);
    } catch {
      return '';
    }
  },
};

contextBridge.exposeInMainWorld('flowloop', api);
