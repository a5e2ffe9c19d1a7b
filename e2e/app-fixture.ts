/** Starts `flowloop web` for a test, as a person would from a terminal, and stops it after. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base } from '@playwright/test';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const BIN = join(ROOT, 'bin', 'flowloop.mjs');

export interface WebApp {
  url: string;
  dataDir: string;
  process: ChildProcess;
  /** Everything the server printed, for failure messages. */
  output(): string;
}

export async function startWebApp(args: string[], dataDir = mkdtempSync(join(tmpdir(), 'flowloop-e2e-'))): Promise<WebApp> {
  const child = spawn(process.execPath, [BIN, 'web', ...args, '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, FLOWLOOP_DATA_DIR: dataDir, NO_COLOR: '1' },
  });
  let printed = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`flowloop web printed no URL in 30 s:\n${printed}`)), 30_000);
    const onData = (chunk: Buffer): void => {
      printed += chunk.toString();
      const match = /^(http:\/\/127\.0\.0\.1:\d+\/\S*)$/m.exec(printed);
      if (match) {
        clearTimeout(timer);
        resolve(match[1] as string);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`flowloop web exited with ${String(code)}:\n${printed}`)));
  });
  return { url, dataDir, process: child, output: () => printed };
}

export async function stopWebApp(app: WebApp): Promise<void> {
  if (app.process.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => app.process.once('exit', () => resolve()));
  app.process.kill('SIGTERM');
  await exited;
}

/** The engine's own report for a file: what the canvas must show when a run ends. */
export async function engineReport(file: string, clock: 'virtual' | 'real' = 'virtual'): Promise<{ status: string; nodes: Record<string, { state: string }> }> {
  const child = spawn(process.execPath, [BIN, 'run', file, '--clock', clock, '--json'], { cwd: ROOT });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  await new Promise((resolve) => child.on('close', resolve));
  return JSON.parse(out) as { status: string; nodes: Record<string, { state: string }> };
}

export const test = base;
export { expect } from '@playwright/test';
