import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_SIZE,
  MIN_SIZE,
  WINDOW_STATE_FILE,
  loadWindowState,
  placeWindow,
  saveWindowState,
} from './window-state';

const dirs: string[] = [];
function stateFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'flowloop-window-state-'));
  dirs.push(dir);
  return join(dir, WINDOW_STATE_FILE);
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const laptop = { x: 0, y: 0, width: 1440, height: 900 };
const rightMonitor = { x: 1440, y: 0, width: 2560, height: 1440 };

describe('window state file', () => {
  it('round-trips bounds and maximized, leaving no temporary file behind', async () => {
    const file = stateFile();
    await saveWindowState(file, { bounds: { x: 1500, y: 40, width: 1600, height: 1000 }, maximized: true });
    expect(await loadWindowState(file)).toEqual({
      bounds: { x: 1500, y: 40, width: 1600, height: 1000 },
      maximized: true,
    });
    expect(readdirSync(join(file, '..'))).toEqual([WINDOW_STATE_FILE]);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ maximized: true });
  });

  it('falls back to defaults when the file is missing, not JSON, or malformed', async () => {
    const file = stateFile();
    expect(await loadWindowState(file)).toEqual({ bounds: null, maximized: false });
    writeFileSync(file, '{ not json');
    expect(await loadWindowState(file)).toEqual({ bounds: null, maximized: false });
    writeFileSync(
      file,
      JSON.stringify({ bounds: { x: 0, y: 0, width: -5, height: 'tall' }, maximized: false }),
    );
    expect(await loadWindowState(file)).toEqual({ bounds: null, maximized: false });
  });
});

describe('placeWindow', () => {
  it('opens at the default size, fitted to the primary display, the first time', () => {
    expect(placeWindow(null, [laptop])).toEqual(DEFAULT_SIZE);
    expect(placeWindow(null, [{ x: 0, y: 0, width: 1024, height: 700 }])).toEqual({
      width: 1024,
      height: 700,
    });
  });

  it('keeps saved bounds on a display that is still there', () => {
    const saved = { x: 1600, y: 100, width: 1800, height: 1100 };
    expect(placeWindow(saved, [laptop, rightMonitor])).toEqual(saved);
  });

  it('centres the window on the primary display when its monitor was removed', () => {
    const saved = { x: 1600, y: 100, width: 1800, height: 1100 };
    expect(placeWindow(saved, [laptop])).toEqual({ x: 0, y: 0, width: 1440, height: 900 });
    const small = { x: 3000, y: 200, width: 800, height: 600 };
    expect(placeWindow(small, [laptop])).toEqual({ x: 320, y: 150, width: 800, height: 600 });
  });

  it('pulls a window whose title bar hangs off the edge back onto its display and enforces the minimum size', () => {
    expect(placeWindow({ x: 1300, y: -10, width: 300, height: 200 }, [laptop])).toEqual({
      x: 800,
      y: 0,
      width: MIN_SIZE.width,
      height: MIN_SIZE.height,
    });
  });

  it('treats a title bar that is above every display as lost', () => {
    expect(placeWindow({ x: 100, y: -2000, width: 800, height: 600 }, [laptop])).toEqual({
      x: 320,
      y: 150,
      width: 800,
      height: 600,
    });
  });
});
