/**
 * The open file's watcher, on real files in a temporary folder: another program's write, atomic
 * rename (as editors save) and deletion are each reported once; the app's own save, a rewrite with
 * the same text and a file nobody watches are not. Then the same through the host service's
 * file.watch and file.save, as a page uses them.
 */
import { mkdtemp, rename, rm, unlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HostEvent } from '../shared/protocol/messages';
import { writeFileAtomic } from './atomic-write';
import { FileWatch, type DiskChange } from './file-watch';
import { createHostService, type HostService } from './host-service';

const SETTLE_MS = 40;
/** Long enough for the folder watch and the settle delay, with room for a busy 2-core machine. */
const QUIET_MS = 600;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await sleep(10);
  }
}

const workflow = (name: string) =>
  `${JSON.stringify({ format: 'flowloop.graph/2', name, nodes: [], edges: [] }, null, 2)}\n`;

let dir = '';
let file = '';
let seen: { path: string; change: DiskChange }[] = [];
let watcher: FileWatch;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'flowloop-watch-'));
  file = join(dir, 'open.flow.json');
  await writeFile(file, workflow('first'));
  seen = [];
  // No poll: the folder watch alone must see every change here (the poll is the fallback).
  watcher = new FileWatch((path, change) => seen.push({ path, change }), { settleMs: SETTLE_MS, pollMs: 0 });
});

afterEach(async () => {
  watcher.close();
  await rm(dir, { recursive: true, force: true });
});

describe('FileWatch', () => {
  it('reports another program’s write once', async () => {
    await watcher.watch('page', file);
    await writeFile(file, workflow('second'));
    await until(() => seen.length > 0);
    await sleep(QUIET_MS);
    expect(seen).toEqual([{ path: file, change: 'changed' }]);
  });

  it('reports an atomic rename over the file (how editors save) exactly once, and keeps watching the new file', async () => {
    await watcher.watch('page', file);
    const temporary = join(dir, '.open.flow.json.swp');
    await writeFile(temporary, workflow('renamed in'));
    await rename(temporary, file);
    await until(() => seen.length > 0);
    await sleep(QUIET_MS);
    expect(seen).toEqual([{ path: file, change: 'changed' }]);
    // The file that replaced the original is the one watched now.
    await writeFile(file, workflow('third'));
    await until(() => seen.length > 1);
    await sleep(QUIET_MS);
    expect(seen).toEqual([
      { path: file, change: 'changed' },
      { path: file, change: 'changed' },
    ]);
  });

  it('does not report the app’s own save, atomic as it is, nor a second save of the same text', async () => {
    await watcher.watch('page', file);
    await watcher.ownWrite(file, workflow('saved by the app'), () =>
      writeFileAtomic(file, workflow('saved by the app')),
    );
    await sleep(QUIET_MS);
    expect(seen).toEqual([]);
    // Someone writing what the file already holds changes nothing either (a touch, a no-op save).
    await writeFile(file, workflow('saved by the app'));
    const now = new Date();
    await utimes(file, now, now);
    await sleep(QUIET_MS);
    expect(seen).toEqual([]);
    // But the next change by someone else is seen.
    await writeFile(file, workflow('theirs'));
    await until(() => seen.length > 0);
    expect(seen).toEqual([{ path: file, change: 'changed' }]);
  });

  it('reports a deleted file, then its return', async () => {
    await watcher.watch('page', file);
    await unlink(file);
    await until(() => seen.length > 0);
    await sleep(QUIET_MS);
    expect(seen).toEqual([{ path: file, change: 'deleted' }]);
    await writeFile(file, workflow('first'));
    await until(() => seen.length > 1);
    expect(seen.at(-1)).toEqual({ path: file, change: 'changed' });
  });

  it('ignores other files in the folder, and files no page has open any more', async () => {
    await watcher.watch('page', file);
    await writeFile(join(dir, 'other.flow.json'), workflow('other'));
    await sleep(QUIET_MS);
    expect(seen).toEqual([]);
    await watcher.watch('page', null);
    expect(watcher.watchedPaths()).toEqual([]);
    await writeFile(file, workflow('unwatched'));
    await sleep(QUIET_MS);
    expect(seen).toEqual([]);
  });

  it('keeps a file watched while any page has it open, and forgets the oldest pages past its limit', async () => {
    const small = new FileWatch(() => undefined, { settleMs: SETTLE_MS, pollMs: 0, maxWatchers: 2 });
    try {
      const other = join(dir, 'other.flow.json');
      await writeFile(other, workflow('other'));
      await small.watch('a', file);
      await small.watch('b', file);
      await small.watch('a', other);
      expect(small.watchedPaths().sort()).toEqual([file, other].sort());
      await small.watch('c', other); // 'b' is the oldest: forgotten, and with it the last watch of `file`
      expect(small.watchedPaths()).toEqual([other]);
    } finally {
      small.close();
    }
  });

  it('sees changes by polling where the folder watch misses them', async () => {
    const polled: DiskChange[] = [];
    const polling = new FileWatch((_path, change) => polled.push(change), {
      settleMs: SETTLE_MS,
      pollMs: 50,
    });
    try {
      await polling.watch('page', file);
      // Stand in for a missed folder event: the poll alone finds the new size and time.
      (polling as unknown as { files: Map<string, { folderWatch: { close(): void } | null }> }).files
        .get(file)
        ?.folderWatch?.close();
      await writeFile(file, workflow('changed while the watch was deaf'));
      await until(() => polled.length > 0);
      expect(polled).toEqual(['changed']);
    } finally {
      polling.close();
    }
  });
});

describe('the host service’s file.watch', () => {
  let service: HostService;
  let events: HostEvent[] = [];

  beforeEach(() => {
    service = createHostService({
      dataDir: join(dir, 'data'),
      initialFile: null,
      defaultClock: { kind: 'virtual' },
      shell: 'browser',
      fileWatch: { settleMs: SETTLE_MS, pollMs: 0 },
    });
    events = [];
    service.onEvent((event) => events.push(event));
  });

  afterEach(async () => {
    await service.close();
  });

  const diskEvents = () => events.filter((event) => event.type === 'file.changedOnDisk');

  it('tells pages of another program’s atomic save once, and never of the page’s own file.save', async () => {
    await expect(service.handle({ type: 'file.watch', watcher: 'page-1', path: file })).resolves.toEqual({
      path: file,
    });
    await service.handle({ type: 'file.save', path: file, text: workflow('saved in the app') });
    await service.handle({ type: 'file.save', path: file, text: workflow('saved again') });
    await sleep(QUIET_MS);
    expect(diskEvents()).toEqual([]);

    const temporary = join(dir, 'open.flow.json.tmp-editor');
    await writeFile(temporary, workflow('saved by an editor'));
    await rename(temporary, file);
    await until(() => diskEvents().length > 0);
    await sleep(QUIET_MS);
    expect(diskEvents()).toEqual([{ type: 'file.changedOnDisk', path: file, change: 'changed' }]);

    await unlink(file);
    await until(() => diskEvents().length > 1);
    expect(diskEvents().at(-1)).toEqual({ type: 'file.changedOnDisk', path: file, change: 'deleted' });
  });

  it('watches workflow files only, and nothing once the page has none open', async () => {
    await expect(
      service.handle({ type: 'file.watch', watcher: 'page-1', path: join(dir, 'notes.txt') }),
    ).rejects.toThrow(/workflow files only/);
    await service.handle({ type: 'file.watch', watcher: 'page-1', path: file });
    await expect(service.handle({ type: 'file.watch', watcher: 'page-1', path: null })).resolves.toEqual({
      path: null,
    });
    await writeFile(file, workflow('nobody is looking'));
    await sleep(QUIET_MS);
    expect(diskEvents()).toEqual([]);
  });
});
