/**
 * The app's entry (dist/electron/main.js): the command line when the launch asks for it (see
 * cli-dispatch.ts), otherwise the desktop window (main.ts, bundled as dist/electron/desktop.js).
 * It imports neither statically, so that the command line never loads Electron's modules: under
 * ELECTRON_RUN_AS_NODE (the Linux launcher, build/linux/flowloop-launcher.sh) there are none.
 */
import { cliArgs } from './cli-dispatch';

const kind = process as unknown as { type?: string; defaultApp?: boolean };
const args = cliArgs(process.argv, { type: kind.type, defaultApp: kind.defaultApp });
// Paths computed at run time, so that esbuild leaves these bundles apart.
const sibling = (path: string): string => new URL(path, import.meta.url).href;

if (args === null) {
  await import(sibling('./desktop.js'));
} else {
  const { main } = (await import(sibling('../cli/flowloop.js'))) as typeof import('../../cli/main');
  const status = await main(args);
  // Electron's main process does not end when its work is done: exit, once the output is out.
  await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
  await new Promise<void>((resolve) => process.stderr.write('', () => resolve()));
  process.exit(status);
}
