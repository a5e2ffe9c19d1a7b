/**
 * The desktop app end to end, through Playwright's Electron launcher: the window opens the file
 * named on the command line, the page is locked down, and Run works. It needs Electron's binary
 * (which machines without internet do not have) and a built dist/ (`npm run build`); where either
 * is missing the test is skipped and says which.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const mainEntry = join(root, 'dist', 'electron', 'main.js');
const rendererIndex = join(root, 'dist', 'renderer', 'index.html');

function electronBinary(): string | null {
  try {
    const path: unknown = createRequire(import.meta.url)('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

function whyNot(binary: string | null): string | null {
  if (binary === null) {
    return "SKIPPED: Electron's binary is missing (node_modules/electron/dist; installs with ELECTRON_SKIP_BINARY_DOWNLOAD or without internet have none), so the desktop end-to-end test did not run";
  }
  if (!existsSync(mainEntry) || !existsSync(rendererIndex)) return 'SKIPPED: dist/ is not built; run `npm run build` first';
  return null;
}

describe('desktop app (Electron)', () => {
  it('opens the file from argv in a locked-down window and runs it', async (context) => {
    const binary = electronBinary();
    const reason = whyNot(binary);
    if (reason !== null || binary === null) {
      console.warn(`desktop-e2e: ${reason ?? 'no binary'}`);
      context.skip(reason ?? 'no binary');
      return;
    }
    const dataDir = mkdtempSync(join(tmpdir(), 'flowloop-e2e-'));
    const app = await _electron.launch({
      executablePath: binary,
      args: [mainEntry, join(root, 'electron', 'cli', 'fixtures', 'sleeps.flow.json'), '--clock', 'virtual'],
      env: { ...process.env, FLOWLOOP_DATA_DIR: dataDir },
    });
    try {
      const page = await app.firstWindow();
      // Only window.flowloop crosses the bridge; no Node in the page.
      const exposed = await page.evaluate(() => ({
        api: Object.keys((globalThis as unknown as { flowloop: object }).flowloop).sort(),
        hasRequire: typeof (globalThis as { require?: unknown }).require !== 'undefined',
        hasProcess: typeof (globalThis as { process?: unknown }).process !== 'undefined',
      }));
      expect(exposed).toEqual({ api: ['onEvent', 'request', 'setDirty'], hasRequire: false, hasProcess: false });
      // The CSP forbids connections elsewhere; a file outside dist/renderer is not served.
      const blocked = await page.evaluate(async () => {
        const attempt = async (url: string) => fetch(url).then((r) => (r.ok ? 'loaded' : 'refused'), () => 'refused');
        const here = (globalThis as unknown as { location: { href: string } }).location.href;
        return { remote: await attempt('https://example.com/'), outside: await attempt(new URL('../../package.json', here).href) };
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
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
