#!/usr/bin/env node
// `npm start [FILE]`: the app in Electron. Where Electron's binary is missing (it is downloaded
// by Electron's own install script, which machines without internet cannot run), say so in
// plain words instead of crashing.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { spawn } from 'node:child_process';

const require = createRequire(import.meta.url);

function electronBinary() {
  try {
    const path = require('electron'); // the package exports the binary's path, or throws
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
const mainEntry = new URL('../dist/electron/main.js', import.meta.url);
if (binary === null || !existsSync(mainEntry)) {
  const why = binary === null ? "Electron's binary is not installed here" : 'the desktop shell is not built yet';
  console.error(`flowloop: ${why}, so the desktop window cannot open.`);
  console.error('The editor (desktop window and browser mode) is not part of this version yet; the engine is:');
  console.error('  npx flowloop run FILE [--clock virtual] [--json]    run a workflow with live progress');
  console.error('  npx flowloop validate FILE                           check a workflow file');
  process.exit(1);
}
const child = spawn(binary, [mainEntry.pathname, ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 1));
