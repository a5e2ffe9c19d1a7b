import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { moveLegacyDataDir, resolveDataDir } from './data-dir';

const linux = { os: 'linux' as const, home: '/home/ada' };

describe('resolveDataDir', () => {
  it('takes FLOWLOOP_DATA_DIR first, on every platform', () => {
    for (const os of ['linux', 'darwin', 'win32'] as const) {
      expect(
        resolveDataDir(
          { FLOWLOOP_DATA_DIR: '/tmp/fl', XDG_DATA_HOME: '/xdg', APPDATA: 'C:\\AD' },
          { os, home: '/h' },
        ),
      ).toBe('/tmp/fl');
    }
  });

  it('on Linux and other Unix: XDG_DATA_HOME, else ~/.local/share', () => {
    expect(resolveDataDir({ XDG_DATA_HOME: '/xdg' }, linux)).toBe('/xdg/flowloop');
    expect(resolveDataDir({ XDG_DATA_HOME: '' }, linux)).toBe('/home/ada/.local/share/flowloop');
    expect(resolveDataDir({}, { os: 'freebsd', home: '/usr/home/ada' })).toBe(
      '/usr/home/ada/.local/share/flowloop',
    );
  });

  it('on macOS: ~/Library/Application Support/Flowloop, whatever XDG says', () => {
    expect(resolveDataDir({ XDG_DATA_HOME: '/xdg' }, { os: 'darwin', home: '/Users/ada' })).toBe(
      '/Users/ada/Library/Application Support/Flowloop',
    );
  });

  it('on Windows: %APPDATA%\\Flowloop, else the roaming folder under the profile', () => {
    expect(
      resolveDataDir(
        { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' },
        { os: 'win32', home: 'C:\\Users\\ada' },
      ),
    ).toBe('C:\\Users\\ada\\AppData\\Roaming\\Flowloop');
    expect(resolveDataDir({}, { os: 'win32', home: 'C:\\Users\\ada' })).toBe(
      'C:\\Users\\ada\\AppData\\Roaming\\Flowloop',
    );
  });
});

describe('moveLegacyDataDir', () => {
  const homes: string[] = [];
  afterEach(() => {
    for (const home of homes.splice(0)) rmSync(home, { recursive: true, force: true });
  });
  const homeWithLegacyData = (): string => {
    const home = mkdtempSync(join(tmpdir(), 'flowloop-home-'));
    homes.push(home);
    mkdirSync(join(home, '.local', 'share', 'flowloop', 'run-history'), { recursive: true });
    writeFileSync(join(home, '.local', 'share', 'flowloop', 'recent.json'), '["/a.flow.json"]');
    return home;
  };

  it('moves the old folder to the platform’s place once, on macOS', () => {
    const home = homeWithLegacyData();
    const mac = { os: 'darwin' as const, home };
    expect(moveLegacyDataDir({}, mac)).toBe(join(home, '.local', 'share', 'flowloop'));
    const current = resolveDataDir({}, mac);
    expect(readFileSync(join(current, 'recent.json'), 'utf8')).toBe('["/a.flow.json"]');
    expect(existsSync(join(current, 'run-history'))).toBe(true);
    expect(moveLegacyDataDir({}, mac)).toBeNull();
  });

  it('leaves both alone when the platform’s folder already exists, on Linux, and with FLOWLOOP_DATA_DIR', () => {
    const home = homeWithLegacyData();
    const mac = { os: 'darwin' as const, home };
    mkdirSync(resolveDataDir({}, mac), { recursive: true });
    expect(moveLegacyDataDir({}, mac)).toBeNull();
    expect(existsSync(join(home, '.local', 'share', 'flowloop', 'recent.json'))).toBe(true);
    expect(moveLegacyDataDir({}, { os: 'linux', home })).toBeNull();
    expect(
      moveLegacyDataDir({ FLOWLOOP_DATA_DIR: join(home, 'x') }, { os: 'darwin', home: join(home, 'other') }),
    ).toBeNull();
  });
});
