import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { WebSocket } from 'ws';
import { parseArgs, UsageError } from './args';
import { BIN, runCliInProcess } from '../test/cli-harness';

const EXAMPLE = fileURLToPath(new URL('../examples/race.flow.json', import.meta.url));
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'flowloop-web-cli-'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('flowloop web: arguments', () => {
  it('parses FILE, --port and --clock', () => {
    expect(parseArgs(['web'])).toEqual({ kind: 'web', file: null, port: 0, clock: 'real' });
    expect(parseArgs(['web', 'a.flow.json', '--port', '8123', '--clock=virtual'])).toEqual({
      kind: 'web',
      file: 'a.flow.json',
      port: 8123,
      clock: 'virtual',
    });
  });

  it('refuses bad ports, clocks, options and extra files', () => {
    expect(() => parseArgs(['web', '--port', '70000'])).toThrow(/--port must be a port number/);
    expect(() => parseArgs(['web', '--port', '-1'])).toThrow(UsageError);
    expect(() => parseArgs(['web', '--clock', 'slow'])).toThrow(/--clock must be real or virtual/);
    expect(() => parseArgs(['web', '--json'])).toThrow(/does not apply to 'web'/);
    expect(() => parseArgs(['web', 'a', 'b'])).toThrow(/unexpected argument b/);
  });

  it('refuses a FILE it cannot read, with exit status 2', async () => {
    const outcome = await runCliInProcess(['web', join(dataDir, 'missing.flow.json')]);
    expect(outcome.status).toBe(2);
    expect(outcome.stderr).toMatch(/cannot read .*missing\.flow\.json: no such file/);
  });

  it('refuses a FILE that is not a regular file (a FIFO would hang the page’s read)', async () => {
    const outcome = await runCliInProcess(['web', dataDir]);
    expect(outcome).toMatchObject({
      status: 2,
      stderr: `flowloop: cannot read ${dataDir}: it is a directory\n`,
    });
  });
});

/** Starts `flowloop web` as a real process; resolves with the first stdout line. */
function startWeb(args: string[]): {
  child: ChildProcessWithoutNullStreams;
  firstLine: Promise<string>;
  exit: Promise<{ code: number | null; stdout: string; stderr: string }>;
} {
  const child = spawn(process.execPath, [BIN, 'web', ...args], {
    env: { ...process.env, FLOWLOOP_DATA_DIR: dataDir, NO_COLOR: '1' },
  });
  let stdout = '';
  let stderr = '';
  const firstLine = new Promise<string>((resolveLine, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += String(chunk);
      const end = stdout.indexOf('\n');
      if (end >= 0) resolveLine(stdout.slice(0, end));
    });
    child.once('close', () => reject(new Error(`flowloop web ended before printing a URL: ${stderr}`)));
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += String(chunk)));
  const exit = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolveExit) =>
    child.once('close', (code) => resolveExit({ code, stdout, stderr })),
  );
  return { child, firstLine, exit };
}

describe('flowloop web: a port in use', () => {
  it('says so and exits with status 2', async () => {
    const taken = createServer();
    await new Promise<void>((resolveListen) => taken.listen(0, '127.0.0.1', () => resolveListen()));
    const port = (taken.address() as AddressInfo).port;
    try {
      const outcome = await runCliInProcess(['web', '--port', String(port)]);
      expect(outcome.status).toBe(2);
      expect(outcome.stderr).toContain(`cannot start the browser mode: port ${port} is in use`);
      expect(outcome.stdout).toBe('');
    } finally {
      await new Promise((resolveClose) => taken.close(resolveClose));
    }
  });
});

describe('flowloop web as a process', () => {
  it('prints the URL on its own line, serves the page and the bridge, and ends cleanly on SIGTERM', async () => {
    const web = startWeb([EXAMPLE, '--clock', 'virtual']);
    const url = await web.firstLine;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+$/);
    const page = new URL(url);
    const served = await fetch(url);
    expect([200, 503]).toContain(served.status); // 503: the renderer is not built, and the page says so
    expect(served.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const ws = new WebSocket(`ws://${page.host}/bridge?token=${page.searchParams.get('token') ?? ''}`, {
      origin: page.origin,
    });
    await new Promise<void>((resolveOpen, reject) => {
      ws.once('open', () => resolveOpen());
      ws.once('error', reject);
    });
    const info = await new Promise<unknown>((resolveInfo) => {
      ws.once('message', (data) => resolveInfo(JSON.parse(String(data))));
      ws.send(JSON.stringify({ id: 1, request: { type: 'app.info' } }));
    });
    expect(info).toMatchObject({
      id: 1,
      response: { initialFile: EXAMPLE, defaultClock: { kind: 'virtual' }, shell: 'browser' },
    });
    web.child.kill('SIGTERM');
    const ended = await web.exit;
    expect(ended.code).toBe(0);
    expect(ended.stdout).toBe(`${url}\n`);
  });

  it('ends cleanly on SIGINT too', async () => {
    const web = startWeb([]);
    await web.firstLine;
    web.child.kill('SIGINT');
    expect((await web.exit).code).toBe(0);
  });
});
