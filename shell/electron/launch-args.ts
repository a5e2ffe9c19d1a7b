/**
 * What the desktop app was asked to open: `npm start [FILE] [--clock real|virtual]`, a file
 * double-clicked in the OS (argv on Windows and Linux), or a second instance's argv. Pure.
 */
import { isAbsolute, resolve } from 'node:path';
import type { ClockMode } from '../../shared/protocol/messages';

export interface LaunchRequest {
  file: string | null;
  clock: ClockMode;
}

/**
 * `argv` is the whole process argv (Electron binary first; in development the main script
 * second). Chromium and Electron switches (`--foo`, `--foo=bar`) are skipped; the first remaining
 * argument that names a .json file is the workflow, resolved against `cwd`.
 */
export function parseLaunchArgs(argv: readonly string[], cwd: string): LaunchRequest {
  let file: string | null = null;
  let clock: ClockMode = { kind: 'real' };
  const args = argv.slice(1);
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? '';
    if (arg === '--clock') {
      const value = args[index + 1];
      if (value === 'virtual' || value === 'real') clock = { kind: value };
      index += 1;
      continue;
    }
    if (arg.startsWith('--clock=')) {
      const value = arg.slice('--clock='.length);
      if (value === 'virtual' || value === 'real') clock = { kind: value };
      continue;
    }
    if (arg.startsWith('-')) continue;
    if (file === null && /\.json$/i.test(arg) && !/[\\/]dist[\\/]electron[\\/]main\.js$/.test(arg)) {
      file = isAbsolute(arg) ? arg : resolve(cwd, arg);
    }
  }
  return { file, clock };
}
