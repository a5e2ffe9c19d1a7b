/**
 * The Electron IPC channels between preload and main, and the one message the desktop shell adds
 * to shared/protocol: the renderer telling main whether the document has unsaved changes, so that
 * closing the window can ask first. Plain constants and types only: the preload imports this file. Browser mode does not need it (the page asks via beforeunload).
 */
/** invoke(): one HostRequest in, `{ ok: true, response }` or `{ ok: false, error }` out. */
export const REQUEST_CHANNEL = 'flowloop:request';
/** main → renderer: one AppEvent per message (a HostEvent through toAppEvent). */
export const EVENT_CHANNEL = 'flowloop:event';
/** renderer → main (send, no answer): the document's dirty state. */
export const DIRTY_CHANNEL = 'flowloop:dirty';

/** The payload on DIRTY_CHANNEL (main validates it). */
export interface DirtyState {
  dirty: boolean;
}

/** What `flowloop:request` answers; the preload turns `ok: false` into a rejected promise. */
export type IpcReply = { ok: true; response: unknown } | { ok: false; error: { message: string } };

/**
 * The desktop-only addition to `window.flowloop` (beyond HostApi): the renderer calls it whenever
 * the document becomes dirty or clean.
 */
export interface DesktopExtras {
  setDirty(dirty: boolean): void;
  /**
   * The path on disk of a File the person dropped on the window (Electron's webUtils), so the app
   * opens the file itself rather than a copy; '' for a File that is not on disk.
   */
  pathForFile(file: File): string;
}
