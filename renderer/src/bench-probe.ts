/**
 * Render counts for `npm run bench` (bench/renderer.ts) only. Off unless the page's URL has a
 * `bench` query parameter: then `window.__flowloopBench` counts node component renders by id.
 * In normal use `benchProbe` is null and nothing is recorded.
 */
export interface BenchProbe {
  nodeRenders: Map<string, number>;
  reset(): void;
  /** Renders per node id since the last reset. */
  counts(): Record<string, number>;
}

function createProbe(): BenchProbe | null {
  if (typeof location === 'undefined' || !new URLSearchParams(location.search).has('bench')) return null;
  const nodeRenders = new Map<string, number>();
  const probe: BenchProbe = {
    nodeRenders,
    reset: () => nodeRenders.clear(),
    counts: () => Object.fromEntries(nodeRenders),
  };
  (window as unknown as { __flowloopBench?: BenchProbe }).__flowloopBench = probe;
  return probe;
}

export const benchProbe = createProbe();

export function countNodeRender(id: string): void {
  if (benchProbe) benchProbe.nodeRenders.set(id, (benchProbe.nodeRenders.get(id) ?? 0) + 1);
}
