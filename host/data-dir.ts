/**
 * The one folder where Flowloop keeps its own files (recent list, autosaves, run history, the
 * window's place): the desktop app makes it Electron's userData, and the browser mode and the
 * command line use the same folder, so that all three share one history. FLOWLOOP_DATA_DIR
 * overrides it (tests, portable setups); otherwise it follows the platform's convention:
 *   Linux and other Unix  $XDG_DATA_HOME/flowloop, else ~/.local/share/flowloop
 *   macOS                 ~/Library/Application Support/Flowloop
 *   Windows               %APPDATA%\Flowloop, else ~\AppData\Roaming\Flowloop
 */
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, posix, win32 } from 'node:path';

export interface Platform {
  os: NodeJS.Platform;
  home: string;
}

const thisPlatform = (): Platform => ({ os: process.platform, home: homedir() });

export function resolveDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: Platform = thisPlatform(),
): string {
  const explicit = env.FLOWLOOP_DATA_DIR;
  if (explicit !== undefined && explicit !== '') return explicit;
  const { os, home } = platform;
  if (os === 'win32') {
    const appData =
      env.APPDATA !== undefined && env.APPDATA !== '' ? env.APPDATA : win32.join(home, 'AppData', 'Roaming');
    return win32.join(appData, 'Flowloop');
  }
  if (os === 'darwin') return posix.join(home, 'Library', 'Application Support', 'Flowloop');
  return xdgDataDir(env, home);
}

function xdgDataDir(env: NodeJS.ProcessEnv, home: string): string {
  const xdg = env.XDG_DATA_HOME;
  return posix.join(xdg !== undefined && xdg !== '' ? xdg : posix.join(home, '.local', 'share'), 'flowloop');
}

/**
 * Before 0.2 every platform used the Linux folder. On macOS and Windows, a data folder found
 * there and none at the platform's place is moved over, once, so that no history is left behind.
 * Returns the folder moved from, or null. A failure to move is not fatal: the app starts empty.
 */
export function moveLegacyDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: Platform = thisPlatform(),
): string | null {
  if (platform.os === 'linux' || (env.FLOWLOOP_DATA_DIR ?? '') !== '') return null;
  const legacy = xdgDataDir(env, platform.home);
  const current = resolveDataDir(env, platform);
  if (legacy === current || !existsSync(legacy) || existsSync(current)) return null;
  try {
    mkdirSync(dirname(current), { recursive: true });
    renameSync(legacy, current);
    return legacy;
  } catch {
    return null;
  }
}
