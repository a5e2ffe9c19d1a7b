/** Bounded reads of a workflow, from real files in a temporary folder and from streams. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { loadWorkflowFile, readWorkflowFile, readWorkflowStream } from './workflow-file';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function fileWith(contents: string | Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'flowloop-workflow-file-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'w.flow.json'), contents);
  return join(dir, 'w.flow.json');
}

/** A stream that never ends, as /dev/zero or `yes` would be on standard input. */
function endless(): Readable {
  return new Readable({
    read() {
      this.push(Buffer.alloc(16 * 1024, 0x20));
    },
  });
}

describe('readWorkflowFile', () => {
  it('reads a file up to the cap, and refuses one over it by its size, naming the cap', async () => {
    const path = fileWith('x'.repeat(2048));
    expect(await readWorkflowFile(path, 2048)).toEqual({ ok: true, text: 'x'.repeat(2048) });
    expect(await readWorkflowFile(path, 2047)).toEqual({
      ok: false,
      message: `cannot read ${path}: it is larger than ${2047 / 1048576} MiB, the most a workflow may be`,
    });
  });

  it.skipIf(process.platform !== 'linux')(
    'stops at the cap in a file that reports no size (/proc), instead of trusting the size',
    async () => {
      const read = await readWorkflowFile('/proc/self/status', 64);
      expect(read.ok).toBe(false);
      expect(await readWorkflowFile('/proc/self/status', 1024 * 1024)).toMatchObject({
        ok: true,
        text: expect.stringContaining('Pid:'),
      });
    },
  );

  it('names a missing file', async () => {
    expect(await loadWorkflowFile('/nonexistent/w.flow.json')).toEqual({
      ok: false,
      reason: 'unreadable',
      message: 'cannot read /nonexistent/w.flow.json: no such file',
    });
  });
});

describe('readWorkflowStream', () => {
  it('reads a stream to its end', async () => {
    expect(await readWorkflowStream(Readable.from([Buffer.from('{"a":'), '1}']))).toEqual({
      ok: true,
      text: '{"a":1}',
    });
  });

  it('gives up on an endless stream at the cap', async () => {
    expect(await readWorkflowStream(endless(), 1024 * 1024)).toEqual({
      ok: false,
      message: 'cannot read <stdin>: it is larger than 1 MiB, the most a workflow may be',
    });
  });

  it('names a stream that fails', async () => {
    const failing = new Readable({
      read() {
        this.destroy(new Error('EIO: i/o error'));
      },
    });
    expect(await readWorkflowStream(failing)).toEqual({
      ok: false,
      message: 'cannot read <stdin>: EIO: i/o error',
    });
  });
});
