/**
 * Where a transform worker's code is. In the built app it is transform-worker.js beside the
 * bundle (scripts/build-electron.mjs writes it next to main.js). Run from the TypeScript sources
 * (tsx, Vitest), a worker thread cannot load .ts files: Node 20 does not strip types, tsx's
 * loader hooks are not inherited by workers, and registering tsx inside each worker costs about
 * a second. So the entry is bundled once per process with esbuild, into
 * node_modules/.cache/flowloop/ (where its npm imports still resolve), named by its content.
 */
import { createHash } from 'node:crypto';
import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

let sourceBundle: Promise<URL> | null = null;

export function transformWorkerUrl(): Promise<URL> {
  const here = new URL(import.meta.url);
  if (!here.pathname.endsWith('.ts')) return Promise.resolve(new URL('./transform-worker.js', here));
  sourceBundle ??= bundleSources().catch((error: unknown) => {
    sourceBundle = null; // try again next time
    throw error;
  });
  return sourceBundle;
}

async function bundleSources(): Promise<URL> {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./transform-worker.ts', import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.contents;
  if (code === undefined) throw new Error('esbuild produced no transform worker bundle');
  const dir = fileURLToPath(new URL('../node_modules/.cache/flowloop/', import.meta.url));
  const file = join(
    dir,
    `transform-worker-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`,
  );
  if (!(await exists(file))) {
    await mkdir(dir, { recursive: true });
    // Written aside, then renamed: another process may be loading the same file.
    const temp = `${file}.${process.pid}.tmp`;
    await writeFile(temp, code);
    await rename(temp, file);
  }
  return pathToFileURL(file);
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}
