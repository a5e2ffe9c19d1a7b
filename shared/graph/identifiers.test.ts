import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { RESERVED_WORDS, isValidNodeId, reservedIn } from './identifiers';

/** Words our JavaScript engine accepts as names but that exported code must not shadow anyway. */
const SHADOWING_ONLY = new Set(['undefined', 'NaN', 'Infinity']);

describe('node ids', () => {
  it('refuses every keyword of the real CPython 3', () => {
    const keywords = JSON.parse(
      execFileSync('/usr/bin/python3', ['-c', 'import json, keyword; print(json.dumps(keyword.kwlist))'], {
        encoding: 'utf8',
      }),
    ) as string[];
    expect(keywords.length).toBeGreaterThan(30);
    for (const word of keywords) expect(reservedIn(word), word).toContain('Python');
    // And each word on our Python list really cannot name a function in CPython.
    const script = `
import json, sys
bad = []
for word in json.loads(sys.argv[1]):
    try:
        compile(f"def {word}(): pass", "<id>", "exec")
    except SyntaxError:
        bad.append(word)
print(json.dumps(bad))`;
    const refused = JSON.parse(
      execFileSync('/usr/bin/python3', ['-c', script, JSON.stringify(RESERVED_WORDS.python)], {
        encoding: 'utf8',
      }),
    ) as string[];
    expect(refused.sort()).toEqual([...RESERVED_WORDS.python].sort());
  });

  it('refuses every word a strict ES module cannot use as a function name', () => {
    for (const word of RESERVED_WORDS.typescript) {
      if (SHADOWING_ONLY.has(word)) continue;
      // `await` is reserved in modules and async functions; a strict async function body checks it.
      const source = `"use strict"; async function outer() { function ${word}() {} }`;
      expect(() => new Function(source), word).toThrow(SyntaxError);
    }
  });

  it('accepts ordinary identifiers, soft keywords and TypeScript type names', () => {
    for (const id of [
      'nap',
      'page_a',
      '_private',
      'A1',
      'match',
      'type',
      'print',
      'string',
      'any',
      'async_',
      'none',
      'true_',
    ]) {
      expect(isValidNodeId(id), id).toBe(true);
    }
    for (const id of [
      '',
      '1a',
      'a-b',
      'a b',
      'é',
      'class',
      'None',
      'await',
      'eval',
      'arguments',
      'undefined',
      'case',
    ]) {
      expect(isValidNodeId(id), id).toBe(false);
    }
  });
});
