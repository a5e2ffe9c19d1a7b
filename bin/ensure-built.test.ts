/** Rebuilding the Node-side bundles in a source checkout, in a small checkout made here. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureBuilt, staleBecause } from './ensure-built.mjs';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A checkout whose build script writes dist/cli/flowloop.js and dist/cli/inputs.json and counts its runs. */
function checkout(buildScript: string): { root: URL; entry: URL; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'flowloop-checkout-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'scripts'));
  mkdirSync(join(dir, 'src'));
  writeFileSync(join(dir, 'src', 'main.ts'), 'export {};\n');
  writeFileSync(join(dir, 'scripts', 'build-host.mjs'), buildScript);
  const root = pathToFileURL(`${dir}/`);
  return { root, entry: new URL('dist/cli/flowloop.js', root), dir };
}

const COUNTING_BUILD = `
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
mkdirSync('dist/cli', { recursive: true });
writeFileSync('dist/cli/flowloop.js', 'export const main = () => 0;\\n');
writeFileSync('dist/cli/inputs.json', JSON.stringify(['src/main.ts']));
const runs = existsSync('builds.txt') ? Number(readFileSync('builds.txt', 'utf8')) : 0;
writeFileSync('builds.txt', String(runs + 1));
`;

describe('ensureBuilt', () => {
  it('builds what is missing, leaves a fresh build alone, and rebuilds after a source changes', async () => {
    const { root, entry, dir } = checkout(COUNTING_BUILD);
    const builds = (): string => readFileSync(join(dir, 'builds.txt'), 'utf8');
    expect(staleBecause(entry, root)).toBe('it has not been built');
    await ensureBuilt(entry, root);
    expect(builds()).toBe('1');
    expect(staleBecause(entry, root)).toBeNull();
    await ensureBuilt(entry, root);
    expect(builds()).toBe('1');
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(dir, 'src', 'main.ts'), later, later);
    expect(staleBecause(entry, root)).toBe('src/main.ts changed');
    await ensureBuilt(entry, root);
    expect(builds()).toBe('2');
    rmSync(join(dir, 'src', 'main.ts'));
    expect(staleBecause(entry, root)).toBe('src/main.ts is gone');
  });

  it('says what the build printed when it fails', async () => {
    const { root, entry } = checkout("console.error('src/main.ts:1: syntax error'); process.exit(1);\n");
    await expect(ensureBuilt(entry, root)).rejects.toThrow(
      /building the command line failed \(it has not been built\):\nsrc\/main\.ts:1: syntax error\n/,
    );
  });

  it('never rebuilds an installed package (no scripts/), and names a missing bundle', async () => {
    const { root, entry, dir } = checkout(COUNTING_BUILD);
    rmSync(join(dir, 'scripts'), { recursive: true });
    expect(staleBecause(entry, root)).toBeNull();
    await expect(ensureBuilt(entry, root)).rejects.toThrow(
      /this installation is incomplete: .*dist\/cli\/flowloop\.js is missing; reinstall Flowloop/,
    );
  });
});
