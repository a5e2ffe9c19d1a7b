import { describe, it, expect } from 'vitest';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { resolveDataDir } from './data-dir';

describe('resolveDataDir', () => {
  it('takes FLOWLOOP_DATA_DIR first, then XDG_DATA_HOME, then ~/.local/share', () => {
    expect(resolveDataDir({ FLOWLOOP_DATA_DIR: '/tmp/fl', XDG_DATA_HOME: '/xdg' })).toBe('/tmp/fl');
    expect(resolveDataDir({ XDG_DATA_HOME: '/xdg' })).toBe('/xdg/flowloop');
    expect(resolveDataDir({ XDG_DATA_HOME: '' })).toBe(join(homedir(), '.local', 'share', 'flowloop'));
    expect(resolveDataDir({})).toBe(join(homedir(), '.local', 'share', 'flowloop'));
  });
});
