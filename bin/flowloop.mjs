#!/usr/bin/env node
// The `flowloop` command. The sources are TypeScript; tsx compiles them on the fly, so the
// command works right after `npm install`, with no build step.
import { register } from 'tsx/esm/api';

register();
try {
  const { main } = await import('../electron/cli/main.ts');
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  // main() reports every expected failure itself; this is a broken installation or a bug.
  process.stderr.write(`flowloop: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
