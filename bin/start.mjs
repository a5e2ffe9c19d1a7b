#!/usr/bin/env node
// `npm start [FILE] [--clock real|virtual]`: the app in Electron. Where Electron's binary is
// missing (Electron's install script downloads it, which machines without internet cannot do),
// say so in one plain line and open the same app in the browser mode instead.
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);

function electronBinary() {
  try {
    const path = require('electron'); // the package exports the binary's path, or throws
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const scripts = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).scripts ?? {};

/** Runs `npm run <script>` quietly; on failure shows its output and names the command. */
function buildOrExplain(script, what) {
  if (scripts[script] === undefined) {
    console.error(`flowloop: ${what} is not built and this version has no \`npm run ${script}\` to build it.`);
    process.exit(1);
  }
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['run', '--silent', script], { cwd: root, encoding: 'utf8', shell: process.platform === 'win32' });
  if (result.status !== 0) {
    process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
    console.error(`flowloop: building ${what} failed; run \`npm run ${script}\` to see why.`);
    process.exit(1);
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

const rendererBuilt = () => existsSync(new URL('../dist/renderer/index.html', import.meta.url));
const binary = electronBinary();

if (binary === null) {
  console.error("flowloop: Electron's binary is not installed here, so the desktop window cannot open; starting the browser mode instead.");
  if (!rendererBuilt()) buildOrExplain('build:renderer', 'the editor (dist/renderer)');
  runChild(process.execPath, [fileURLToPath(new URL('./flowloop.mjs', import.meta.url)), 'web', ...args]);
} else {
  const mainEntry = new URL('../dist/electron/main.js', import.meta.url);
  if (!existsSync(mainEntry) || !rendererBuilt()) buildOrExplain('build', 'the desktop app (dist/)');
  runChild(binary, [fileURLToPath(mainEntry), ...args]);
}
