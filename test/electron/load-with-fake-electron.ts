/**
 * Bundles one of the shell's entry points (main.ts, preload.ts) with `electron` replaced by the
 * test double in fake-electron.ts, writes it to `outfile` and imports it, so a test drives the
 * real module without Electron's binary.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const fakeElectron = fileURLToPath(new URL('./fake-electron.ts', import.meta.url));

export async function loadWithFakeElectron(entry: string, outfile: string): Promise<void> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    alias: { electron: fakeElectron },
    logLevel: 'error',
  });
  await import(pathToFileURL(outfile).href);
}
