/**
 * `npm start` on a machine without Electron's binary: one plain line, then the browser mode.
 * ELECTRON_OVERRIDE_DIST_PATH points Electron's package at an empty folder, so the binary is
 * missing here even where Electron is installed.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { USAGE } from './cli/args';

const root = fileURLToPath(new URL('..', import.meta.url));
const ONE_LINE = "flowloop: Electron's binary is not installed here, so the desktop window cannot open; starting the browser mode instead.";
const webModeExists = USAGE.includes('flowloop web');

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

interface Outcome {
  stdout: string;
  stderr: string;
  code: number | null;
  url: string | null;
}

/** Starts `node bin/start.mjs FILE`; stops it (SIGTERM) as soon as a URL line appears on stdout. */
function startWithoutElectron(args: string[]): Promise<Outcome> {
  const empty = mkdtempSync(join(tmpdir(), 'flowloop-no-electron-'));
  const dataDir = mkdtempSync(join(tmpdir(), 'flowloop-start-data-'));
  dirs.push(empty, dataDir);
  const child = spawn(process.execPath, [join(root, 'bin', 'start.mjs'), ...args], {
    cwd: root,
    env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: empty, FLOWLOOP_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let url: string | null = null;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    const found = /^(http:\/\/127\.0\.0\.1:\d+\/\S*)$/m.exec(stdout);
    if (found !== null && url === null) {
      url = found[1] ?? null;
      child.kill('SIGTERM');
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ stdout, stderr, code, url })));
}

describe('npm start without Electron', () => {
  it('says so in one plain line, then starts the browser mode and prints its URL', async (context) => {
    const outcome = await startWithoutElectron([join(root, 'electron', 'cli', 'fixtures', 'sleeps.flow.json')]);
    expect(outcome.stderr.split('\n')[0]).toBe(ONE_LINE);
    if (!webModeExists) {
      // Until `flowloop web` exists, the fallback can only name the attempt and fail.
      expect(outcome.code).not.toBe(0);
      context.skip('`flowloop web` is not in this version yet, so there is no browser-mode URL to check');
    }
    expect(outcome.url).not.toBeNull();
    // SIGTERM ends the browser mode cleanly, and start.mjs passes its status on.
    expect(outcome.code).toBe(0);
  });
});
