/**
 * How every measurement is repeated, on both sides (bench/asyncio_bench.py does the same):
 * warm-up runs until `warmMs` of them have gone by (at least five: the first few runs of a fresh process are still being compiled), then timed runs until at
 * least `samples` are taken and `sampleMs` have gone by (at most `maxSamples`). Report the median.
 */
export interface RepeatPlan {
  samples: number;
  maxSamples: number;
  warmMs: number;
  sampleMs: number;
}

export const DEFAULT_PLAN: RepeatPlan = { samples: 3, maxSamples: 9, warmMs: 500, sampleMs: 4000 };
const MIN_WARMUPS = 5;
const MAX_WARMUPS = 30;

export interface Samples {
  /** Milliseconds per timed run, in run order. */
  ms: number[];
  warmups: number;
}

/** Runs `warm` (a smaller or equal run) as warm-up, then `run` as the timed samples. */
export async function repeat(
  warm: () => Promise<void>,
  run: () => Promise<void>,
  plan: RepeatPlan,
): Promise<Samples> {
  let warmups = 0;
  const warmStart = performance.now();
  do {
    await warm();
    warmups++;
  } while (warmups < MIN_WARMUPS || (performance.now() - warmStart < plan.warmMs && warmups < MAX_WARMUPS));
  const ms: number[] = [];
  const sampleStart = performance.now();
  while (
    ms.length < plan.samples ||
    (performance.now() - sampleStart < plan.sampleMs && ms.length < plan.maxSamples)
  ) {
    const t0 = performance.now();
    await run();
    ms.push(performance.now() - t0);
  }
  return { ms, warmups };
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
