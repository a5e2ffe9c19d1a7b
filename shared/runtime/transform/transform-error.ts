/**
 * The one error a transform node fails with. Its `name` is the error `type` a run reports
 * (docs/run-semantics.md: `TransformError` for a transform that threw or broke a limit), and its message
 * says in plain words what the transform did.
 */
export class TransformError extends Error {
  override name = 'TransformError';
}

/** `67108864` → `64 MiB`; sizes that are not whole KiB or MiB stay in bytes. */
export function formatBytes(bytes: number): string {
  const MiB = 1024 * 1024;
  if (bytes >= MiB && bytes % MiB === 0) return `${bytes / MiB} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

export function timeLimitError(timeMs: number): TransformError {
  return new TransformError(`transform ran longer than its time limit of ${timeMs} ms`);
}

export function memoryLimitError(memoryBytes: number, detail?: string): TransformError {
  const suffix = detail === undefined ? '' : ` (${detail})`;
  return new TransformError(`transform exceeded its memory limit of ${formatBytes(memoryBytes)}${suffix}`);
}

export function stackLimitError(): TransformError {
  return new TransformError('transform recursed or nested too deeply (stack overflow)');
}
