#!/usr/bin/env node
// `npm start [FILE] [--clock real|virtual]`: the app in Electron. Electron's binary is fetched on
// the first start (see electron-binary.mjs); where it cannot be had, or there is no display to
// open a window on, say so in one plain line and open the same app in the browser mode instead.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { electronBinary, electronPackageDir, fetchElectronBinary } from './electron-binary.mjs';
import { ensureBuilt } from './ensure-built.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const FALLBACK = 'so the desktop window cannot open; starting the browser mode instead.';

function fail(message) {
  console.error(`flowloop: ${message}`);
  process.exit(1);
}

/** dist/renderer is built by `npm install` (prepare); built here if it is missing. */
function ensureRenderer() {
  if (existsSync(new URL('../dist/renderer/index.html', import.meta.url))) return;
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['run', '--silent', 'build:renderer'], {
    cwd: root,
    encoding: 'utf8',
    shell: process.platform === 'win32',
  });
  if (result.error !== undefined || result.status !== 0) {
    process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
    fail('building the editor (dist/renderer) failed; run `npm run build:renderer` to see why.');
  }
}

/** Runs a child with our stdio, passes SIGINT/SIGTERM on, and exits with its status. */
function runChild(command, childArgs) {
  const child = spawn(command, childArgs, { cwd: process.cwd(), stdio: 'inherit' });
  const forward = (signal) => () => child.kill(signal);
  process.on('SIGINT', forward('SIGINT'));
  process.on('SIGTERM', forward('SIGTERM'));
  child.on('exit', (code, signal) => process.exit(code ?? (signal === null ? 1 : 0)));
}

/** Electron's binary, fetched now if need be; or null with the reason it cannot be had. */
async function desktopBinary() {
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { binary: null, why: 'there is no display here (neither DISPLAY nor WAYLAND_DISPLAY is set)' };
  }
  const found = electronBinary();
  if (found !== null) return { binary: found, why: null };
  if (electronPackageDir() === null) return { binary: null, why: 'Electron is not installed here' };
  const fetched = await fetchElectronBinary({
    onSlow: () => console.error("flowloop: downloading Electron's binary (once, about 100 MB)…"),
  });
  if (fetched.ok) return { binary: electronBinary(), why: null };
  return { binary: null, why: `Electron's binary could not be downloaded (${fetched.reason})` };
}

try {
  ensureRenderer();
  const { binary, why } = await desktopBinary();
  if (binary === null) {
    console.error(`flowloop: ${why}, ${FALLBACK}`);
    runChild(process.execPath, [fileURLToPath(new URL('./flowloop.mjs', import.meta.url)), 'web', ...args]);
  } else {
    const mainEntry = new URL('../dist/electron/main.js', import.meta.url);
    await ensureBuilt(mainEntry);
    runChild(binary, [fileURLToPath(mainEntry), ...args]);
  }
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
