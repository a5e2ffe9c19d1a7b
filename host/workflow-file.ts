/**
 * Reading a workflow from disk or standard input: the host's one way in, used by the CLI and the
 * app alike. Reads are bounded: a file must be a regular file (not a FIFO, device or folder,
 * which could block or never end) and no larger than MAX_WORKFLOW_BYTES, checked while reading,
 * so that a file that grows, or reports no size (/proc), cannot make the process read forever.
 */
import { isAscii } from 'node:buffer';
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseGraph, type Problem } from '../shared/graph';
import { MAX_DOCUMENT_BYTES } from '../shared/protocol/limits';
import type { Graph } from '../shared/graph/types';

export type LoadResult =
  | { ok: true; graph: Graph; text: string }
  | { ok: false; reason: 'unreadable'; message: string }
  | { ok: false; reason: 'invalid'; problems: Problem[]; text: string };

export type ReadResult = { ok: true; text: string } | { ok: false; message: string };

/** The largest workflow accepted, here as from the page; a bigger one is almost surely not a workflow. */
export const MAX_WORKFLOW_BYTES = MAX_DOCUMENT_BYTES;
/** How standard input is named in messages, as Python names it. */
export const STDIN_NAME = '<stdin>';

/** The suffix of every file the host reads or writes for a page: it touches workflow files only. */
export const WORKFLOW_SUFFIX = '.flow.json';

/**
 * A path a page named, made absolute (`~/` is the home folder; other relative paths are against
 * the host's folder), or null when it does not name a workflow file (*.flow.json).
 */
export function workflowPath(path: string): string | null {
  const expanded = path === '~' || path.startsWith('~/') ? join(homedir(), path.slice(1)) : path;
  const absolute = resolve(expanded);
  return absolute.toLowerCase().endsWith(WORKFLOW_SUFFIX) ? absolute : null;
}

/**
 * Whether an invalid document is at least meant as a workflow (a JSON object with a Flowloop
 * format or a list of nodes, or broken JSON that names a Flowloop format near its start), so
 * that the editor may show its problems and text to be mended. Any other file's text is never
 * handed out, whatever its name.
 */
export function meantAsWorkflow(text: string): boolean {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return /^\s*\{/.test(text) && text.slice(0, 4096).includes('"flowloop.graph/');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { format, nodes } = value as { format?: unknown; nodes?: unknown };
  return (typeof format === 'string' && format.startsWith('flowloop.graph/')) || Array.isArray(nodes);
}

export async function loadWorkflowFile(path: string): Promise<LoadResult> {
  return parseRead(await readWorkflowFile(path));
}

/** The workflow on a stream (standard input for `flowloop run -`), bounded like a file. */
export async function loadWorkflowStream(stream: AsyncIterable<Buffer | string>): Promise<LoadResult> {
  return parseRead(await readWorkflowStream(stream));
}

function parseRead(read: ReadResult): LoadResult {
  if (!read.ok) return { ok: false, reason: 'unreadable', message: read.message };
  const parsed = parseGraph(read.text);
  return parsed.ok
    ? { ok: true, graph: parsed.graph, text: read.text }
    : { ok: false, reason: 'invalid', problems: parsed.problems, text: read.text };
}

export async function readWorkflowFile(path: string, maxBytes = MAX_WORKFLOW_BYTES): Promise<ReadResult> {
  let handle: FileHandle;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below like any
    // file that is not a regular one. (Windows has no such flag, and no FIFOs to open.)
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    return { ok: false, message: describeFsError(path, error) };
  }
  try {
    const stats = await handle.stat();
    if (stats.isDirectory()) return { ok: false, message: `cannot read ${path}: it is a directory` };
    if (!stats.isFile()) return { ok: false, message: `cannot read ${path}: it is not a regular file` };
    if (stats.size > maxBytes) return { ok: false, message: tooLarge(path, maxBytes) };
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(
        Math.min(Math.max(stats.size - total, 64 * 1024), maxBytes + 1 - total),
      );
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) return { ok: false, message: tooLarge(path, maxBytes) };
      chunks.push(bytesRead === chunk.length ? chunk : chunk.subarray(0, bytesRead));
    }
    // One read is the usual case (the size was known): decode it without copying it first.
    const bytes = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
    return { ok: true, text: decodeText(bytes) };
  } catch (error) {
    return { ok: false, message: describeFsError(path, error) };
  } finally {
    await handle.close().catch(() => undefined);
  }
}

export async function readWorkflowStream(
  stream: AsyncIterable<Buffer | string>,
  maxBytes = MAX_WORKFLOW_BYTES,
): Promise<ReadResult> {
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const piece of stream) {
      const chunk = typeof piece === 'string' ? Buffer.from(piece) : piece;
      total += chunk.length;
      if (total > maxBytes) return { ok: false, message: tooLarge(STDIN_NAME, maxBytes) };
      chunks.push(chunk);
    }
  } catch (error) {
    return { ok: false, message: `cannot read ${STDIN_NAME}: ${(error as Error).message}` };
  }
  return { ok: true, text: decodeText(Buffer.concat(chunks, total)) };
}

/**
 * UTF-8 text; ASCII (most workflow files) is decoded as Latin-1, the same characters at a third
 * less of the time for a large file (30 instead of 40–55 ms at 9.4 MB).
 */
function decodeText(bytes: Buffer): string {
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}

function tooLarge(name: string, maxBytes: number): string {
  return `cannot read ${name}: it is larger than ${maxBytes / (1024 * 1024)} MiB, the most a workflow may be`;
}

function describeFsError(path: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return `cannot read ${path}: no such file`;
    case 'EISDIR':
      return `cannot read ${path}: it is a directory`;
    case 'EACCES':
    case 'EPERM':
      return `cannot read ${path}: permission denied`;
    default:
      return `cannot read ${path}: ${(error as Error).message}`;
  }
}
