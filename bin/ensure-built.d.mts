// Types for ensure-built.mjs (plain JavaScript, so that `flowloop` runs before any build).
export function staleBecause(entry: URL, root?: URL): string | null;
export function ensureBuilt(entry: URL, root?: URL): Promise<void>;
