#!/usr/bin/env node
// Writes shared/codegen/typescript-runtime.generated.ts: the text of typescript-runtime.ts (the
// runtime exported TypeScript programs are made of) as a string constant, which is how the text
// reaches the exporter in the renderer (Vite), the CLI (esbuild) and Vitest alike, with no file
// read at run time. Run it after editing typescript-runtime.ts; a unit test fails while the
// generated file is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const source = fileURLToPath(new URL('../shared/codegen/typescript-runtime.ts', import.meta.url));
const target = fileURLToPath(new URL('../shared/codegen/typescript-runtime.generated.ts', import.meta.url));

const text = readFileSync(source, 'utf8').replace(/\r\n/g, '\n');
// A template literal keeps the runtime's lines as lines, so a change to it reads as a diff here too.
const literal = text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
const generated = [
  '// Generated from typescript-runtime.ts by `node scripts/generate-typescript-runtime.mjs`: do not edit.',
  `export const TYPESCRIPT_RUNTIME = \`${literal}\`;`,
  '',
].join('\n');

let current = null;
try {
  current = readFileSync(target, 'utf8');
} catch {
  // not written yet
}
if (current === generated) {
  console.log('shared/codegen/typescript-runtime.generated.ts is up to date');
} else {
  writeFileSync(target, generated);
  console.log('wrote shared/codegen/typescript-runtime.generated.ts');
}
