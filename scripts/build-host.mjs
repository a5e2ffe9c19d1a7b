#!/usr/bin/env node
// Bundles the Node side with esbuild, so that nothing compiles TypeScript when the app or the
// command line starts:
//   dist/cli/flowloop.js        the `flowloop` command (bin/flowloop.mjs loads it), split into
//                               chunks that each command loads on demand, so that `--version`
//                               loads a few kilobytes
//   dist/electron/main.js       the app's entry (shell/electron/entry.ts): the command line when the
//                               launch asks for it (dist/cli), else the desktop window
//   dist/electron/desktop.js    the desktop shell's main process (ES module, like the package)
//   dist/electron/preload.js    its preload (CommonJS: sandboxed preloads cannot be ES modules)
//   transform-worker.js         the JavaScript transform sandbox's worker thread, beside each
//                               of the two entries (host/transform-worker-url.ts finds
//                               it next to the bundle that starts it)
//   dist/cli/inputs.json        the source files all of these were built from (bin/ rebuilds
//                               when one of them is newer, in a source checkout)
// npm packages are bundled in, but for quickjs-emscripten, which loads its WebAssembly from its
// own folder at run time: it is the one runtime dependency, and app.asar holds nothing else.
import { build } from 'esbuild';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// `--outdir DIR` (tests build elsewhere): DIR/cli and DIR/electron; dist/ by default.
const flag = process.argv.indexOf('--outdir');
const outdir = flag === -1 ? join(root, 'dist') : resolve(process.argv[flag + 1] ?? '');
/** Loaded from node_modules at run time: the WebAssembly sandbox, and what only runs from sources. */
const RUNTIME_PACKAGES = ['quickjs-emscripten', 'esbuild', 'electron'];
const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  external: RUNTIME_PACKAGES,
  sourcemap: true,
  logLevel: 'warning',
  legalComments: 'none',
  // Bundled CommonJS packages (ws, undici) call require() for Node's built-ins.
  banner: {
    js: "import { createRequire as __flowloopRequire } from 'node:module'; const require = __flowloopRequire(import.meta.url);",
  },
};
const worker = (dir) => ({
  ...common,
  metafile: true,
  entryPoints: ['host/transform-worker.ts'],
  outfile: join(outdir, dir, 'transform-worker.js'),
});

const builds = await Promise.all([
  build({
    ...common,
    entryPoints: { flowloop: 'cli/main.ts' },
    outdir: join(outdir, 'cli'),
    splitting: true,
    // Beside the entry, not in a subfolder: a chunk finds transform-worker.js next to itself.
    chunkNames: '[name]-[hash]',
    metafile: true,
  }),
  build(worker('cli')),
  build({
    ...common,
    entryPoints: ['shell/electron/entry.ts'],
    outfile: join(outdir, 'electron', 'main.js'),
    metafile: true,
  }),
  build({
    ...common,
    entryPoints: ['shell/electron/main.ts'],
    outfile: join(outdir, 'electron', 'desktop.js'),
    metafile: true,
  }),
  build(worker('electron')),
  build({
    ...common,
    banner: {},
    external: ['electron'],
    entryPoints: ['shell/electron/preload.ts'],
    outfile: join(outdir, 'electron', 'preload.js'),
    format: 'cjs',
    metafile: true,
  }),
]);
const inputs = new Set(builds.flatMap((result) => Object.keys(result.metafile?.inputs ?? {})));
const sources = [...inputs].filter((path) => !path.includes('node_modules/'));
await mkdir(join(outdir, 'cli'), { recursive: true });
await writeFile(join(outdir, 'cli', 'inputs.json'), `${JSON.stringify(sources.sort(), null, 1)}\n`);
console.log(`built ${join(outdir, 'cli')} and ${join(outdir, 'electron')}`);
