/** The desktop build and packaging configuration, checked offline. */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);

function pngSize(path: string): { width: number; height: number } {
  const bytes = readFileSync(path);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('scripts/build-host.mjs', () => {
  it('bundles the entry, the desktop shell and the command line as ES modules, and the preload as CommonJS that loads nothing but electron', () => {
    const out = mkdtempSync(join(tmpdir(), 'flowloop-build-host-'));
    try {
      const result = spawnSync(process.execPath, [join(root, 'scripts', 'build-host.mjs'), '--outdir', out], {
        cwd: root,
        encoding: 'utf8',
      });
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      const preload = readFileSync(join(out, 'electron', 'preload.js'), 'utf8');
      expect([...preload.matchAll(/require\("([^"]+)"\)/g)].map((match) => match[1])).toEqual(['electron']);
      expect(preload).not.toMatch(/^\s*(import|export)\s/m);
      expect(preload).toContain('exposeInMainWorld("flowloop"');
      const desktop = readFileSync(join(out, 'electron', 'desktop.js'), 'utf8');
      expect(desktop).toMatch(/^import \{[^}]*\bBrowserWindow\b[^}]*\} from "electron";$/m);
      // The entry and the command line never load Electron's modules (ELECTRON_RUN_AS_NODE has none).
      const cli = readdirSync(join(out, 'cli')).filter((name) => name.endsWith('.js'));
      for (const file of [join(out, 'electron', 'main.js'), ...cli.map((name) => join(out, 'cli', name))]) {
        expect(readFileSync(file, 'utf8'), file).not.toMatch(/from "electron"|require\("electron"\)/);
      }
      // npm packages are bundled in, but for the one that loads its WebAssembly at run time.
      const imported = new Set(
        cli.flatMap((name) =>
          [
            ...readFileSync(join(out, 'cli', name), 'utf8').matchAll(/^import [^;]*?from "([^".][^"]*)";$/gm),
          ].map((m) => m[1]),
        ),
      );
      expect([...imported].filter((name) => !name?.startsWith('node:'))).toEqual(['quickjs-emscripten']);
      expect(JSON.parse(readFileSync(join(out, 'cli', 'inputs.json'), 'utf8'))).toContain('cli/main.ts');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe('the deb’s /usr/bin/flowloop (build/linux/flowloop-launcher.sh)', () => {
  /**
   * The installed layout, with Node standing in for the app's executable: under
   * ELECTRON_RUN_AS_NODE, Electron runs a script as Node does. Without it the stand-in records
   * that the window was asked for. app.asar is the repository itself (a folder, not an archive).
   */
  function installedLayout(dir: string): { command: string; windowArgs: () => string | null } {
    const app = join(dir, 'opt', 'Flowloop');
    const record = join(dir, 'window-args.txt');
    mkdirSync(join(app, 'resources', 'bin'), { recursive: true });
    writeFileSync(
      join(app, 'flowloop'),
      `#!/bin/sh\nif [ "$ELECTRON_RUN_AS_NODE" = 1 ]; then exec '${process.execPath}' "$@"; fi\nprintf '%s ' "$@" > '${record}'\n`,
    );
    chmodSync(join(app, 'flowloop'), 0o755);
    copyFileSync(
      join(root, 'build', 'linux', 'flowloop-launcher.sh'),
      join(app, 'resources', 'bin', 'flowloop'),
    );
    chmodSync(join(app, 'resources', 'bin', 'flowloop'), 0o755);
    symlinkSync(root, join(app, 'resources', 'app.asar'));
    mkdirSync(join(dir, 'usr', 'bin'), { recursive: true });
    symlinkSync(join(app, 'resources', 'bin', 'flowloop'), join(dir, 'usr', 'bin', 'flowloop'));
    return {
      command: join(dir, 'usr', 'bin', 'flowloop'),
      windowArgs: () => (existsSync(record) ? readFileSync(record, 'utf8') : null),
    };
  }

  it.skipIf(process.platform === 'win32')(
    'runs run/validate/--version as the command line with no window, and opens the window otherwise',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'flowloop-deb-layout-'));
      try {
        const { command, windowArgs } = installedLayout(dir);
        const fixture = join(root, 'test', 'fixtures', 'cli', 'sleeps.flow.json');
        const run = spawnSync(command, ['run', fixture, '--clock', 'virtual', '--json'], {
          encoding: 'utf8',
        });
        expect(run.status).toBe(0);
        expect(JSON.parse(run.stdout)).toMatchObject({ status: 'done', result: ['q', 's'] });
        const validate = spawnSync(command, ['validate', '-'], {
          encoding: 'utf8',
          input: readFileSync(fixture),
        });
        expect(validate.stdout).toBe('<stdin>: ok\n');
        const version = spawnSync(command, ['--version'], { encoding: 'utf8' });
        expect(version.stdout).toBe(
          `flowloop ${(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version}\n`,
        );
        expect(windowArgs()).toBeNull();
        const open = spawnSync(command, [fixture], { encoding: 'utf8' });
        expect(open.status).toBe(0);
        expect(windowArgs()).toBe(`${fixture} `);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it('is what after-install.sh registers as /usr/bin/flowloop, and after-remove.sh removes', () => {
    const install = readFileSync(join(root, 'build', 'linux', 'after-install.sh'), 'utf8');
    const remove = readFileSync(join(root, 'build', 'linux', 'after-remove.sh'), 'utf8');
    const launcher = "'/opt/${sanitizedProductName}/resources/bin/${executable}'";
    expect(install).toContain(
      `update-alternatives --install '/usr/bin/\${executable}' '\${executable}' ${launcher} 100`,
    );
    expect(remove).toContain(`update-alternatives --remove '\${executable}' ${launcher}`);
    expect(spawnSync('bash', ['-n', join(root, 'build', 'linux', 'after-install.sh')]).status).toBe(0);
  });
});

describe('npm install -g', () => {
  it('of the packed package gives a working `flowloop` that needs no build and no dev dependency', () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowloop-global-'));
    try {
      // dist/ is built by `npm test` before the tests; --ignore-scripts keeps `prepare` from building it again.
      const packed = spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], {
        cwd: root,
        encoding: 'utf8',
      });
      expect(packed.status, packed.stderr).toBe(0);
      const [tarball] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
      const files = tarball?.files.map((file) => file.path) ?? [];
      expect(files).toContain('dist/cli/flowloop.js');
      expect(files).toContain('dist/renderer/index.html');
      expect(
        files.filter(
          (path) => /^(host|cli|shell|shared|renderer|scripts|test)\//.test(path) || path.endsWith('.map'),
        ),
      ).toEqual([]);
      // From npm's cache where it can (the install of this checkout filled it), else the npm registry.
      const prefix = join(dir, 'prefix');
      const installed = spawnSync(
        'npm',
        [
          'install',
          '-g',
          '--prefix',
          prefix,
          '--prefer-offline',
          '--no-audit',
          '--no-fund',
          join(dir, tarball?.filename ?? ''),
        ],
        { encoding: 'utf8' },
      );
      expect(installed.status, installed.stderr).toBe(0);
      const flowloop = join(prefix, process.platform === 'win32' ? 'flowloop.cmd' : join('bin', 'flowloop'));
      const run = spawnSync(
        flowloop,
        ['run', join(root, 'examples', 'race.flow.json'), '--clock', 'virtual', '--json'],
        { cwd: dir, encoding: 'utf8' },
      );
      expect(run.stderr).toBe('');
      expect(JSON.parse(run.stdout)).toMatchObject({ status: 'done', result: 'us' });
      const exported = spawnSync(
        flowloop,
        ['export', join(root, 'examples', 'race.flow.json'), '--to', 'python'],
        { cwd: dir, encoding: 'utf8' },
      );
      expect(exported.stdout).toContain('import asyncio');
      const modules = readdirSync(join(prefix, 'lib', 'node_modules', 'flowloop', 'node_modules'));
      expect(modules).not.toContain('electron');
      expect(modules).not.toContain('react');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('electron-builder configuration', () => {
  it('passes electron-builder’s own schema validation', async () => {
    const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      getConfig: (
        projectDir: string,
        configPath: string | null,
        fromOptions: null,
      ) => Promise<Record<string, unknown>>;
      validateConfiguration: (config: Record<string, unknown>, logger: unknown) => Promise<void>;
    };
    const { DebugLogger } = require('builder-util/out/DebugLogger') as {
      DebugLogger: new (enabled: boolean) => unknown;
    };
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
      expect(pngSize(join(root, 'build', 'icons', `${size}x${size}.png`))).toEqual({
        width: size,
        height: size,
      });
    }
    expect(pngSize(join(root, 'build', 'icon.png'))).toEqual({ width: 1024, height: 1024 });
    expect(readFileSync(join(root, 'build', 'icon.ico')).readUInt16LE(2)).toBe(1); // ICO type
    const desktop = readFileSync(join(root, 'build', 'linux', 'flowloop.desktop'), 'utf8');
    expect(desktop).toMatch(/^MimeType=application\/x-flowloop-graph\+json;$/m);
    expect(readFileSync(join(root, 'build', 'linux', 'flowloop-mime.xml'), 'utf8')).toContain(
      '<glob pattern="*.flow.json"',
    );
  });
});
