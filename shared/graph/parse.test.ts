import { describe, expect, it } from 'vitest';
import { findJsonSyntaxError, lineAndColumn } from './json-syntax';
import { parseGraph } from './parse';

/** The example at the top of docs/file-format.md, in the layout the product spec first gave it. */
const SPEC_EXAMPLE = `{
  "format": "flowloop.graph/2",
  "name": "three pages",
  "nodes": [
    { "id": "page_a", "kind": "fetch", "params": { "url": "http://127.0.0.1:8080/a", "responseType": "text" },
      "position": { "x": 0, "y": 0 } },
    { "id": "nap", "kind": "sleep", "params": { "seconds": 5 } },
    { "id": "all", "kind": "gather", "params": {} }
  ],
  "edges": [
    { "source": "page_a", "target": "all", "input": 0 },
    { "source": "nap", "target": "all", "input": 1 }
  ]
}`;

describe('parseGraph', () => {
  it('reads the example of docs/file-format.md as written', () => {
    const result = parseGraph(SPEC_EXAMPLE);
    expect(result).toEqual({ ok: true, graph: JSON.parse(SPEC_EXAMPLE), problems: [] });
  });

  it('accepts a UTF-8 byte order mark before the JSON', () => {
    expect(parseGraph(`\uFEFF${SPEC_EXAMPLE}`).ok).toBe(true);
  });

  it('names the line and column of a JSON error, counting characters', () => {
    const text = SPEC_EXAMPLE.replace('"seconds": 5 }', '"seconds": 5, }');
    expect(parseGraph(text).problems).toEqual([
      {
        code: 'not-json',
        message: "not valid JSON at line 7, column 63: a trailing comma before '}' is not allowed in JSON",
        line: 7,
        column: 63,
      },
    ]);
    expect(parseGraph('{"name": "é😀", oops}').problems).toEqual([
      {
        code: 'not-json',
        message:
          "not valid JSON at line 1, column 16: unexpected 'o': expected a property name in double quotes",
        line: 1,
        column: 16,
      },
    ]);
    expect(parseGraph('').problems[0]?.message).toBe(
      'not valid JSON at line 1, column 1: unexpected end of text: expected a value',
    );
  });

  it('passes parsed JSON to the validator', () => {
    expect(parseGraph('"a string"').problems[0]?.code).toBe('not-object');
    expect(parseGraph('{"format": "flowloop.graph/3"}').problems[0]?.code).toBe('format-unknown');
  });
});

describe('findJsonSyntaxError', () => {
  const cases: [string, number, string][] = [
    ['{', 1, 'unexpected end of text: expected a property name'],
    ['[1, 2', 5, "unexpected end of text: a list ('[') is not closed"],
    ['{"a": 1', 7, "unexpected end of text: an object ('{') is not closed"],
    ['{"a": 1,}', 8, "a trailing comma before '}' is not allowed in JSON"],
    ['[1,]', 3, "a trailing comma before ']' is not allowed in JSON"],
    ["{'a': 1}", 1, 'strings must be in double quotes (") in JSON'],
    ['{a: 1}', 1, "unexpected 'a': expected a property name in double quotes"],
    ['{"a" 1}', 5, "unexpected '1': expected ':' after a property name"],
    ['{"a": 1 "b": 2}', 8, "unexpected '\"': expected ',' or '}' after a property value"],
    ['[1 2]', 3, "unexpected '2': expected ',' or ']' after a list item"],
    ['{"a": 01}', 6, 'numbers must not start with 0 in JSON'],
    ['[1.]', 3, 'expected a digit after the decimal point'],
    ['[1e]', 3, 'expected a digit in the exponent'],
    ['[-]', 2, "unexpected ']': expected a digit"],
    ['["a\\x"]', 3, 'bad escape \\x in a string (allowed: \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)'],
    ['["\\u12G4"]', 2, 'bad escape: \\u must be followed by four hexadecimal digits'],
    ['["a\tb"]', 3, 'control character U+0009 inside a string (write it escaped, e.g. \\n)'],
    ['["never', 1, 'this string is never closed (missing ")'],
    [
      '[NaN]',
      1,
      "unexpected word 'NaN': expected a value (strings need double quotes; only true, false and null are bare words)",
    ],
    ['[1] // note', 4, 'comments are not allowed in JSON'],
    ['{} {}', 3, "unexpected '{' after the end of the JSON value"],
    ['   ', 3, 'unexpected end of text: expected a value'],
  ];
  it.each(cases)('%j → offset %i: %s', (text, offset, reason) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(findJsonSyntaxError(text)).toMatchObject({ offset, reason });
  });

  it('finds nothing wrong in valid JSON, deep nesting included', () => {
    for (const text of [
      SPEC_EXAMPLE,
      '0',
      '-0.5e+10',
      '"\\u00e9\\n"',
      '[]',
      '{}',
      ' [ {"a" : [ true , false , null ] } ] ',
      '['.repeat(100_000) + ']'.repeat(100_000),
    ]) {
      expect(findJsonSyntaxError(text)).toBeNull();
    }
    expect(findJsonSyntaxError('['.repeat(100_000))).toMatchObject({
      offset: 100_000,
      reason: 'unexpected end of text: expected a value',
    });
    expect(findJsonSyntaxError(`${'[1,'.repeat(100_000)}2`)).toMatchObject({
      offset: 300_001,
      reason: "unexpected end of text: a list ('[') is not closed",
    });
  });

  it('counts lines by \\n and columns by characters', () => {
    expect(lineAndColumn('ab\ncd\r\nef', 8)).toEqual({ line: 3, column: 2 });
    expect(lineAndColumn('😀x', 2)).toEqual({ line: 1, column: 2 });
  });
});
