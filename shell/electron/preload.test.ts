/**
 * shell/electron/preload.ts, bundled with `electron` replaced by the recording stand-in: it exposes
 * exactly window.flowloop (request, onEvent, setDirty, pathForFile) and speaks the IPC channels main
 * expects.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostApi, AppEvent } from '../../shared/protocol/messages';
import type { DesktopExtras } from './ipc-channels';
import type { preloadFake as fakePreload } from '../../test/electron/fake-electron';
import { loadWithFakeElectron } from '../../test/electron/load-with-fake-electron';

const root = fileURLToPath(new URL('../..', import.meta.url));
let out = '';
let fake: typeof fakePreload;
let api: HostApi & DesktopExtras;

beforeAll(async () => {
  mkdirSync(join(root, 'dist'), { recursive: true });
  out = mkdtempSync(join(root, 'dist', 'preload-test-'));
  await loadWithFakeElectron(join(root, 'shell', 'electron', 'preload.ts'), join(out, 'preload.mjs'));
  fake = (globalThis as unknown as { __fakePreload: typeof fakePreload }).__fakePreload;
  api = fake.exposed.get('flowloop') as HostApi & DesktopExtras;
});

afterAll(() => {
  if (out !== '') rmSync(out, { recursive: true, force: true });
});

describe('preload', () => {
  it('exposes window.flowloop with request, onEvent, setDirty and pathForFile, and nothing else', () => {
    expect([...fake.exposed.keys()]).toEqual(['flowloop']);
    expect(Object.keys(api).sort()).toEqual(['onEvent', 'pathForFile', 'request', 'setDirty']);
  });

  it("gives a dropped file's path through webUtils, and '' for one not on disk", () => {
    expect(api.pathForFile({ path: '/home/a/w.flow.json' } as unknown as File)).toBe('/home/a/w.flow.json');
    expect(api.pathForFile({} as unknown as File)).toBe('');
  });

  it('sends requests on flowloop:request and turns refusals into rejections', async () => {
    fake.invokeReply = () => ({ ok: true, response: { paths: ['/a.flow.json'] } });
    await expect(api.request({ type: 'file.recent' })).resolves.toEqual({ paths: ['/a.flow.json'] });
    expect(fake.invoked.at(-1)).toEqual({ channel: 'flowloop:request', payload: { type: 'file.recent' } });
    fake.invokeReply = () => ({ ok: false, error: { message: 'refused: no' } });
    await expect(api.request({ type: 'app.info' })).rejects.toThrow('refused: no');
  });

  it('delivers host events to subscribers until they unsubscribe, despite a failing listener', () => {
    const seen: AppEvent[] = [];
    const broken = api.onEvent(() => {
      throw new Error('listener bug');
    });
    const unsubscribe = api.onEvent((event) => seen.push(event));
    const deliver = fake.rendererListeners.get('flowloop:event');
    const originalError = console.error;
    console.error = () => undefined;
    try {
      deliver?.({}, { type: 'menu.command', command: 'run.run' });
      unsubscribe();
      deliver?.({}, { type: 'menu.command', command: 'run.stop' });
    } finally {
      console.error = originalError;
      broken();
    }
    expect(seen).toEqual([{ type: 'menu.command', command: 'run.run' }]);
  });

  it('reports the dirty state on flowloop:dirty as a strict boolean', () => {
    api.setDirty(true);
    api.setDirty('yes' as unknown as boolean);
    expect(fake.sentToMain).toEqual([
      { channel: 'flowloop:dirty', payload: { dirty: true } },
      { channel: 'flowloop:dirty', payload: { dirty: false } },
    ]);
  });
});
