import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../graph/types';
import { evaluateJmespath } from './jmespath';
import { compareCodePoints } from './jmespath-python';
import { TransformError } from './transform-error';

function failure(expression: string, args: JsonValue[]): TransformError {
  try {
    const value = evaluateJmespath(expression, args);
    throw new Error(`expected a TransformError, got ${JSON.stringify(value)}`);
  } catch (error) {
    expect(error).toBeInstanceOf(TransformError);
    return error as TransformError;
  }
}

describe('evaluateJmespath', () => {
  it('evaluates on args[0] when there is exactly one argument', () => {
    expect(evaluateJmespath('a.b', [{ a: { b: 7 } }])).toBe(7);
    expect(evaluateJmespath('@', [[1, 2]])).toEqual([1, 2]);
  });

  it('evaluates on the args array otherwise', () => {
    expect(evaluateJmespath('[1].x', [{ x: 1 }, { x: 2 }])).toBe(2);
    expect(evaluateJmespath('length(@)', [1, 2, 3])).toBe(3);
    expect(evaluateJmespath('@', [])).toEqual([]);
  });

  it('gives the same answer from its cache', () => {
    const expression = 'people[?age > `30`].name';
    const data: JsonValue = {
      people: [
        { name: 'a', age: 31 },
        { name: 'b', age: 3 },
      ],
    };
    expect(evaluateJmespath(expression, [data])).toEqual(['a']);
    expect(evaluateJmespath(expression, [data])).toEqual(['a']);
    expect(evaluateJmespath(expression, [{ people: [] }])).toEqual([]);
  });

  it('reports a syntax error as a TransformError', () => {
    expect(failure('a[?', [{}]).message).toMatch(/^JMESPath expression has a syntax error: /);
    expect(failure('a.', [{}]).message).toMatch(/^JMESPath expression has a syntax error: /);
  });

  it('reports an evaluation error as a TransformError', () => {
    expect(failure('length(`1`)', [{}]).message).toMatch(/^JMESPath expression failed: /);
    expect(failure('sum(@)', [['a']]).message).toMatch(/^JMESPath expression failed: /);
    expect(failure('no_such_function(@)', [{}]).message).toBe(
      'JMESPath expression failed: Unknown function: no_such_function()',
    );
  });

  it('refuses a bare expression reference as a result', () => {
    expect(failure('&a', [{}]).message).toMatch(/expression reference/);
    expect(evaluateJmespath('@', [{ expref: true, type: 'Field' }])).toEqual({ expref: true, type: 'Field' });
  });
});

describe('the dialect of Python jmespath, which the Python export runs', () => {
  it('rejects syntax only the community dialect has', () => {
    for (const expression of ['a + b', '-a', '$.a', 'a ? b : c', 'let $x = a in $x', 'a // b']) {
      expect(failure(expression, [{ a: 1, b: 2, c: 3 }]).message).toMatch(
        /^JMESPath expression has a syntax error: /,
      );
    }
  });

  it('knows only Python functions, and only when one is called', () => {
    expect(failure('upper(a)', [{ a: 'x' }]).message).toBe(
      'JMESPath expression failed: Unknown function: upper()',
    );
    expect(evaluateJmespath('`false` && upper(a)', [{ a: 'x' }])).toBe(false);
  });

  it('slices only arrays', () => {
    expect(evaluateJmespath('a[::-1]', [{ a: 'abc' }])).toBeNull();
    expect(evaluateJmespath('a[::-1]', [{ a: [1, 2, 3] }])).toEqual([3, 2, 1]);
  });

  it('orders strings by code point, and refuses a string against a number', () => {
    expect(evaluateJmespath('[?@ > `"b"`]', [['a', 'b', 'c', 'B']])).toEqual(['c']);
    expect(evaluateJmespath('a < b', [{ a: '\uffff', b: '😀' }])).toBe(true);
    expect(failure('a < b', [{ a: 'x', b: 1 }]).message).toBe(
      "JMESPath expression failed: '<' not supported between instances of 'str' and 'int'",
    );
    expect(evaluateJmespath('a < b', [{ a: true, b: 1 }])).toBeNull();
  });

  it('parses numbers as Python int() and float() do', () => {
    const cases: [string, JsonValue][] = [
      [' 12 ', 12],
      ['1_000', 1000],
      ['1.5e3', 1500],
      ['.5', 0.5],
      ['-7', -7],
      ['0x10', null],
      ['', null],
      ['1__0', null],
      ['abc', null],
    ];
    for (const [text, expected] of cases) expect(evaluateJmespath('to_number(@)', [text])).toBe(expected);
    expect(failure('to_number(@)', ['inf']).message).toMatch(/not a finite number/);
  });

  it('compares code points, not UTF-16 units', () => {
    expect(compareCodePoints('\uffff', '😀')).toBeLessThan(0);
    expect(compareCodePoints('a', 'b')).toBeLessThan(0);
    expect(compareCodePoints('ab', 'a')).toBeGreaterThan(0);
    expect(compareCodePoints('é', 'é')).toBe(0);
  });
});

const PYTHON = '/usr/bin/python3';
const pythonHasJmespath = spawnSync(PYTHON, ['-c', 'import jmespath'], { stdio: 'ignore' }).status === 0;

describe.skipIf(!pythonHasJmespath)(
  'parity with CPython jmespath (skipped: /usr/bin/python3 has no jmespath module)',
  () => {
    const data: JsonValue = {
      people: [
        { name: 'Ann', age: 31, tags: ['a', 'b'], city: 'Oslo' },
        { name: 'Bob', age: 25, tags: [], city: 'Rome' },
        { name: 'Cé😀', age: 40, tags: ['c'], city: 'Oslo' },
      ],
      text: 'héllo😀',
      numbers: [3, 1, 2, 10],
      object: { b: 1, a: 2 },
      nested: [[1, [2]], [3]],
      dates: ['2024-03-01', '2023-12-31', '2024-01-15'],
      mixed: ['1_000', ' 42 ', '1e3', '0x10', '', '3.5', '007'],
    };
    const expressions = [
      'people[?age > `30`].name',
      'sort_by(people, &age)[*].name',
      'max_by(people, &age).name',
      'min_by(people, &name).name',
      'people[?city == `"Oslo"`] | length(@)',
      'people[*].{n: name, t: length(tags)}',
      'people[?tags].name',
      'people[*].tags[]',
      'people[1:]',
      'people[-1].name',
      'numbers[::-1]',
      'numbers[1:3]',
      'sort(numbers)',
      'sort(`["b", "B", "a", "é", "😀", "\\uffff"]`)',
      'max(`["b", "a", "B"]`)',
      'min(`["b", "a", "B"]`)',
      'min(`[]`)',
      'sort(`[]`)',
      'max_by(people, &city).name',
      'sort_by(people, &city)[*].name',
      'sort_by(people, &tags)',
      'max_by(people, &tags)',
      'max_by(`[{"k": 1}, {"k": "a"}]`, &k)',
      'people[?name > `"B"`].name',
      'to_string(people[2])',
      'sum(numbers)',
      'avg(numbers)',
      'max(numbers)',
      'keys(object)',
      'values(object)',
      'merge(object, `{"c": 3}`)',
      'nested[]',
      'nested[][]',
      'length(text)',
      'reverse(text)',
      'text[0:2]',
      'contains(text, `"l"`)',
      'starts_with(text, `"hé"`)',
      'join(`", "`, people[*].name)',
      'dates[?@ > `"2024-01-01"`]',
      'dates[?@ <= `"2023-12-31"`]',
      'map(&to_number(@), mixed)',
      'to_string(object)',
      'type(object)',
      'not_null(missing, `null`, `"x"`)',
      'to_array(`1`)',
      'abs(`-3`)',
      'ceil(`1.2`)',
      'floor(`-1.2`)',
      '`foo`',
      "'raw string'",
      '!people',
      'people && numbers',
      'missing || `"default"`',
      'object.*',
      '*.b',
      '[people[0].name, numbers[0]]',
      'numbers[?@ > `1`] | [0]',
      'people[0].age == `31.0`',
      'length(`1`)',
      'upper(text)',
      'numbers[?@ > `"a"`]',
      'a +',
      '$.people',
    ];
    const script = [
      'import jmespath, json, sys',
      'data = json.loads(sys.argv[1])',
      'out = []',
      'for expression in json.loads(sys.argv[2]):',
      '    try:',
      '        out.append({"ok": jmespath.search(expression, data)})',
      '    except Exception as error:',
      '        out.append({"error": type(error).__name__})',
      'print(json.dumps(out))',
    ].join('\n');

    it('gives what Python gives, failing where Python fails', () => {
      const python = JSON.parse(
        execFileSync(
          PYTHON,
          ['-W', 'ignore', '-c', script, JSON.stringify(data), JSON.stringify(expressions)],
          { encoding: 'utf8' },
        ),
      ) as ({ ok: JsonValue } | { error: string })[];
      const ours = expressions.map((expression) => {
        try {
          return { ok: evaluateJmespath(expression, [data]) };
        } catch (error) {
          expect(error).toBeInstanceOf(TransformError);
          return { error: 'TransformError' };
        }
      });
      const asCompared = (outcome: { ok: JsonValue } | { error: string }) =>
        'ok' in outcome ? outcome : { error: 'raised' };
      expect(expressions.map((expression, i) => [expression, asCompared(ours[i]!)])).toEqual(
        expressions.map((expression, i) => [expression, asCompared(python[i]!)]),
      );
    });
  },
);
