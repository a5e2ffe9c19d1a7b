// Electron's binary for `npm start`. package.json's allowScripts denies Electron's install
// script, which downloads the binary during `npm install` and fails the whole install wherever
// that download is blocked. So the binary is fetched here, on the first `npm start`, by the same
// script (node_modules/electron/install.js, which honours Electron's own mirror and cache
// settings); when that fails, the caller says why in one line and opens the browser mode.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
/** A download that has not finished by then is given up (a proxy that swallows connections). */
const FETCH_TIMEOUT_MS = 10 * 60_000;
/** A download still going after this long is worth a line, so that the wait is explained. */
const SLOW_NOTICE_MS = 3_000;

/** The folder of the installed `electron` package, or null when it is not installed. */
export function electronPackageDir() {
  try {
    return dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
}

/**
 * The path of Electron's binary when it is there, else null. This reads what the package's own
 * index.js reads (path.txt, written by its install script, and ELECTRON_OVERRIDE_DIST_PATH)
 * rather than requiring it: since Electron 43, requiring the package downloads a missing binary
 * on the spot, with its output on our terminal.
 */
export function electronBinary(packageDir = electronPackageDir(), env = process.env) {
  if (packageDir === null) return null;
  const pathFile = join(packageDir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  const path = override
    ? join(override, executable ?? 'electron')
    : executable === null
      ? null
      : join(packageDir, 'dist', executable);
  return path !== null && existsSync(path) ? path : null;
}

/**
 * Runs Electron's install script. Resolves to { ok: true } once the binary is there, or to
 * { ok: false, reason } with one line saying why not. `onSlow` is called if it takes a while.
 */
export function fetchElectronBinary({
  packageDir = electronPackageDir(),
  env = process.env,
  onSlow = () => {},
  timeoutMs = FETCH_TIMEOUT_MS,
} = {}) {
  if (packageDir === null)
    return Promise.resolve({ ok: false, reason: 'the electron package is not installed' });
  return new Promise((resolve) => {
    const preload = fileURLToPath(new URL('./electron-fetch-reason.cjs', import.meta.url));
    const child = spawn(process.execPath, ['--require', preload, join(packageDir, 'install.js')], {
      cwd: packageDir,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const collect = (chunk) => {
      output = (output + chunk).slice(-16_384);
    };
    child.stdout.setEncoding('utf8').on('data', collect);
    child.stderr.setEncoding('utf8').on('data', collect);
    const slow = setTimeout(onSlow, SLOW_NOTICE_MS);
    let timedOut = false;
    const timeout = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
    }, timeoutMs);
    const finish = (outcome) => {
      clearTimeout(slow);
      clearTimeout(timeout);
      resolve(outcome);
    };
    child.on('error', (error) => finish({ ok: false, reason: error.message }));
    child.on('close', (code) => {
      if (timedOut)
        return finish({ ok: false, reason: `the download took more than ${timeoutMs / 60_000} minutes` });
      if (code === 0 && electronBinary(packageDir, env) !== null) return finish({ ok: true });
      if (code === 0 && env.ELECTRON_SKIP_BINARY_DOWNLOAD)
        return finish({ ok: false, reason: 'ELECTRON_SKIP_BINARY_DOWNLOAD is set' });
      finish({
        ok: false,
        reason: firstErrorLine(output) ?? `Electron's install script exited with status ${code}`,
      });
    });
  });
}

/** The error's own line from the script's output, such as "Error: fetch failed: getaddrinfo ENOTFOUND github.com". */
function firstErrorLine(output) {
  const lines = output.split('\n').map((text) => text.trim());
  const line =
    lines.find((text) => /^\w*Error\b/.test(text)) ??
    lines.filter((text) => text !== '' && !text.startsWith('at ')).pop();
  return line === undefined ? null : line.replace(/^Error: /, '').slice(0, 200);
}
