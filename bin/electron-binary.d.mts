// Types for electron-binary.mjs (plain JavaScript, so that `npm start` runs before any build).
export type FetchOutcome = { ok: true } | { ok: false; reason: string };

export function electronPackageDir(): string | null;
export function electronBinary(packageDir?: string | null, env?: NodeJS.ProcessEnv): string | null;
export function fetchElectronBinary(options?: {
  packageDir?: string | null;
  env?: NodeJS.ProcessEnv;
  onSlow?: () => void;
  timeoutMs?: number;
}): Promise<FetchOutcome>;
