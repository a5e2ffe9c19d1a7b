import { describe, expect, it } from 'vitest';
import { DEFAULT_SLOW_SCALE, formatSlowScale, normalizeSlowScale } from './slow-scale';

describe('normalizeSlowScale', () => {
  it('keeps values on the 0.05 steps between 0.1 and 1 as they are', () => {
    expect(normalizeSlowScale(0.1)).toBe(0.1);
    expect(normalizeSlowScale(0.25)).toBe(0.25);
    expect(normalizeSlowScale(1)).toBe(1);
    expect(normalizeSlowScale('0.75')).toBe(0.75);
  });
  it('snaps to the nearest step without float noise', () => {
    expect(normalizeSlowScale(0.1 + 3 * 0.05)).toBe(0.25);
    expect(normalizeSlowScale(0.33)).toBe(0.35);
    expect(normalizeSlowScale(0.12)).toBe(0.1);
  });
  it('clamps to the protocol range 0.1–1', () => {
    expect(normalizeSlowScale(0)).toBe(0.1);
    expect(normalizeSlowScale(-3)).toBe(0.1);
    expect(normalizeSlowScale(7)).toBe(1);
  });
  it('gives the default for anything that is not a number', () => {
    for (const junk of [null, undefined, '', 'fast', NaN, Infinity, {}])
      expect(normalizeSlowScale(junk)).toBe(DEFAULT_SLOW_SCALE);
  });
});

describe('formatSlowScale', () => {
  it('shows at most two decimals and the × sign', () => {
    expect(formatSlowScale(0.25)).toBe('0.25×');
    expect(formatSlowScale(0.5)).toBe('0.5×');
    expect(formatSlowScale(1)).toBe('1×');
    expect(formatSlowScale(0.1 + 3 * 0.05)).toBe('0.25×');
  });
});
