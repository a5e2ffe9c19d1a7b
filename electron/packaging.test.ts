/** The desktop build and packaging configuration, checked offline. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

function pngSize(path: string): { width: number; height: number } {
  const bytes = readFileSync(path);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('scripts/build-electron.mjs', () => {
  it('bundles main as an ES module and the preload as CommonJS that loads nothing but electron', () => {
    const out = mkdtempSync(join(tmpdir(), 'flowloop-build-electron-'));
    try {
      const result = spawnSync(process.execPath, [join(root, 'scripts', 'build-electron.mjs'), '--outdir', out], { cwd: root, encoding: 'utf8' });
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      const preload = readFileSync(join(out, 'preload.js'), 'utf8');
      expect([...preload.matchAll(/require\("([^"]+)"\)/g)].map((match) => match[1])).toEqual(['electron']);
      expect(preload).not.toMatch(/^\s*(import|export)\s/m);
      expect(preload).toContain('exposeInMainWorld("flowloop"');
      const main = readFileSync(join(out, 'main.js'), 'utf8');
      expect(main).toMatch(/^import \{[^}]*\bBrowserWindow\b[^}]*\} from "electron";$/m);
      expect(main).not.toMatch(/\brequire\(/);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe('electron-builder configuration', () => {
  it('passes electron-builder’s own schema validation', async () => {
    const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      getConfig: (projectDir: string, configPath: string | null, fromOptions: null) => Promise<Record<string, unknown>>;
      validateConfiguration: (config: Record<string, unknown>, logger: unknown) => Promise<void>;
    };
    const { DebugLogger } = require('builder-util/out/DebugLogger') as { DebugLogger: new (enabled: boolean) => unknown };
    const config = await getConfig(root, join(root, 'electron-builder.yml'), null);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    expect(config).toMatchObject({
      extraMetadata: { main: 'dist/electron/main.js' },
      fileAssociations: [{ ext: 'flow.json', mimeType: 'application/x-flowloop-graph+json' }],
      linux: { target: ['AppImage', 'deb'], mimeTypes: ['application/x-flowloop-graph+json'] },
    });
  });

  it('has the icons at every size, square, and a desktop entry and MIME type for .flow.json', () => {
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512]) {
      expect(pngSize(join(root, 'build', 'icons', `${size}x${size}.png`))).toEqual({ width: size, height: size });
    }
    expect(pngSize(join(root, 'build', 'icon.png'))).toEqual({ width: 1024, height: 1024 });
    expect(readFileSync(join(root, 'build', 'icon.ico')).readUInt16LE(2)).toBe(1); // ICO type
    const desktop = readFileSync(join(root, 'build', 'linux', 'flowloop.desktop'), 'utf8');
    expect(desktop).toMatch(/^MimeType=application\/x-flowloop-graph\+json;$/m);
    expect(readFileSync(join(root, 'build', 'linux', 'flowloop-mime.xml'), 'utf8')).toContain('<glob pattern="*.flow.json"');
  });
});
