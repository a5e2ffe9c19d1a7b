/**
 * Which launches of the app's own executable are the command line. The installed app's
 * `flowloop run|validate|export|web FILE`, `--help` and `--version` run the command line without
 * opening a window, as VS Code's `code` does; anything else (nothing, a file to open, Chromium's
 * switches) opens the window. Pure, so that the choice can be tested without Electron.
 */

/** The first arguments that mean the command line (build/linux/flowloop-launcher.sh lists the same). */
export const CLI_COMMANDS: readonly string[] = [
  'run',
  'validate',
  'export',
  'web',
  '--help',
  '-h',
  '--version',
];

export interface ProcessKind {
  /** `process.type`: 'browser' in Electron's main process; undefined in Node (and under ELECTRON_RUN_AS_NODE). */
  type: string | undefined;
  /** `process.defaultApp`: true when Electron runs an app folder or script named on its command line. */
  defaultApp: boolean | undefined;
}

/** The arguments the user typed: a packaged app's argv has no script path after the executable. */
export function userArgs(argv: readonly string[], kind: ProcessKind): string[] {
  const packagedApp = kind.type === 'browser' && kind.defaultApp !== true;
  return argv.slice(packagedApp ? 1 : 2);
}

/** The command line's arguments when this launch is one, else null (open the window). */
export function cliArgs(argv: readonly string[], kind: ProcessKind): string[] | null {
  const args = userArgs(argv, kind);
  return args.length > 0 && CLI_COMMANDS.includes(args[0] ?? '') ? args : null;
}
