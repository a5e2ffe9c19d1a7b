#!/usr/bin/env node
// Bundles the desktop shell: dist/electron/main.js (ES module, like the rest of the package) and
// dist/electron/preload.js (CommonJS: sandboxed preloads cannot be ES modules). npm packages stay
// external for main (they ship in node_modules, with their WebAssembly and data files); the
// preload imports nothing but `electron`.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
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
  outfile: 'dist/electron/main.js',
  format: 'esm',
  packages: 'external',
});
await build({
  ...common,
  entryPoints: ['electron/preload.ts'],
  outfile: 'dist/electron/preload.js',
  format: 'cjs',
});
console.log('built dist/electron/main.js and dist/electron/preload.js');
