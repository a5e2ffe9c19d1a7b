/**
 * isExpressionCode makes the sandbox's decision (compile `return (code)`, else the code as a
 * body) without compiling. Each case is checked against that decision made by V8's own parser.
 */
import { describe, expect, it } from 'vitest';
import { expressionText, isExpressionCode } from './javascript-source';

/** The sandbox's rule, with a real parser: does `return (code)` compile? */
function compilesAsExpression(code: string): boolean {
  try {
    new Function('args', 'input', `return (${expressionText(code)}\n);`);
    return true;
  } catch {
    return false;
  }
}

const CASES = [
  'input * 2',
  'input * 2;',
  '  input.n + 1  ;;\n',
  '{ a: 1 }',
  '({ a: 1, b: [1, 2] })',
  'args.map(x => { return x * 2 })',
  'args.map((x) => {\n  const y = x * 2;\n  return y;\n})',
  'return input * 2',
  'return input * 2;',
  'const n = args.length;\nreturn n;',
  'const n = args.length\nreturn n',
  'let total = 0; for (const x of args) total += x; return total',
  'input.a\ninput.b',
  'input.a\n  .map((x) => x)\n  .filter(Boolean)',
  'input\n(1)',
  'input\n[0]',
  'x.return + x.if + x.do',
  'input?.a?.[0] ?? null',
  '`a${ `b${input}` }c`',
  '`line one\nline two ${args.length}`',
  '/;/.test(input)',
  'input / 2 / 3',
  '"a;b" + \'c;d\'',
  'if (input) return 1; return 2',
  'if (input) { return 1 }\nreturn 2',
  'for (const x of args) {}\nreturn 1',
  'throw new Error("no")',
  'try { return JSON.parse(input) } catch { return null }',
  'function f() {}',
  '(function () { return 1 })()',
  'input // the input',
  '/* first */ input',
  'input /* a comment\nover two lines */ + 1',
  'input\n// a comment\n+ 1',
  'a\n++b',
  'args.length > 0 ? args[0] : null',
  'do { } while (false)',
  'switch (input) { case 1: return "a"; default: return "b" }',
  '[1, 2, 3]',
  'class A {}',
  "'use strict'; return 1",
  'input instanceof Object\n  ? 1\n  : 2',
  'input.a\ninstanceof Object',
  '({ a: input.a, b: args.map((x) => ({ x })) })',
  'var x = 1\nx',
  'args[0]\n"text"',
  'async () => 1',
  'input.length\n',
];

describe('isExpressionCode', () => {
  it.each(CASES)('%j', (code) => {
    expect(isExpressionCode(code)).toBe(compilesAsExpression(code));
  });
});
