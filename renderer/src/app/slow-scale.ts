/** The slow-motion scale: how fast a slowed run's timers go, as a fraction of real time (protocol: 0.1–1). */

export const SLOW_SCALE_MIN = 0.1;
export const SLOW_SCALE_MAX = 1;
export const SLOW_SCALE_STEP = 0.05;
export const DEFAULT_SLOW_SCALE = 0.5;

/** A scale snapped to the slider's steps and kept inside the protocol's range; junk gives the default. */
export function normalizeSlowScale(value: unknown): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n)) return DEFAULT_SLOW_SCALE;
  const clamped = Math.min(SLOW_SCALE_MAX, Math.max(SLOW_SCALE_MIN, n));
  const steps = Math.round((clamped - SLOW_SCALE_MIN) / SLOW_SCALE_STEP);
  // Two decimals: 0.1 + 3 * 0.05 is 0.25, not 0.25000000000000006.
  return Math.round((SLOW_SCALE_MIN + steps * SLOW_SCALE_STEP) * 100) / 100;
}

/** "0.25×", "0.5×", "1×". */
export function formatSlowScale(scale: number): string {
  return `${String(Math.round(scale * 100) / 100)}×`;
}
