/**
 * Fetching Electron's binary on the first `npm start`, against a real HTTP server on 127.0.0.1
 * standing in for Electron's download site (ELECTRON_MIRROR, which Electron's own install script
 * honours): the zip is made here with CPython's zipfile and holds a stand-in executable. The
 * electron package is copied, so that the repository's own node_modules/electron is never touched.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { closedPort } from '../test/closed-port';
import { electronBinary, electronPackageDir, fetchElectronBinary } from './electron-binary.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const PYTHON = '/usr/bin/python3';
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

function tempDir(prefix: string, under = tmpdir()): string {
  mkdirSync(under, { recursive: true });
  const dir = mkdtempSync(join(under, prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A copy of node_modules/electron without its binary, where its install script still finds its dependencies. */
function electronPackageCopy(): string {
  const source = electronPackageDir();
  if (source === null) throw new Error('the electron package is not installed');
  const copy = join(
    tempDir('electron-copy-', join(root, 'node_modules', '.cache', 'flowloop-tests')),
    'electron',
  );
  cpSync(source, copy, {
    recursive: true,
    filter: (path) => !/[\\/]electron[\\/](dist|path\.txt)$/.test(path),
  });
  return copy;
}

/** A zip with one executable, `electron`, that prints its arguments. */
function standInZip(dir: string): Buffer {
  const zip = join(dir, 'electron.zip');
  const script = [
    'import sys, zipfile',
    'with zipfile.ZipFile(sys.argv[1], "w") as z:',
    '    info = zipfile.ZipInfo("electron")',
    '    info.external_attr = 0o755 << 16',
    '    z.writestr(info, "#!/bin/sh\\necho stand-in electron \\"$@\\"\\n")',
    '    z.writestr("version", "v" + sys.argv[2])',
  ].join('\n');
  const version = (
    JSON.parse(readFileSync(join(electronPackageDir() ?? '', 'package.json'), 'utf8')) as { version: string }
  ).version;
  const made = spawnSync(PYTHON, ['-c', script, zip, version], { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`making the zip failed: ${made.stderr}`);
  return readFileSync(zip);
}

/** Serves every *.zip path with `zip` and SHASUMS256.txt with its hash; records the paths asked for. */
async function mirror(zip: Buffer): Promise<{ url: string; asked: string[] }> {
  const asked: string[] = [];
  const server: Server = createServer((request, response) => {
    const path = request.url ?? '/';
    asked.push(path);
    if (path.endsWith('/SHASUMS256.txt')) {
      const sum = createHash('sha256').update(zip).digest('hex');
      const name =
        asked
          .find((p) => p.endsWith('.zip'))
          ?.split('/')
          .pop() ?? `electron-v0-${process.platform}-${process.arch}.zip`;
      response.end(
        `${sum} *${name}\n${sum} *electron-v${path.split('/v')[1]?.split('/')[0]}-${process.platform}-${process.arch}.zip\n`,
      );
    } else if (path.endsWith('.zip')) {
      response.end(zip);
    } else {
      response.statusCode = 404;
      response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => server.close());
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, asked };
}

describe('fetchElectronBinary', () => {
  it.skipIf(process.platform !== 'linux')(
    'downloads, checks and unpacks the binary where the download works, and finds it after',
    async () => {
      const packageDir = electronPackageCopy();
      expect(electronBinary(packageDir, {})).toBeNull();
      const site = await mirror(standInZip(tempDir('electron-zip-')));
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        ELECTRON_MIRROR: site.url,
        electron_use_remote_checksums: '1',
        electron_config_cache: tempDir('electron-cache-'),
        ELECTRON_OVERRIDE_DIST_PATH: '',
      };
      delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
      const outcome = await fetchElectronBinary({ packageDir, env });
      expect(outcome).toEqual({ ok: true });
      expect(site.asked.some((path) => path.endsWith(`-${process.platform}-${process.arch}.zip`))).toBe(true);
      const binary = electronBinary(packageDir, {});
      expect(binary).toBe(join(packageDir, 'dist', 'electron'));
      expect(spawnSync(binary ?? '', ['a', 'b'], { encoding: 'utf8' }).stdout).toBe(
        'stand-in electron a b\n',
      );
    },
  );

  it('says in one line why, when the download fails', async () => {
    const packageDir = electronPackageCopy();
    const site = await mirror(Buffer.from('not a zip at all'));
    const outcome = await fetchElectronBinary({
      packageDir,
      env: {
        ...process.env,
        ELECTRON_MIRROR: site.url,
        electron_config_cache: tempDir('electron-cache-'),
        ELECTRON_OVERRIDE_DIST_PATH: '',
      },
    });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    // The checksum of what was served does not match Electron's own list.
    expect(outcome.reason).not.toContain('\n');
    expect(outcome.reason).toMatch(/checksum|sha/i);
    expect(existsSync(join(packageDir, 'path.txt'))).toBe(false);
  });

  it('names the network error when no server answers', async () => {
    const outcome = await fetchElectronBinary({
      packageDir: electronPackageCopy(),
      env: {
        ...process.env,
        ELECTRON_MIRROR: `http://127.0.0.1:${await closedPort()}/`,
        electron_config_cache: tempDir('electron-cache-'),
        ELECTRON_OVERRIDE_DIST_PATH: '',
      },
    });
    expect(outcome).toEqual({ ok: false, reason: expect.stringMatching(/^fetch failed: .*ECONNREFUSED/) });
  });

  it('says so when the electron package is not installed at all', async () => {
    expect(await fetchElectronBinary({ packageDir: null })).toEqual({
      ok: false,
      reason: 'the electron package is not installed',
    });
  });
});

describe('electronBinary', () => {
  it('reads path.txt as Electron’s own index.js does, and honours ELECTRON_OVERRIDE_DIST_PATH', () => {
    const packageDir = tempDir('electron-pkg-');
    expect(electronBinary(packageDir, {})).toBeNull();
    writeFileSync(join(packageDir, 'path.txt'), 'electron');
    expect(electronBinary(packageDir, {})).toBeNull(); // path.txt without the binary
    mkdirSync(join(packageDir, 'dist'));
    writeFileSync(join(packageDir, 'dist', 'electron'), '');
    expect(electronBinary(packageDir, {})).toBe(join(packageDir, 'dist', 'electron'));
    const elsewhere = tempDir('electron-dist-');
    expect(electronBinary(packageDir, { ELECTRON_OVERRIDE_DIST_PATH: elsewhere })).toBeNull();
    writeFileSync(join(elsewhere, 'electron'), '');
    expect(electronBinary(packageDir, { ELECTRON_OVERRIDE_DIST_PATH: elsewhere })).toBe(
      join(elsewhere, 'electron'),
    );
  });
});
