/**
 * `npm start` (bin/start.mjs): Electron's window where its binary can be had and there is a
 * display; otherwise one plain line saying why, then the browser mode. ELECTRON_OVERRIDE_DIST_PATH
 * (Electron's own setting) points at an empty folder or at a stand-in binary, and ELECTRON_MIRROR
 * at a port where nothing listens, so the repository's node_modules/electron is never used.
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { closedPort } from '../../test/closed-port';

const root = fileURLToPath(new URL('../..', import.meta.url));
const workflow = join(root, 'test', 'fixtures', 'cli', 'sleeps.flow.json');
const FALLBACK = ', so the desktop window cannot open; starting the browser mode instead.';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

interface Outcome {
  stdout: string;
  stderr: string;
  code: number | null;
  url: string | null;
}

/** Starts `node bin/start.mjs ARGS`; stops it (SIGTERM) as soon as a URL line appears on stdout. */
function start(args: string[], env: NodeJS.ProcessEnv): Promise<Outcome> {
  const child = spawn(process.execPath, [join(root, 'bin', 'start.mjs'), ...args], {
    cwd: root,
    env: {
      ...process.env,
      FLOWLOOP_DATA_DIR: tempDir('flowloop-start-data-'),
      electron_config_cache: tempDir('flowloop-electron-cache-'),
      ...env,
    },
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

describe('npm start', () => {
  it('without a display: says so in one plain line, then starts the browser mode and prints its URL', async () => {
    const outcome = await start([workflow], {
      DISPLAY: '',
      WAYLAND_DISPLAY: '',
      ELECTRON_OVERRIDE_DIST_PATH: tempDir('flowloop-no-electron-'),
    });
    expect(outcome.stderr.split('\n')[0]).toBe(
      `flowloop: there is no display here (neither DISPLAY nor WAYLAND_DISPLAY is set)${FALLBACK}`,
    );
    expect(outcome.url).not.toBeNull();
    // SIGTERM ends the browser mode cleanly, and start.mjs passes its status on.
    expect(outcome.code).toBe(0);
  });

  it('where Electron’s binary cannot be downloaded: tries, names the reason in one line, then starts the browser mode', async () => {
    const port = await closedPort();
    const outcome = await start([workflow], {
      DISPLAY: ':99',
      ELECTRON_OVERRIDE_DIST_PATH: tempDir('flowloop-no-electron-'),
      ELECTRON_MIRROR: `http://127.0.0.1:${port}/`,
      ELECTRON_SKIP_BINARY_DOWNLOAD: '',
    });
    expect(outcome.stderr.split('\n')[0]).toMatch(
      new RegExp(
        `^flowloop: Electron's binary could not be downloaded \\(fetch failed: connect ECONNREFUSED 127\\.0\\.0\\.1:${port}\\)${FALLBACK.replace(/[.]/g, '\\.')}$`,
      ),
    );
    expect(outcome.url).not.toBeNull();
    expect(outcome.code).toBe(0);
  });

  it('where Electron’s binary is there: runs it with the built main process and the arguments', async () => {
    const dist = tempDir('flowloop-electron-dist-');
    const record = join(dist, 'argv.txt');
    writeFileSync(join(dist, 'electron'), `#!/bin/sh\nprintf '%s\\n' "$@" > '${record}'\n`);
    chmodSync(join(dist, 'electron'), 0o755);
    const outcome = await start([workflow, '--clock', 'virtual'], {
      DISPLAY: ':99',
      ELECTRON_OVERRIDE_DIST_PATH: dist,
    });
    expect(outcome.stderr).toBe('');
    expect(outcome.code).toBe(0);
    expect(readFileSync(record, 'utf8').split('\n')).toEqual([
      join(root, 'dist', 'electron', 'main.js'),
      workflow,
      '--clock',
      'virtual',
      '',
    ]);
  });
});
