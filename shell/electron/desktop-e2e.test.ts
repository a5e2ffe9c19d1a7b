/**
 * The desktop app end to end, through Playwright's Electron launcher: the window opens the file
 * named on the command line, the page is locked down, and Run works. It needs Electron's binary,
 * fetched here as `npm start` fetches it (machines without internet cannot), a display, and a
 * built dist/ (`npm run build`); where one is missing the test is skipped and says which.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { electronBinary, fetchElectronBinary } from '../../bin/electron-binary.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const mainEntry = join(root, 'dist', 'electron', 'main.js');
const rendererIndex = join(root, 'dist', 'renderer', 'index.html');

/** Electron's binary, fetched if need be, or why there is none. */
async function binaryOrWhyNot(): Promise<{ binary: string | null; why: string | null }> {
  const found = electronBinary();
  if (found !== null) return { binary: found, why: null };
  const fetched = await fetchElectronBinary();
  const binary = electronBinary();
  if (binary !== null) return { binary, why: null };
  return {
    binary: null,
    why: `Electron's binary is missing and could not be fetched (${fetched.ok ? 'no binary after the download' : fetched.reason})`,
  };
}

const XVFB = '/usr/bin/Xvfb';

/** A display for the window: the session's, or a virtual one started here (Debian's xvfb). */
async function display(): Promise<{ env: NodeJS.ProcessEnv; stop: () => void } | null> {
  if (process.platform !== 'linux' || process.env.DISPLAY || process.env.WAYLAND_DISPLAY)
    return { env: {}, stop: () => undefined };
  if (!existsSync(XVFB)) return null;
  const number = 90 + Math.floor(Math.random() * 400);
  const server = spawn(XVFB, [`:${number}`, '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], {
    stdio: 'ignore',
  });
  await new Promise((resolve) => setTimeout(resolve, 500));
  return { env: { DISPLAY: `:${number}` }, stop: () => server.kill() };
}

function whyNot(binary: string | null, missing: string | null): string | null {
  if (binary === null)
    return `SKIPPED: ${missing ?? "Electron's binary is missing"}, so the desktop end-to-end test did not run`;
  if (!existsSync(mainEntry) || !existsSync(rendererIndex))
    return 'SKIPPED: dist/ is not built; run `npm run build` first';
  return null;
}

describe('desktop app (Electron)', () => {
  it('opens the file from argv in a locked-down window and runs it', async (context) => {
    const { binary, why } = await binaryOrWhyNot();
    const reason = whyNot(binary, why);
    if (reason !== null || binary === null) {
      console.warn(`desktop-e2e: ${reason ?? 'no binary'}`);
      context.skip(reason ?? 'no binary');
      return;
    }
    const screen = await display();
    if (screen === null) {
      context.skip(
        `SKIPPED: there is no display and no ${XVFB} to make one, so the desktop end-to-end test did not run`,
      );
      return;
    }
    const dataDir = mkdtempSync(join(tmpdir(), 'flowloop-e2e-'));
    // Chromium's sandbox refuses to start as root; as any other user it stays on.
    const asRoot = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
    const app = await _electron.launch({
      executablePath: binary,
      args: [
        ...asRoot,
        mainEntry,
        join(root, 'test', 'fixtures', 'cli', 'sleeps.flow.json'),
        '--clock',
        'virtual',
      ],
      env: { ...process.env, ...screen.env, FLOWLOOP_DATA_DIR: dataDir },
    });
    try {
      const page = await app.firstWindow();
      // Only window.flowloop crosses the bridge; no Node in the page.
      const exposed = await page.evaluate(() => ({
        api: Object.keys((globalThis as unknown as { flowloop: object }).flowloop).sort(),
        hasRequire: typeof (globalThis as { require?: unknown }).require !== 'undefined',
        hasProcess: typeof (globalThis as { process?: unknown }).process !== 'undefined',
      }));
      expect(exposed).toEqual({
        api: ['onEvent', 'request', 'setDirty'],
        hasRequire: false,
        hasProcess: false,
      });
      // The CSP forbids connections elsewhere; a file outside dist/renderer is not served.
      const blocked = await page.evaluate(async () => {
        const attempt = async (url: string) =>
          fetch(url).then(
            (r) => (r.ok ? 'loaded' : 'refused'),
            () => 'refused',
          );
        const here = (globalThis as unknown as { location: { href: string } }).location.href;
        return {
          remote: await attempt('https://example.com/'),
          outside: await attempt(new URL('../../package.json', here).href),
        };
      });
      expect(blocked).toEqual({ remote: 'refused', outside: 'refused' });
      // The page cannot navigate away.
      const before = page.url();
      await page.evaluate(() => {
        (globalThis as unknown as { location: { href: string } }).location.href = 'https://example.com/';
      });
      expect(page.url()).toBe(before);

      await page.locator('[data-node-id="both"]').waitFor();
      await page.getByRole('button', { name: 'Run' }).click();
      await page.locator('[data-run-status="done"]').waitFor();
      expect(await page.locator('[data-node-id="both"]').getAttribute('data-state')).toBe('done');
    } finally {
      await app.close();
      screen.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
