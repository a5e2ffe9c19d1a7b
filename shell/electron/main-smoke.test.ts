/**
 * shell/electron/main.ts's wiring, run without Electron: the bundle is built with `electron` replaced by
 * electron/testing/fake-electron.ts, which records what main asks for. The real window is tested
 * by desktop-e2e.test.ts wherever Electron's binary exists; this catches wiring mistakes
 * everywhere else. Everything past the `electron` module is real: host service, files, zod.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { HostEvent } from '../../shared/protocol/messages';
import type { FakeBrowserWindow, fake as fakeElectron } from '../../test/electron/fake-electron';
import { loadWithFakeElectron } from '../../test/electron/load-with-fake-electron';

const root = fileURLToPath(new URL('../..', import.meta.url));
const workflow = join(root, 'test', 'fixtures', 'cli', 'sleeps.flow.json');
const other = join(root, 'test', 'fixtures', 'cli', 'fails.flow.json');
const RENDERER_URL = 'app://flowloop/index.html';
const INDEX_HTML = '<!doctype html><title>smoke</title>';

interface MenuItem {
  label?: string;
  accelerator?: string;
  registerAccelerator?: boolean;
  click?: () => void;
  submenu?: MenuItem[];
}

let smoke = '';
let dataDir = '';
let fake: typeof fakeElectron;
let window: FakeBrowserWindow;
const savedArgv = process.argv;
const savedDataDir = process.env.FLOWLOOP_DATA_DIR;

beforeAll(async () => {
  // Under dist/ (ignored by git and lint) so that the bundle resolves node_modules from the repository.
  mkdirSync(join(root, 'dist'), { recursive: true });
  smoke = mkdtempSync(join(root, 'dist', 'main-smoke-'));
  dataDir = mkdtempSync(join(tmpdir(), 'flowloop-smoke-data-'));
  copyFileSync(join(root, 'package.json'), join(smoke, 'package.json'));
  mkdirSync(join(smoke, 'dist', 'renderer'), { recursive: true });
  writeFileSync(join(smoke, 'dist', 'renderer', 'index.html'), INDEX_HTML);
  const main = join(smoke, 'dist', 'electron', 'main.js');
  process.argv = [process.execPath, main, workflow, '--clock', 'virtual'];
  process.env.FLOWLOOP_DATA_DIR = dataDir;
  await loadWithFakeElectron(join(root, 'shell', 'electron', 'main.ts'), main);
  fake = (globalThis as unknown as { __fakeElectron: typeof fakeElectron }).__fakeElectron;
  // main.ts made the data folder Electron's userData before anything else.
  expect(fake.app.userData).toBe(dataDir);
  fake.app.readyResolve();
  await vi.waitFor(() => expect(fake.applicationMenu).not.toBeNull(), { timeout: 20_000 });
  const created = fake.windows[0];
  if (created === undefined) throw new Error('main created no window');
  window = created;
});

afterAll(() => {
  process.argv = savedArgv;
  if (savedDataDir === undefined) delete process.env.FLOWLOOP_DATA_DIR;
  else process.env.FLOWLOOP_DATA_DIR = savedDataDir;
  for (const dir of [smoke, dataDir]) if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

const ourFrame = { senderFrame: { url: RENDERER_URL, parent: null } };
const events = (): HostEvent[] =>
  window.webContents.sent
    .filter((message) => message.channel === 'flowloop:event')
    .map((message) => message.payload as HostEvent);

function menuItem(path: string[]): MenuItem {
  let items = fake.applicationMenu as MenuItem[];
  let found: MenuItem | undefined;
  for (const label of path) {
    found = items.find((item) => item.label?.replaceAll('&', '') === label);
    if (found === undefined) throw new Error(`no menu item ${path.join(' › ')}`);
    items = found.submenu ?? [];
  }
  if (found === undefined) throw new Error('empty path');
  return found;
}

describe('shell/electron/main.ts wiring (fake Electron)', () => {
  it('registers app:// as a privileged scheme before ready and opens one locked-down window on it', () => {
    expect(fake.privilegedSchemes).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
    expect(fake.windows).toHaveLength(1);
    expect(window.loadedUrl).toBe(RENDERER_URL);
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      preload: join(smoke, 'dist', 'electron', 'preload.js'),
    });
  });

  it('serves the renderer with the CSP, and nothing outside it', async () => {
    const handler = fake.protocolHandlers.get('app');
    if (handler === undefined) throw new Error('no app: handler');
    const page = await handler(new Request(RENDERER_URL));
    expect(page.status).toBe(200);
    expect(await page.text()).toBe(INDEX_HTML);
    expect(page.headers.get('Content-Security-Policy')).toContain("script-src 'self'");
    expect((await handler(new Request('app://flowloop/..%2f..%2fpackage.json'))).status).toBe(404);
    expect((await handler(new Request('app://flowloop/missing.js'))).status).toBe(404);
  });

  it('denies permissions, navigation and new windows', () => {
    const answers: boolean[] = [];
    fake.permissionRequestHandler?.({}, 'media', (granted) => answers.push(granted));
    expect(answers).toEqual([false]);
    expect(fake.permissionCheckHandler?.()).toBe(false);
    let prevented = false;
    window.webContents.emit(
      'will-navigate',
      {
        preventDefault: () => {
          prevented = true;
        },
      },
      'https://example.com/',
    );
    expect(prevented).toBe(true);
    expect(window.webContents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({
      action: 'deny',
    });
  });

  it('answers requests from its page through the real host service, with the file and clock from argv', async () => {
    const handler = fake.ipcHandlers.get('flowloop:request');
    if (handler === undefined) throw new Error('no request handler');
    expect(await handler(ourFrame, { type: 'app.info' })).toMatchObject({
      ok: true,
      response: { shell: 'electron', initialFile: workflow, defaultClock: { kind: 'virtual' } },
    });
    expect(
      await handler({ senderFrame: { url: 'https://example.com/', parent: null } }, { type: 'app.info' }),
    ).toMatchObject({ ok: false });
    expect(await handler(ourFrame, { type: 'nope' })).toMatchObject({ ok: false });
  });

  it('sends menu commands and runs the native edit action for edit items', () => {
    menuItem(['Run', 'Run']).click?.();
    expect(events().at(-1)).toEqual({ type: 'menu.command', command: 'run.run' });
    const copy = menuItem(['Edit', 'Copy']);
    expect(copy.registerAccelerator).toBe(false);
    copy.click?.();
    expect(window.webContents.editActions).toEqual(['copy']);
    expect(events().at(-1)).toEqual({ type: 'menu.command', command: 'edit.copy' });
    expect(menuItem(['Run', 'Stop']).accelerator).toBe('Shift+F5');
  });

  it('lists a file read through the host under File › Open Recent, which asks the page to open it', async () => {
    const handler = fake.ipcHandlers.get('flowloop:request');
    await handler?.(ourFrame, { type: 'file.read', path: other });
    await vi.waitFor(() => expect(menuItem(['File', 'Open Recent']).submenu?.length).toBe(1));
    menuItem(['File', 'Open Recent']).submenu?.[0]?.click?.();
    expect(events().at(-1)).toEqual({ type: 'file.openRequested', path: other });
  });

  it('turns a second instance’s file into file.openRequested', () => {
    fake.app.emit('second-instance', {}, ['/opt/Flowloop/flowloop', '--flag', other], root);
    expect(events().at(-1)).toEqual({ type: 'file.openRequested', path: other });
  });

  it('asks before closing with unsaved changes, then saves the window state and quits', async () => {
    fake.ipcListeners.get('flowloop:dirty')?.(ourFrame as never, { dirty: true } as never);
    fake.messageBoxResponses.push(2); // Cancel
    window.close();
    await vi.waitFor(() => expect(fake.messageBoxes).toHaveLength(1));
    expect(window.destroyed).toBe(false);

    fake.messageBoxResponses.push(0); // Save: the page is asked to save; the window closes once it reports clean
    window.close();
    await vi.waitFor(() => expect(events().at(-1)).toEqual({ type: 'menu.command', command: 'file.save' }));
    expect(window.destroyed).toBe(false);
    fake.ipcListeners.get('flowloop:dirty')?.(ourFrame as never, { dirty: true } as never); // the save did not happen
    fake.messageBoxResponses.push(1); // Don't Save
    window.close();
    await vi.waitFor(() => expect(window.destroyed).toBe(true));
    await vi.waitFor(() => expect(fake.app.quitCalls).toBe(1));
    expect(JSON.parse(readFileSync(join(dataDir, 'window-state.json'), 'utf8'))).toMatchObject({
      maximized: false,
      bounds: { width: expect.any(Number) },
    });
    expect(existsSync(join(dataDir, 'window-state.json'))).toBe(true);
  });
});
