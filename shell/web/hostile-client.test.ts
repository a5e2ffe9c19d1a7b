/**
 * A client that holds the token but not good manners, against `flowloop web` as a real process:
 * malformed, oversized and random frames. After each, the host still answers a well-behaved
 * page, and the process is still running: it never exits because of what a client sent.
 */
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { MAX_BRIDGE_FRAME_BYTES, MAX_DOCUMENT_BYTES } from '../../shared/protocol/limits';
import type { BridgeServerFrame } from '../../shared/protocol/messages';
import { prng } from '../../test/prng';
import { runCliProcess, type CliProcess } from '../../test/cli-harness';

let web: CliProcess;
let url: URL;
let dataDir: string;
let exited = false;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'flowloop-hostile-'));
  web = runCliProcess(['web', '--port', '0', '--clock', 'virtual'], { env: { FLOWLOOP_DATA_DIR: dataDir } });
  void web.outcome.then(() => (exited = true));
  await web.printed('?token=');
  url = new URL(/(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(await web.stdout())?.[1] ?? '');
});

afterAll(async () => {
  web.kill('SIGTERM');
  await web.outcome;
  rmSync(dataDir, { recursive: true, force: true });
});

/** Every file under `dir` with its size, for "nothing changed on disk". */
function snapshot(dir: string): Record<string, number> {
  const files: Record<string, number> = {};
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else files[path] = lstatSync(path).size;
    }
  };
  walk(dir);
  return files;
}

function open(): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://${url.host}/bridge?token=${url.searchParams.get('token')}`, {
      origin: url.origin,
      maxPayload: MAX_BRIDGE_FRAME_BYTES,
    });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** Sends raw data on a fresh connection; resolves with the close code the host gave. */
async function closeCodeAfter(send: (ws: WebSocket) => void): Promise<number> {
  const ws = await open();
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  ws.on('error', () => undefined);
  send(ws);
  return closed;
}

/** One request from a well-behaved page. */
async function ask(request: unknown): Promise<BridgeServerFrame> {
  const ws = await open();
  try {
    return await new Promise<BridgeServerFrame>((resolve, reject) => {
      ws.on('message', (data) => {
        const frame = JSON.parse(String(data)) as BridgeServerFrame;
        if ('id' in frame) resolve(frame);
      });
      ws.once('close', (code) => reject(new Error(`closed with ${code}`)));
      ws.send(JSON.stringify({ id: 1, request }));
    });
  } finally {
    ws.close();
  }
}

async function stillAnswers(): Promise<void> {
  expect(exited).toBe(false);
  const frame = await ask({ type: 'app.info' });
  expect(frame).toMatchObject({ id: 1, response: { version: expect.any(String) } });
}

describe('flowloop web against a hostile client', () => {
  it('a text frame of invalid UTF-8 closes that connection (1007), and the host answers the next', async () => {
    expect(
      await closeCodeAfter((ws) => ws.send(Buffer.from([0xff, 0xfe, 0xc3, 0x28]), { binary: false })),
    ).toBe(1007);
    await stillAnswers();
  });

  it('a frame over the limit closes that connection (1009), and the host answers the next', async () => {
    expect(
      await closeCodeAfter((ws) =>
        ws.send(Buffer.alloc(MAX_BRIDGE_FRAME_BYTES + 1, 0x20), { binary: false }),
      ),
    ).toBe(1009);
    await stillAnswers();
  });

  it('frames that are not { id, request } close that connection (1008)', async () => {
    for (const frame of ['not json', '[]', '{"request":{}}', '{"id":"1"}']) {
      expect(await closeCodeAfter((ws) => ws.send(frame))).toBe(1008);
    }
    expect(await closeCodeAfter((ws) => ws.send(Buffer.from('{"id":1}'), { binary: true }))).toBe(1008);
    await stillAnswers();
  });

  it('a request the protocol does not know is answered with an error that names it', async () => {
    const frame = await ask({ type: 'file.delete', path: '/etc/passwd' });
    expect(frame).toMatchObject({ id: 1, error: { message: expect.stringMatching(/file\.delete|type/) } });
    await stillAnswers();
  });

  it('an honest save of a document over the size limit in UTF-8 (but not in characters) is refused with a message, not a dead host', async () => {
    // 24 million characters of three bytes each: 72 MB, over the 64 MiB a workflow may be.
    const text = '€'.repeat(24_000_000);
    expect(Buffer.byteLength(text)).toBeGreaterThan(MAX_DOCUMENT_BYTES);
    const frame = await ask({ type: 'file.save', path: join(dataDir, 'huge.flow.json'), text });
    expect(frame).toMatchObject({ id: 1, error: { message: expect.stringMatching(/64 MiB/) } });
    await stillAnswers();
  });

  it('reads and writes nothing outside workflow files, and hands out no other file’s text', async () => {
    const before = snapshot(dataDir);
    for (const path of [
      '/etc/passwd',
      '/proc/self/environ',
      '~/.bashrc',
      '../../../etc/hostname',
      join(dataDir, 'recent.json'),
    ]) {
      const read = await ask({ type: 'file.read', path });
      expect(read).toMatchObject({ id: 1, response: { ok: false, reason: 'unreadable' } });
      expect(JSON.stringify(read)).not.toMatch(/root:|PATH=|HOME=/);
      const saved = await ask({ type: 'file.save', path, text: 'owned' });
      expect(saved).toMatchObject({
        id: 1,
        error: { message: expect.stringContaining('workflow files only') },
      });
    }
    const disguised = join(dataDir, 'environ.flow.json');
    symlinkSync('/proc/self/environ', disguised);
    const read = await ask({ type: 'file.read', path: disguised });
    expect(JSON.stringify(read)).not.toMatch(/PATH=|HOME=/);
    rmSync(disguised);
    expect(snapshot(dataDir)).toEqual(before);
    await stillAnswers();
  });

  it.skipIf(process.platform === 'win32')(
    'refuses endless inputs at once: a FIFO and /dev/zero named as workflows',
    async () => {
      const fifo = join(dataDir, 'pipe.flow.json');
      expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
      const zero = join(dataDir, 'zero.flow.json');
      symlinkSync('/dev/zero', zero);
      for (const path of [fifo, zero]) {
        expect(await ask({ type: 'file.read', path })).toMatchObject({
          id: 1,
          response: { ok: false, message: expect.stringContaining('not a regular file') },
        });
      }
      rmSync(fifo);
      rmSync(zero);
      await stillAnswers();
    },
  );

  it.skipIf(process.platform === 'win32')(
    'a save over the WebSocket keeps a 0600 file 0600 and writes through a link, leaving no temporary file',
    async () => {
      const folder = mkdtempSync(join(tmpdir(), 'flowloop-hostile-save-'));
      try {
        const secret = join(folder, 'secret.flow.json');
        writeFileSync(secret, '{}');
        chmodSync(secret, 0o600);
        symlinkSync('secret.flow.json', join(folder, 'link.flow.json'));
        const text = JSON.stringify({ format: 'flowloop.graph/2', nodes: [], edges: [] });
        expect(await ask({ type: 'file.save', path: join(folder, 'link.flow.json'), text })).toMatchObject({
          id: 1,
          response: {},
        });
        expect(lstatSync(join(folder, 'link.flow.json')).isSymbolicLink()).toBe(true);
        expect(readFileSync(secret, 'utf8')).toBe(text);
        expect(statSync(secret).mode & 0o777).toBe(0o600);
        expect(readdirSync(folder).sort()).toEqual(['link.flow.json', 'secret.flow.json']);
        await stillAnswers();
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    },
  );

  it('survives a bounded fuzz of random frames, text and binary, with nothing on disk changed', async () => {
    const before = snapshot(dataDir);
    const random = prng(20261204);
    const shapes: (() => string | Buffer)[] = [
      () => randomBytes(1 + Math.floor(random() * 64)),
      () =>
        JSON.stringify({
          id: Math.floor(random() * 1e6),
          request: {
            type: ['run.start', 'file.read', 'run.stop', 'app.info', 'x'][Math.floor(random() * 5)],
            text: 'x',
            path: '',
          },
        }),
      () => JSON.stringify({ id: random() < 0.5 ? 1.5 : -0, request: null }),
      () => `{"id":1,"request":${'['.repeat(Math.floor(random() * 5000))}`,
    ];
    for (let i = 0; i < 120; i++) {
      const payload = shapes[Math.floor(random() * shapes.length)]!();
      const ws = await open();
      ws.on('error', () => undefined);
      ws.on('message', () => undefined);
      ws.send(payload, { binary: random() < 0.3 });
      await new Promise((resolve) => setTimeout(resolve, 5));
      ws.terminate();
      if (i % 30 === 29) await stillAnswers();
    }
    await stillAnswers();
    expect(snapshot(dataDir)).toEqual(before);
  });
});
