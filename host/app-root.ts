/**
 * The app's root folder (package.json, examples/, dist/): found by walking up from this module,
 * so it is right both from the sources (host/) and from the bundle (dist/electron/main.js,
 * also inside a packaged app's asar).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | null = null;

export function appRoot(): string {
  if (cached !== null) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && isOurs(manifest)) return (cached = dir);
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error(`cannot find Flowloop's package.json above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

function isOurs(manifest: string): boolean {
  try {
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === 'flowloop';
  } catch {
    return false;
  }
}

export function appVersion(): string {
  return (JSON.parse(readFileSync(join(appRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}
