import { describe, expect, it } from 'vitest';
import {
  childrenOf,
  countLabel,
  isContainer,
  kindLabel,
  prettyJson,
  scalarText,
  sizeOf,
  startsOpen,
  STRING_LIMIT,
  summary,
  truncated,
} from './json-shape';

describe('summary', () => {
  it('counts keys and items, with the right plural', () => {
    expect(summary({ a: 1, b: 2, c: 3 })).toBe('{…} 3 keys');
    expect(summary({ a: 1 })).toBe('{…} 1 key');
    expect(summary(Array.from({ length: 12 }, (_, i) => i))).toBe('[…] 12 items');
    expect(summary([null])).toBe('[…] 1 item');
    expect(summary(Array.from({ length: 12345 }, () => 0))).toBe('[…] 12,345 items');
  });
  it('shows empty containers as they are', () => {
    expect(summary({})).toBe('{}');
    expect(summary([])).toBe('[]');
  });
});

describe('truncated', () => {
  it('keeps short strings whole', () => {
    expect(truncated('hello')).toEqual({ shown: 'hello', hidden: 0 });
    expect(truncated('x'.repeat(STRING_LIMIT))).toEqual({ shown: 'x'.repeat(STRING_LIMIT), hidden: 0 });
  });
  it('cuts long strings and says how much is hidden', () => {
    expect(truncated('abcdefghij', 4)).toEqual({ shown: 'abcd', hidden: 6 });
    expect(truncated('y'.repeat(STRING_LIMIT + 40)).hidden).toBe(40);
  });
});

describe('children and sizes', () => {
  it('lists array indexes and object keys in order', () => {
    expect(childrenOf(['a', 'b'])).toEqual([
      ['0', 'a'],
      ['1', 'b'],
    ]);
    expect(childrenOf({ z: 1, a: [2] })).toEqual([
      ['z', 1],
      ['a', [2]],
    ]);
    expect(sizeOf({ z: 1, a: 2 })).toBe(2);
    expect(sizeOf([1, 2, 3])).toBe(3);
  });
  it('tells containers from scalars', () => {
    expect(isContainer(null)).toBe(false);
    expect(isContainer('x')).toBe(false);
    expect(isContainer([])).toBe(true);
    expect(isContainer({})).toBe(true);
  });
});

describe('startsOpen', () => {
  it('opens the top level always, small children, and nothing deeper', () => {
    const big = Array.from({ length: 50 }, (_, i) => i);
    expect(startsOpen(big, 0)).toBe(true);
    expect(startsOpen({ a: 1 }, 1)).toBe(true);
    expect(startsOpen(big, 1)).toBe(false);
    expect(startsOpen({ a: 1 }, 2)).toBe(false);
  });
});

describe('text', () => {
  it('writes scalars as JSON and copies values as indented JSON', () => {
    expect(scalarText('a "q"')).toBe('"a \\"q\\""');
    expect(scalarText(null)).toBe('null');
    expect(scalarText(1.5)).toBe('1.5');
    expect(prettyJson({ a: [1, 'x'] })).toBe('{\n  "a": [\n    1,\n    "x"\n  ]\n}');
  });
});

describe('countLabel', () => {
  it('says how many children in words', () => {
    expect(countLabel({ a: 1, b: 2 })).toBe('2 keys');
    expect(countLabel(['x'])).toBe('1 item');
  });
});

describe('kindLabel', () => {
  it('names the value and its size', () => {
    expect(kindLabel({ a: 1, b: 2, c: 3 })).toBe('object · 3 keys');
    expect(kindLabel([1])).toBe('array · 1 item');
    expect(kindLabel('abc')).toBe('string · 3 characters');
    expect(kindLabel(null)).toBe('null');
    expect(kindLabel(2)).toBe('number');
    expect(kindLabel(false)).toBe('boolean');
  });
});
