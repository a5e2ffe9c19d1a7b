/**
 * Main-process side of the renderer ↔ host bridge. Every request is checked twice before the host
 * service sees it: the sender must be our own page (the top frame of app://flowloop/index.html),
 * and the message must match `hostRequestSchema` — the same schema the browser mode's bridge
 * uses. The checks are pure functions so that tests run them without Electron.
 */
import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent, WebContents } from 'electron';
import {
  hostRequestSchema,
  toAppEvent,
  type HostEvent,
  type HostRequest,
} from '../../shared/protocol/messages';
import { z } from 'zod';
import { describeBadRequest } from '../../host/host-service';
import { DIRTY_CHANNEL, EVENT_CHANNEL, REQUEST_CHANNEL, type IpcReply } from './ipc-channels';

const dirtyStateSchema = z.object({ dirty: z.boolean() }).strict();

/** What the bridge needs of host/host-service.ts's service. */
export interface HostServiceLike {
  handle(request: HostRequest): Promise<unknown>;
  onEvent(listener: (event: HostEvent) => void): () => void;
}

/** The facts about a message's sender that decide whether it is trusted. */
export interface SenderFacts {
  /** The sending frame's URL; null when the frame is gone (navigated or destroyed). */
  url: string | null;
  /** Whether it is the top frame (not an iframe). */
  isTopFrame: boolean;
}

/**
 * True only for the top frame of our own page: same scheme, host and path as the renderer's URL
 * (app://flowloop/index.html; query and hash ignored). http(s) pages are never trusted.
 */
export function isTrustedSender(sender: SenderFacts, rendererUrl: string): boolean {
  if (!sender.isTopFrame || sender.url === null) return false;
  let actual: URL;
  let expected: URL;
  try {
    actual = new URL(sender.url);
    expected = new URL(rendererUrl);
  } catch {
    return false;
  }
  if (actual.protocol === 'http:' || actual.protocol === 'https:') return false;
  return (
    actual.protocol === expected.protocol &&
    actual.host === expected.host &&
    actual.pathname === expected.pathname
  );
}

export type ValidatedRequest = { ok: true; request: HostRequest } | { ok: false; message: string };

/** Checks a raw IPC payload against the shared schema; the message names what is wrong. */
export function validateRequest(raw: unknown): ValidatedRequest {
  const parsed = hostRequestSchema.safeParse(raw);
  if (parsed.success) return { ok: true, request: parsed.data };
  // The same wording as the browser mode's bridge gives for the same mistake.
  return { ok: false, message: describeBadRequest(raw) };
}

/** One request from start to reply: sender check, validation, then the host service. Never throws. */
export async function answerRequest(
  service: HostServiceLike,
  sender: SenderFacts,
  rendererUrl: string,
  raw: unknown,
): Promise<IpcReply> {
  if (!isTrustedSender(sender, rendererUrl)) {
    return { ok: false, error: { message: 'refused: the request did not come from the Flowloop window' } };
  }
  const validated = validateRequest(raw);
  if (!validated.ok) return { ok: false, error: { message: validated.message } };
  try {
    return { ok: true, response: await service.handle(validated.request) };
  } catch (error) {
    return { ok: false, error: { message: error instanceof Error ? error.message : String(error) } };
  }
}

export function senderFacts(event: IpcMainEvent | IpcMainInvokeEvent): SenderFacts {
  const frame = event.senderFrame;
  return { url: frame?.url ?? null, isTopFrame: frame !== null && frame.parent === null };
}

export interface IpcBridgeOptions {
  ipcMain: IpcMain;
  service: HostServiceLike;
  rendererUrl: string;
  /** The window's contents: where host events go. */
  target: () => WebContents | null;
  onDirtyChange: (dirty: boolean) => void;
}

/** Wires the channels; returns a function that removes them again. */
export function installIpcBridge(options: IpcBridgeOptions): () => void {
  const { ipcMain, service, rendererUrl } = options;
  ipcMain.handle(REQUEST_CHANNEL, (event, raw: unknown) =>
    answerRequest(service, senderFacts(event), rendererUrl, raw),
  );
  const onDirty = (event: IpcMainEvent, raw: unknown): void => {
    if (!isTrustedSender(senderFacts(event), rendererUrl)) return;
    const parsed = dirtyStateSchema.safeParse(raw);
    if (parsed.success) options.onDirtyChange(parsed.data.dirty);
  };
  ipcMain.on(DIRTY_CHANNEL, onDirty);
  const unsubscribe = service.onEvent((hostEvent) => sendHostEvent(options.target(), hostEvent));
  return () => {
    unsubscribe();
    ipcMain.removeHandler(REQUEST_CHANNEL);
    ipcMain.off(DIRTY_CHANNEL, onDirty);
  };
}

export function sendHostEvent(contents: WebContents | null, event: HostEvent): void {
  if (contents !== null && !contents.isDestroyed()) contents.send(EVENT_CHANNEL, toAppEvent(event));
}
