/**
 * Test helper: runs a graph through asyncio_oracle.py (real CPython asyncio on a virtual clock)
 * and gives its report. Only *.test.ts files import this module (it uses node: built-ins).
 */
import { fileURLToPath } from 'node:url';
import type { Graph } from '../../shared/graph/types';
import type { RunReport } from '../../shared/runtime/types';
import { runProcess, type ProcessOutput } from '../run-process';

export type { ProcessOutput } from '../run-process';

/** Debian's interpreter: the one with jmespath (the first python3 on PATH has none). */
export const PYTHON = '/usr/bin/python3';
export const ORACLE_PATH = fileURLToPath(new URL('./asyncio_oracle.py', import.meta.url));

/** Runs `/usr/bin/python3 args…` with `stdin` and collects what it prints. */
export function runPython(args: readonly string[], stdin: string): Promise<ProcessOutput> {
  return runProcess(PYTHON, args, { stdin });
}

export interface OracleOptions {
  deadline?: number | null;
}

/** The report CPython asyncio gives for `graph` (docs/run-report.md shape). */
export async function runOracle(graph: Graph, options: OracleOptions = {}): Promise<RunReport> {
  const args = [ORACLE_PATH];
  if (options.deadline !== undefined && options.deadline !== null)
    args.push('--deadline', String(options.deadline));
  const out = await runPython(args, JSON.stringify(graph));
  if (out.code !== 0)
    throw new Error(`asyncio_oracle.py exited with ${String(out.code)}: ${out.stderr.trim()}`);
  return JSON.parse(out.stdout) as RunReport;
}

/** A pool: at most `size` jobs at a time, started in the order given. */
export function limitConcurrency(size: number): <T>(job: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  const release = (): void => {
    active--;
    waiting.shift()?.();
  };
  return <T>(job: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const start = (): void => {
        active++;
        job().then(resolve, reject).finally(release);
      };
      if (active < size) start();
      else waiting.push(start);
    });
}
