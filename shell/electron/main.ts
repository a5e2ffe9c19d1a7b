/**
 * The desktop shell: one sandboxed window showing dist/renderer, the native menu, and the IPC
 * bridge to the host service. Everything the app does lives in the renderer and host/;
 * this file only wires Electron to them and keeps the window locked down.
 */
import {
  BrowserWindow,
  Menu,
  app,
  dialog,
  ipcMain,
  net,
  protocol,
  screen,
  session,
  type MenuItemConstructorOptions,
  type WebContents,
} from 'electron';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { HostEvent, HostRequest } from '../../shared/protocol/messages';
import { createHostService, type HostService } from '../../host/host-service';
import { moveLegacyDataDir, resolveDataDir } from '../../host/data-dir';
import { installIpcBridge, sendHostEvent, type HostServiceLike } from './ipc';
import { parseLaunchArgs } from './launch-args';
import { buildMenuTemplate, type MenuEntry, type MenuSection } from './menu';
import { APP_SCHEME, CONTENT_SECURITY_POLICY, RENDERER_URL, rendererFileFor } from './security';
import { MIN_SIZE, WINDOW_STATE_FILE, loadWindowState, placeWindow, saveWindowState } from './window-state';

// dist/electron/main.js → dist/renderer/ (served as app://flowloop/) and dist/electron/preload.js
const here = fileURLToPath(new URL('.', import.meta.url));
const RENDERER_DIR = join(here, '..', 'renderer');
const PRELOAD = join(here, 'preload.js');

// One data folder for the app, the browser mode and the command line (host/data-dir.ts): set as
// userData before anything reads it (the single-instance lock and the window's place live there).
moveLegacyDataDir(process.env);
const dataDir = resolveDataDir(process.env);
app.setPath('userData', dataDir);

// Before `ready`: app:// is a standard, secure origin of its own (module scripts, fetch of our files).
protocol.registerSchemesAsPrivileged([
  {
    scheme: APP_SCHEME,
    privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
  },
]);

let mainWindow: BrowserWindow | null = null;
let documentDirty = false;
/** Armed by "Save" in the close prompt: the window closes once the renderer reports it clean. */
let closeAfterSave = false;
let allowClose = false;
let pendingStateWrite: Promise<void> = Promise.resolve();
const launch = parseLaunchArgs(process.argv, process.cwd());
/** A file the OS asked us to open before the window existed (macOS open-file). */
let fileBeforeReady: string | null = null;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_event, argv, workingDirectory) => {
    const { file } = parseLaunchArgs(argv, workingDirectory);
    if (mainWindow !== null) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
    if (file !== null) openRequested(file);
  });
  app.on('open-file', (event, path) => {
    event.preventDefault();
    if (mainWindow === null) fileBeforeReady = path;
    else openRequested(path);
  });
  hardenAllContents();
  app.whenReady().then(start, (error: unknown) => {
    dialog.showErrorBox('Flowloop could not start', error instanceof Error ? error.message : String(error));
    app.exit(1);
  });
}

let service: HostService | null = null;

function openRequested(path: string): void {
  emit({ type: 'file.openRequested', path });
}

function emit(event: HostEvent): void {
  if (service !== null) service.emit(event);
  else sendHostEvent(mainWindow?.webContents ?? null, event);
}

async function start(): Promise<void> {
  serveRendererFilesOnly();
  const denyAll = session.defaultSession;
  denyAll.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  denyAll.setPermissionCheckHandler(() => false);
  denyAll.setDevicePermissionHandler(() => false);

  service = createHostService({
    dataDir,
    initialFile: launch.file ?? fileBeforeReady,
    defaultClock: launch.clock,
    shell: 'electron',
    chooseFile: {
      open: async () => {
        const options = {
          properties: ['openFile' as const],
          filters: [{ name: 'Flowloop workflows', extensions: ['json'] }],
        };
        const result =
          mainWindow === null
            ? await dialog.showOpenDialog(options)
            : await dialog.showOpenDialog(mainWindow, options);
        return result.canceled ? null : (result.filePaths[0] ?? null);
      },
      save: async (suggestedName) => {
        const options = {
          defaultPath: suggestedName,
          filters: [{ name: 'Flowloop workflows', extensions: ['flow.json', 'json'] }],
        };
        const result =
          mainWindow === null
            ? await dialog.showSaveDialog(options)
            : await dialog.showSaveDialog(mainWindow, options);
        return result.canceled || result.filePath === undefined || result.filePath === ''
          ? null
          : result.filePath;
      },
    },
  });
  fileBeforeReady = null;
  const host = service;
  const bridged: HostServiceLike = {
    handle: async (request: HostRequest) => {
      const response = await host.handle(request);
      if (request.type === 'file.read' || request.type === 'file.save') void refreshMenu();
      return response;
    },
    onEvent: (listener) => host.onEvent(listener),
  };

  await createWindow();
  installIpcBridge({
    ipcMain,
    service: bridged,
    rendererUrl: RENDERER_URL,
    target: () => mainWindow?.webContents ?? null,
    onDirtyChange: (dirty) => {
      documentDirty = dirty;
      if (dirty) closeAfterSave = false;
      else if (closeAfterSave) mainWindow?.close();
    },
  });
  await refreshMenu();

  app.on('window-all-closed', () => {
    void Promise.all([pendingStateWrite.catch(() => undefined), host.close().catch(() => undefined)]).then(
      () => app.quit(),
    );
  });
}

/** app://flowloop/ serves dist/renderer and nothing else, every response with the CSP. */
function serveRendererFilesOnly(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const path = rendererFileFor(request.url, RENDERER_DIR);
    if (path === null) return new Response('Not found', { status: 404 });
    let response: Response;
    try {
      response = await net.fetch(pathToFileURL(path).href, { bypassCustomProtocolHandlers: true });
    } catch {
      return new Response('Not found', { status: 404 });
    }
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}

/** Every web contents: no navigation away, no new windows, no webviews. */
function hardenAllContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

async function createWindow(): Promise<void> {
  const stateFile = join(app.getPath('userData'), WINDOW_STATE_FILE);
  const saved = await loadWindowState(stateFile);
  const primary = screen.getPrimaryDisplay();
  const workAreas = [primary, ...screen.getAllDisplays().filter((display) => display.id !== primary.id)].map(
    (display) => display.workArea,
  );
  const bounds = placeWindow(saved.bounds, workAreas);

  const window = new BrowserWindow({
    ...bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: 'Flowloop',
    backgroundColor: '#1b1e24',
    // Written out here (not built by a helper) so that electronegativity can check every flag.
    webPreferences: {
      preload: PRELOAD,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
    },
  });
  mainWindow = window;
  if (saved.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());

  window.on('close', (event) => {
    if (documentDirty && !allowClose) {
      event.preventDefault();
      void askBeforeClosing(window);
      return;
    }
    pendingStateWrite = saveWindowState(stateFile, {
      bounds: window.getNormalBounds(),
      maximized: window.isMaximized(),
    }).catch(() => undefined);
  });
  window.on('closed', () => {
    mainWindow = null;
  });
  await window.loadURL(RENDERER_URL);
}

async function askBeforeClosing(window: BrowserWindow): Promise<void> {
  const { response } = await dialog.showMessageBox(window, {
    type: 'warning',
    buttons: ['Save', "Don't Save", 'Cancel'],
    defaultId: 0,
    cancelId: 2,
    noLink: true,
    message: 'Save the changes to this workflow before closing?',
    detail: 'Your changes are lost if you do not save them.',
  });
  if (response === 0) {
    closeAfterSave = true;
    emit({ type: 'menu.command', command: 'file.save' });
  } else if (response === 1) {
    allowClose = true;
    window.close();
  }
}

async function refreshMenu(): Promise<void> {
  let recent: string[] = [];
  if (service !== null) {
    try {
      recent = ((await service.handle({ type: 'file.recent' })) as { paths: string[] }).paths;
    } catch {
      // the menu still works without the recent list
    }
  }
  Menu.setApplicationMenu(Menu.buildFromTemplate(toElectronMenu(buildMenuTemplate(recent))));
}

function toElectronMenu(sections: readonly MenuSection[]): MenuItemConstructorOptions[] {
  return sections.map((section) => ({
    label: section.label,
    // macOS fills in the Window menu's window list and the Help menu's search for these roles.
    ...(section.role === 'windowMenu' || section.role === 'help' ? { role: section.role } : {}),
    submenu: section.items.map(toElectronItem),
  }));
}

function toElectronItem(entry: MenuEntry): MenuItemConstructorOptions {
  switch (entry.kind) {
    case 'separator':
      return { type: 'separator' };
    case 'role':
      return entry.label === undefined ? { role: entry.role } : { role: entry.role, label: entry.label };
    case 'submenu':
      return { label: entry.label, enabled: entry.enabled ?? true, submenu: entry.items.map(toElectronItem) };
    case 'recent':
      return { label: entry.label, click: () => openRequested(entry.path) };
    case 'command':
      return {
        label: entry.label,
        ...(entry.accelerator === undefined ? {} : { accelerator: entry.accelerator }),
        registerAccelerator: entry.nativeEdit === undefined,
        click: () => {
          const contents: WebContents | undefined = mainWindow?.webContents;
          if (entry.nativeEdit !== undefined && contents !== undefined) contents[entry.nativeEdit]();
          emit({ type: 'menu.command', command: entry.command });
        },
      };
  }
}
