import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CLI_COMMANDS, cliArgs, userArgs } from './cli-dispatch';

const electronMain = { type: 'browser', defaultApp: undefined };
const electronDev = { type: 'browser', defaultApp: true };
const node = { type: undefined, defaultApp: undefined };

describe('cliArgs', () => {
  it('in the packaged app (argv has no script): the command line for its commands, the window otherwise', () => {
    expect(cliArgs(['/opt/Flowloop/flowloop', 'run', 'a.flow.json', '--json'], electronMain)).toEqual([
      'run',
      'a.flow.json',
      '--json',
    ]);
    expect(cliArgs(['/opt/Flowloop/flowloop', '--version'], electronMain)).toEqual(['--version']);
    expect(cliArgs(['/opt/Flowloop/flowloop'], electronMain)).toBeNull();
    expect(cliArgs(['/opt/Flowloop/flowloop', 'a.flow.json'], electronMain)).toBeNull();
    expect(cliArgs(['/opt/Flowloop/flowloop', '--no-sandbox', 'run'], electronMain)).toBeNull();
  });

  it('under `electron dist/electron/main.js` and ELECTRON_RUN_AS_NODE (argv has the script): the same choice', () => {
    for (const kind of [electronDev, node]) {
      expect(cliArgs(['electron', 'dist/electron/main.js', 'validate', '-'], kind)).toEqual([
        'validate',
        '-',
      ]);
      expect(cliArgs(['electron', 'dist/electron/main.js', 'examples/race.flow.json'], kind)).toBeNull();
      expect(userArgs(['electron', 'dist/electron/main.js', 'x'], kind)).toEqual(['x']);
    }
  });

  it('has the same commands as the Linux launcher', () => {
    const launcher = readFileSync(
      fileURLToPath(new URL('../../build/linux/flowloop-launcher.sh', import.meta.url)),
      'utf8',
    );
    const pattern = /^\s*([-\w]+(?:\s*\|\s*[-\w]+)*)\)$/m.exec(launcher);
    expect(pattern?.[1]?.split('|').map((word) => word.trim())).toEqual([...CLI_COMMANDS]);
  });
});
