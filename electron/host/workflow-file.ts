/** Reading a workflow file from disk: the host's one way in, used by the CLI and the app alike. */
import { readFile } from 'node:fs/promises';
import { parseGraph, type Problem } from '../../shared/graph';
import type { Graph } from '../../shared/graph/types';

export type LoadResult =
  | { ok: true; graph: Graph; text: string }
  | { ok: false; reason: 'unreadable'; message: string }
  | { ok: false; reason: 'invalid'; problems: Problem[]; text: string };

/** The largest workflow file accepted; a bigger one is almost surely not a workflow. */
export const MAX_WORKFLOW_BYTES = 64 * 1024 * 1024;

export async function loadWorkflowFile(path: string): Promise<LoadResult> {
  let text: string;
  try {
    const bytes = await readFile(path);
    if (bytes.length > MAX_WORKFLOW_BYTES) {
      return { ok: false, reason: 'unreadable', message: `${path} is ${bytes.length} bytes, more than a workflow file may be` };
    }
    text = bytes.toString('utf8');
  } catch (error) {
    return { ok: false, reason: 'unreadable', message: describeFsError(path, error) };
  }
  const parsed = parseGraph(text);
  return parsed.ok ? { ok: true, graph: parsed.graph, text } : { ok: false, reason: 'invalid', problems: parsed.problems, text };
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
