import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLaunchArgs } from './launch-args';

describe('parseLaunchArgs', () => {
  it('finds the workflow after the main script (npm start FILE) and resolves it', () => {
    expect(
      parseLaunchArgs(['/opt/electron', '/repo/dist/electron/main.js', 'flows/a.flow.json'], '/home/ada'),
    ).toEqual({
      file: resolve('/home/ada', 'flows/a.flow.json'),
      clock: { kind: 'real' },
    });
  });

  it('takes a packaged app argv (the OS passing a double-clicked file) and --clock', () => {
    expect(
      parseLaunchArgs(['/opt/Flowloop/flowloop', '--clock', 'virtual', '/tmp/x.flow.json'], '/'),
    ).toEqual({
      file: '/tmp/x.flow.json',
      clock: { kind: 'virtual' },
    });
    expect(parseLaunchArgs(['/opt/Flowloop/flowloop', '--clock=virtual'], '/').clock).toEqual({
      kind: 'virtual',
    });
  });

  it('skips Chromium switches that a second instance receives, and non-workflow arguments', () => {
    const argv = [
      '/opt/Flowloop/flowloop',
      '--allow-file-access-from-files',
      '--original-process-start-time=1',
      'README.md',
      'b.flow.json',
    ];
    expect(parseLaunchArgs(argv, '/work')).toEqual({
      file: resolve('/work', 'b.flow.json'),
      clock: { kind: 'real' },
    });
    expect(parseLaunchArgs(['/opt/Flowloop/flowloop'], '/work').file).toBeNull();
  });
});
