#!/usr/bin/env node
// Bundles the desktop shell: dist/electron/main.js (ES module, like the rest of the package) and
// dist/electron/preload.js (CommonJS: sandboxed preloads cannot be ES modules), and
// dist/electron/transform-worker.js (the transform sandbox's worker thread). npm packages stay
// external for main (they ship in node_modules, with their WebAssembly and data files); the
// preload imports nothing but `electron`.
import { build } from 'esbuild';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// `--outdir DIR` (tests build elsewhere); dist/electron by default.
const flag = process.argv.indexOf('--outdir');
const outdir = flag === -1 ? join(root, 'dist', 'electron') : resolve(process.argv[flag + 1] ?? '');
const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node22',
  external: ['electron'],
  sourcemap: true,
  logLevel: 'warning',
  legalComments: 'none',
};

await build({
  ...common,
  entryPoints: ['electron/main.ts'],
  outfile: join(outdir, 'main.js'),
  format: 'esm',
  packages: 'external',
});
// The JavaScript transform sandbox's worker thread (electron/host/transform-worker-url.ts finds it beside main.js).
await build({
  ...common,
  entryPoints: ['electron/host/transform-worker.ts'],
  outfile: join(outdir, 'transform-worker.js'),
  format: 'esm',
  packages: 'external',
});
await build({
  ...common,
  entryPoints: ['electron/preload.ts'],
  outfile: join(outdir, 'preload.js'),
  format: 'cjs',
});
console.log(`built ${join(outdir, 'main.js')} and ${join(outdir, 'preload.js')}`);
