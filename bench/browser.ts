/**
 * What the browser benches (renderer.ts, renderer-stream.ts) share: building the renderer, a
 * `flowloop web` server on a workflow file with `?bench` in its URL, and Chromium's path.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A page that evaluates script text: Playwright's, or the bare DevTools one of cdp-page.ts. */
export interface EvaluatingPage {
  evaluate(expression: string): Promise<unknown>;
}

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CHROMIUM = process.env.FLOWLOOP_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
];

export interface Server {
  url: string;
  child: ChildProcess;
}

export function progress(text: string): void {
  process.stderr.write(`${text}\n`);
}

/** `flowloop web FILE --port 0` with its own data folder; `env` is added to the server's environment. */
export function startServer(
  file: string,
  dataDir: string,
  env: Record<string, string> = {},
): Promise<Server> {
  // FLOWLOOP_BENCH_HOST_PROFILE=DIR writes a CPU profile of each server into DIR when it stops.
  const profile = process.env.FLOWLOOP_BENCH_HOST_PROFILE;
  const nodeArgs = profile === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${profile}`];
  const child = spawn(
    process.execPath,
    [...nodeArgs, join(root, 'bin', 'flowloop.mjs'), 'web', file, '--port', '0'],
    {
      cwd: root,
      env: { ...process.env, FLOWLOOP_DATA_DIR: dataDir, NO_COLOR: '1', ...env },
    },
  );
  let printed = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`flowloop web printed no URL in 30 s:\n${printed}`)),
      30_000,
    );
    child.stdout.on('data', (chunk: Buffer) => {
      printed += chunk.toString();
      const match = /^(http:\/\/127\.0\.0\.1:\d+\/\S*)$/m.exec(printed);
      if (match) {
        clearTimeout(timer);
        const url = new URL(match[1] as string);
        url.searchParams.set('bench', '1');
        resolve({ url: url.toString(), child });
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`flowloop web exited with ${String(code)}:\n${printed}`)));
  });
}

export async function stopServer(server: Server): Promise<void> {
  if (server.child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => server.child.once('exit', () => resolve()));
  server.child.kill('SIGTERM');
  await exited;
}

export function buildRenderer(): void {
  progress('  building the renderer (vite) …');
  // FLOWLOOP_BENCH_NO_MINIFY=1 keeps function names readable in a CPU profile (FLOWLOOP_BENCH_PROFILE).
  const minify = process.env.FLOWLOOP_BENCH_NO_MINIFY === '1' ? ['--minify', 'false'] : [];
  const built = spawnSync(
    'npx',
    ['vite', 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'error', ...minify],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  if (built.status !== 0) throw new Error('renderer build failed');
}

/** Two animation frames and 300 ms: the page has painted and gone quiet. */
export async function settle(page: EvaluatingPage): Promise<void> {
  await page.evaluate(
    'new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 300))))',
  );
}

/** Page scripts: start recording requestAnimationFrame timestamps while something goes on (a pan, the wheel, a drag)… */
export const START_FRAMES = `(() => {
  const record = { times: [], on: true };
  window.__benchFrames = record;
  const tick = (t) => { if (record.on) { record.times.push(t); requestAnimationFrame(tick); } };
  requestAnimationFrame(tick);
})()`;
/** …and stop, giving the timestamps. */
export const STOP_FRAMES = `(() => { const r = window.__benchFrames; r.on = false; return r.times; })()`;
