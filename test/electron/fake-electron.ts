/**
 * A stand-in for the `electron` module, for one smoke test of shell/electron/main.ts's wiring on
 * machines without Electron's binary (tests that run the real thing: electron/desktop-e2e.test.ts).
 * It records what main asks of Electron and lets the test fire Electron's events. Only the calls
 * main.ts makes exist; anything else throws, so a new call shows up as a test failure.
 */
import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

type Listener = (...args: never[]) => unknown;

export class FakeWebContents extends EventEmitter {
  readonly sent: Array<{ channel: string; payload: unknown }> = [];
  readonly editActions: string[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
  isDestroyed(): boolean {
    return false;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  undo(): void {
    this.editActions.push('undo');
  }
  redo(): void {
    this.editActions.push('redo');
  }
  cut(): void {
    this.editActions.push('cut');
  }
  copy(): void {
    this.editActions.push('copy');
  }
  paste(): void {
    this.editActions.push('paste');
  }
  delete(): void {
    this.editActions.push('delete');
  }
  selectAll(): void {
    this.editActions.push('selectAll');
  }
}

export class FakeBrowserWindow extends EventEmitter {
  readonly webContents = new FakeWebContents();
  loadedUrl: string | null = null;
  maximized = false;
  destroyed = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    fake.windows.push(this);
    fake.app.emit('web-contents-created', {}, this.webContents);
  }
  async loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    this.emit('ready-to-show');
  }
  show(): void {}
  focus(): void {}
  restore(): void {}
  isMinimized(): boolean {
    return false;
  }
  maximize(): void {
    this.maximized = true;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  getNormalBounds() {
    const {
      x = 10,
      y = 20,
      width = 900,
      height = 700,
    } = this.options as { x?: number; y?: number; width?: number; height?: number };
    return { x, y, width, height };
  }
  /** Like Electron: 'close' may be prevented; otherwise 'closed', and the last window's closing fires window-all-closed. */
  close(): void {
    let prevented = false;
    this.emit('close', {
      preventDefault: () => {
        prevented = true;
      },
    });
    if (prevented || this.destroyed) return;
    this.destroyed = true;
    this.emit('closed');
    if (fake.windows.every((window) => window.destroyed)) fake.app.emit('window-all-closed');
  }
}

class FakeApp extends EventEmitter {
  readyResolve: () => void = () => undefined;
  private readonly ready = new Promise<void>((resolve) => {
    this.readyResolve = resolve;
  });
  quitCalls = 0;
  userData = '';
  requestSingleInstanceLock(): boolean {
    return true;
  }
  whenReady(): Promise<void> {
    return this.ready;
  }
  getPath(name: string): string {
    if (name !== 'userData') throw new Error(`fake electron: getPath(${name})`);
    return this.userData;
  }
  setPath(name: string, path: string): void {
    if (name !== 'userData') throw new Error(`fake electron: setPath(${name})`);
    this.userData = path;
  }
  quit(): void {
    this.quitCalls += 1;
  }
  exit(code: number): void {
    throw new Error(`fake electron: app.exit(${code})`);
  }
}

type Handler = (request: Request) => Promise<Response> | Response;

export const fake = {
  app: new FakeApp(),
  windows: [] as FakeBrowserWindow[],
  privilegedSchemes: [] as unknown[],
  protocolHandlers: new Map<string, Handler>(),
  ipcHandlers: new Map<string, (event: unknown, ...args: unknown[]) => unknown>(),
  ipcListeners: new Map<string, Listener>(),
  applicationMenu: null as unknown,
  messageBoxResponses: [] as number[],
  messageBoxes: [] as unknown[],
  permissionRequestHandler: null as
    null | ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void),
  permissionCheckHandler: null as null | (() => boolean),
};
(globalThis as { __fakeElectron?: typeof fake }).__fakeElectron = fake;

export const app = fake.app;
export const BrowserWindow = FakeBrowserWindow;
export const Menu = {
  buildFromTemplate: (template: unknown) => template,
  setApplicationMenu: (menu: unknown) => {
    fake.applicationMenu = menu;
  },
};
export const dialog = {
  async showMessageBox(_window: unknown, options: unknown) {
    fake.messageBoxes.push(options);
    return { response: fake.messageBoxResponses.shift() ?? 2 };
  },
  showErrorBox(title: string, content: string): void {
    throw new Error(`fake electron: error box ${title}: ${content}`);
  },
  async showOpenDialog() {
    return { canceled: true, filePaths: [] };
  },
  async showSaveDialog() {
    return { canceled: true, filePath: '' };
  },
};
export const ipcMain = {
  handle(channel: string, handler: (event: unknown, ...args: unknown[]) => unknown): void {
    fake.ipcHandlers.set(channel, handler);
  },
  removeHandler(channel: string): void {
    fake.ipcHandlers.delete(channel);
  },
  on(channel: string, listener: Listener): void {
    fake.ipcListeners.set(channel, listener);
  },
  off(channel: string): void {
    fake.ipcListeners.delete(channel);
  },
};
export const net = {
  /** file: URLs only, as main uses it; a missing file rejects like Electron's net::ERR_FILE_NOT_FOUND. */
  async fetch(url: string): Promise<Response> {
    const body = await readFile(fileURLToPath(url));
    return new Response(body, {
      status: 200,
      headers: { 'Content-Type': url.endsWith('.html') ? 'text/html' : 'application/octet-stream' },
    });
  },
};
export const protocol = {
  registerSchemesAsPrivileged(schemes: unknown[]): void {
    if (fake.protocolHandlers.size > 0) throw new Error('fake electron: schemes registered after ready');
    fake.privilegedSchemes.push(...schemes);
  },
  handle(scheme: string, handler: Handler): void {
    fake.protocolHandlers.set(scheme, handler);
  },
};
export const screen = {
  getPrimaryDisplay: () => ({ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1080 } }),
  getAllDisplays: () => [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
};
export const session = {
  defaultSession: {
    setPermissionRequestHandler(handler: typeof fake.permissionRequestHandler): void {
      fake.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler(handler: typeof fake.permissionCheckHandler): void {
      fake.permissionCheckHandler = handler;
    },
    setDevicePermissionHandler(): void {},
  },
};

/** The preload's side: what it exposes, and the IPC it sends (answered by `fake.invokeReply`). */
export const preloadFake = {
  exposed: new Map<string, unknown>(),
  invoked: [] as Array<{ channel: string; payload: unknown }>,
  sentToMain: [] as Array<{ channel: string; payload: unknown }>,
  invokeReply: (_payload: unknown): unknown => ({ ok: true, response: null }),
  rendererListeners: new Map<string, (event: unknown, payload: unknown) => void>(),
};
(globalThis as { __fakePreload?: typeof preloadFake }).__fakePreload = preloadFake;

export const contextBridge = {
  exposeInMainWorld(key: string, api: unknown): void {
    if (preloadFake.exposed.has(key)) throw new Error(`fake electron: ${key} exposed twice`);
    preloadFake.exposed.set(key, api);
  },
};
/** Electron's webUtils: a dropped File's path is its `path` field here (a plain object in the test). */
export const webUtils = {
  getPathForFile(file: unknown): string {
    const path = (file as { path?: unknown } | null)?.path;
    if (typeof path !== 'string') throw new TypeError('fake electron: not a File on disk');
    return path;
  },
};
export const ipcRenderer = {
  async invoke(channel: string, payload: unknown): Promise<unknown> {
    preloadFake.invoked.push({ channel, payload });
    return preloadFake.invokeReply(payload);
  },
  send(channel: string, payload: unknown): void {
    preloadFake.sentToMain.push({ channel, payload });
  },
  on(channel: string, listener: (event: unknown, payload: unknown) => void): void {
    preloadFake.rendererListeners.set(channel, listener);
  },
};
