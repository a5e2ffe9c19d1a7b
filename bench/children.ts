/** Starts the measurement processes and reads the one JSON line each prints. */
import { spawnSync } from 'node:child_process';
import type { Job } from './jobs';
import type { Samples } from './measure';

export const PYTHON = '/usr/bin/python3';
const TIMEOUT_MS = 240_000;

export type Outcome<T> = { ok: true; value: T } | { ok: false; reason: string };

function runChild<T>(command: string, args: readonly string[], cwd: string): Outcome<T> {
  const child = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: TIMEOUT_MS, maxBuffer: 1 << 24 });
  if (child.error !== undefined) return { ok: false, reason: child.error.message };
  if (child.status !== 0) {
    const why = child.signal !== null ? `killed by ${child.signal}` : `exit ${String(child.status)}`;
    return { ok: false, reason: `${why}: ${child.stderr.trim().split('\n').slice(-3).join(' | ')}` };
  }
  const lines = child.stdout.trim().split('\n');
  return { ok: true, value: JSON.parse(lines[lines.length - 1] ?? 'null') as T };
}

/** Node side: `node --import tsx bench/worker.ts`; the flags given come first (e.g. --expose-gc). */
export function runNodeChild<T>(
  root: string,
  script: string,
  payload: unknown,
  flags: readonly string[] = [],
): Outcome<T> {
  return runChild<T>(process.execPath, [...flags, '--import', 'tsx', script, JSON.stringify(payload)], root);
}

export type JobOutput = Samples | { skipped: string };

export function runJob(root: string, job: Job): Outcome<JobOutput> {
  if (job.impl === 'asyncio') {
    return runChild<JobOutput>(PYTHON, ['bench/asyncio_bench.py', JSON.stringify(job)], root);
  }
  return runNodeChild<JobOutput>(root, 'bench/worker.ts', { ...job, runner: job.impl });
}

export function pythonVersion(): string | null {
  const child = spawnSync(PYTHON, ['--version'], { encoding: 'utf8' });
  return child.status === 0 ? child.stdout.trim() : null;
}
