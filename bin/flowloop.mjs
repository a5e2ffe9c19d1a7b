#!/usr/bin/env node
// The `flowloop` command: loads the precompiled command line (dist/cli/flowloop.js, built by
// `npm run build`, which `npm install` runs) so that nothing is compiled at start-up.
import { ensureBuilt } from './ensure-built.mjs';

const entry = new URL('../dist/cli/flowloop.js', import.meta.url);
try {
  await ensureBuilt(entry);
  const { main } = await import(entry.href);
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  // main() reports every expected failure itself; this is a broken installation or a bug.
  process.stderr.write(`flowloop: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
