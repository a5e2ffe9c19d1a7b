/**
 * Test helper: the cases every JavaScript transform sandbox must pass, run against the
 * in-process QuickJS sandbox (quickjs-sandbox.test.ts) and the worker-thread one
 * (host/worker-sandbox.test.ts), so both behave exactly alike.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonValue } from '../shared/graph/types';
import type { TransformLimits, TransformSandbox } from '../shared/runtime/services';
import { DEFAULT_TRANSFORM_LIMITS } from '../shared/runtime/transform/quickjs-sandbox';
import { TransformError } from '../shared/runtime/transform/transform-error';

const MiB = 1024 * 1024;

/** A sandbox as the cases see it: its limits, and a way to wait until its spare is ready. */
export interface CheckedSandbox extends TransformSandbox {
  readonly limits: Readonly<TransformLimits>;
  ready(): Promise<void>;
}

export function describeTransformSandbox(
  create: (limits?: Partial<TransformLimits>) => Promise<CheckedSandbox>,
): void {
  let sandbox: CheckedSandbox;
  beforeAll(async () => {
    sandbox = await create();
  });
  afterAll(() => sandbox.dispose());

  function run(code: string, args: JsonValue[] = []): JsonValue {
    return sandbox.runJavaScript(code, args);
  }

  /** The TransformError a transform fails with (and fails the test if it does not fail). */
  function failure(code: string, args: JsonValue[] = [], on: CheckedSandbox = sandbox): TransformError {
    try {
      const value = on.runJavaScript(code, args);
      throw new Error(`expected a TransformError, got ${JSON.stringify(value)}`);
    } catch (error) {
      expect(error).toBeInstanceOf(TransformError);
      expect((error as TransformError).name).toBe('TransformError');
      return error as TransformError;
    }
  }

  describe('code is an expression or a function body', () => {
    it('evaluates a single expression to its value', () => {
      expect(run('input.a + 1', [{ a: 41 }])).toBe(42);
      expect(run('args.length', [1, 2, 3])).toBe(3);
      expect(run('{ a: 1 }')).toEqual({ a: 1 });
      expect(run('// a comment first\ninput * 2 // and one last', [21])).toBe(42);
    });

    it('still takes an expression that ends in semicolons', () => {
      expect(run('input.a + 1;', [{ a: 1 }])).toBe(2);
    });

    it('runs statements as a function body that returns with return', () => {
      expect(run('const doubled = args.map((n) => n * 2);\nreturn doubled;', [1, 2])).toEqual([2, 4]);
      expect(run('if (input > 0) return "positive";\nreturn "not";', [-1])).toBe('not');
    });

    it('sees input as args[0], and undefined when there are no arguments', () => {
      expect(run('input === args[0]', [{ x: 1 }, 2])).toBe(true);
      expect(run('[input === undefined, args.length]')).toEqual([true, 0]);
    });

    it('gives null for undefined, and for a body that does not return', () => {
      expect(run('undefined')).toBeNull();
      expect(run('let x = 1;')).toBeNull();
      expect(run('')).toBeNull();
    });
  });

  describe('data crosses as JSON', () => {
    it('round-trips nested JSON, unicode and numbers', () => {
      const value: JsonValue = {
        text: 'héllo 😀 \u2028 "quoted" \\ \n',
        numbers: [0, -1.5, 1e300, 2 ** 53, 0.1],
        nested: { list: [null, true, false, [], {}], 'odd key': 'x' },
      };
      expect(run('input', [value])).toEqual(value);
      expect(run('args', [value, 1])).toEqual([value, 1]);
    });

    it('keeps a lone surrogate as JSON escapes it', () => {
      expect(run('input + "\\udc00"', ['\ud800'])).toBe('\ud800\udc00');
      expect(run('"\\ud800"')).toBe('\ud800');
    });

    it('passes copies: the transform cannot change the host arguments', () => {
      const args: JsonValue[] = [{ list: [1] }];
      run('input.list.push(2); input.added = true; input', args);
      expect(args).toEqual([{ list: [1] }]);
    });

    it('follows JSON.stringify for nested undefined and toJSON', () => {
      expect(run('({ a: undefined, b: [undefined], c: new Date(0) })')).toEqual({
        b: [null],
        c: '1970-01-01T00:00:00.000Z',
      });
    });

    it('returns a "__proto__" key as plain data, polluting nothing in the host', () => {
      const result = run('JSON.parse(\'{"__proto__": {"polluted": "yes"}}\')');
      expect(Object.keys(result as object)).toEqual(['__proto__']);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  });

  describe('clear errors', () => {
    it('reports what a transform threw, with its line', () => {
      expect(failure('const x = 1;\nx();').message).toBe(
        'transform threw TypeError: not a function (line 2)',
      );
      expect(failure('const o = {};\n\nreturn o.a.b;').message).toBe(
        "transform threw TypeError: cannot read property 'b' of undefined (line 3)",
      );
      expect(failure('throw new RangeError("too big")').message).toBe(
        'transform threw RangeError: too big (line 1)',
      );
      expect(failure('missing()').message).toBe(
        "transform threw ReferenceError: 'missing' is not defined (line 1)",
      );
      expect(failure('const text = "{";\nreturn JSON.parse(text);').message).toBe(
        'transform threw SyntaxError: expecting property name (line 2)',
      );
      expect(failure('[1].map(\n  (x) => x.y.z,\n)').message).toBe(
        "transform threw TypeError: cannot read property 'z' of undefined (line 2)",
      );
    });

    it('shows a thrown value that is not an Error', () => {
      expect(failure('throw "oops"').message).toBe('transform threw "oops"');
      expect(failure('throw { code: 7 }').message).toBe('transform threw {"code":7}');
      expect(failure('throw undefined').message).toBe('transform threw undefined');
    });

    it('reports a syntax error with its line inside the code', () => {
      expect(failure('const a = 1;\nconst = 2;').message).toMatch(
        /^transform code has a syntax error: .+ \(line 2\)$/,
      );
      expect(failure('return 1 +').message).toMatch(/^transform code has a syntax error: .+ \(line 1\)$/);
    });

    it('says which value is not JSON, and where', () => {
      expect(failure('() => 1').message).toBe('transform returned a function, which is not JSON');
      expect(failure('Symbol("s")').message).toBe('transform returned a symbol, which is not JSON');
      expect(failure('10n').message).toBe('transform returned a BigInt, which is not JSON');
      expect(failure('NaN').message).toBe('transform returned NaN, which is not JSON');
      expect(failure('[1, -Infinity]').message).toBe(
        'transform returned -Infinity at result[1], which is not JSON',
      );
      expect(failure('({ a: { "b c": [Infinity] } })').message).toBe(
        'transform returned Infinity at result.a["b c"][0], which is not JSON',
      );
      expect(failure('({ f() {} })').message).toBe(
        'transform returned a function at result.f, which is not JSON',
      );
      expect(failure('const o = { list: [] };\no.list.push(o);\nreturn o;').message).toBe(
        'transform returned a cyclic structure at result.list[0], which is not JSON',
      );
      expect(failure('Promise.resolve(1)').message).toBe('transform returned a Promise, which is not JSON');
      expect(failure('new Map([[1, 2]])').message).toBe('transform returned a Map, which is not JSON');
    });

    it('reports a toJSON that throws as a throw', () => {
      expect(failure('({ toJSON() { throw new Error("no") } })').message).toBe(
        'transform threw Error: no (line 1)',
      );
    });
  });

  describe('the sandbox reaches nothing of the host', () => {
    it('has no process, require, network or timers', () => {
      const names = [
        'process',
        'require',
        'module',
        'fetch',
        'XMLHttpRequest',
        'WebSocket',
        'setTimeout',
        'setInterval',
        'queueMicrotask',
        'Buffer',
        'console',
        'globalThis.Deno',
        'globalThis.Bun',
      ];
      expect(run(`[${names.map((name) => `typeof ${name}`).join(', ')}]`)).toEqual(
        names.map(() => 'undefined'),
      );
      expect(failure('process.exit(1)').message).toBe(
        "transform threw ReferenceError: 'process' is not defined (line 1)",
      );
      expect(failure('require("fs")').message).toBe(
        "transform threw ReferenceError: 'require' is not defined (line 1)",
      );
    });

    it('cannot import modules', () => {
      expect(failure("import('fs')").message).toBe('transform returned a Promise, which is not JSON');
      expect(failure("import fs from 'fs';\nreturn fs;").message).toMatch(
        /^transform code has a syntax error/,
      );
    });

    it('reaches only its own global through the Function constructor', () => {
      expect(failure("globalThis.constructor.constructor('return process')()").message).toBe(
        "transform threw ReferenceError: 'process' is not defined (line 1)",
      );
      expect(failure("this.constructor.constructor('return process')()").message).toBe(
        "transform threw ReferenceError: 'process' is not defined (line 1)",
      );
      expect(run("Function('return this')() === globalThis")).toBe(true);
      const globals = run("Object.getOwnPropertyNames(Function('return this')())") as string[];
      expect(globals).toContain('JSON');
      for (const hostOnly of ['process', 'require', 'fetch', 'setTimeout', 'Buffer', 'global'])
        expect(globals).not.toContain(hostOnly);
      expect(run("(0, eval)('typeof process')")).toBe('undefined');
    });

    it('keeps prototype pollution inside the sandbox, and inside one transform', () => {
      const code =
        'Object.prototype.polluted = "yes";\n({}).__proto__.alsoPolluted = "yes";\nreturn [({}).polluted, [].alsoPolluted];';
      expect(run(code)).toEqual(['yes', 'yes']);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(({} as Record<string, unknown>).alsoPolluted).toBeUndefined();
      expect(run('[typeof ({}).polluted, typeof ({}).alsoPolluted]')).toEqual(['undefined', 'undefined']);
    });

    it('starts every transform in a fresh context', () => {
      const counter =
        'globalThis.count = (globalThis.count || 0) + 1;\nJSON.stringify = () => "tampered";\nreturn count;';
      expect(run(counter)).toBe(1);
      expect(run(counter)).toBe(1);
    });

    it('is not fooled by a transform that replaces the built-ins it returns through', () => {
      const code =
        'JSON.stringify = () => "v666";\nJSON.parse = () => 666;\nReflect.apply = () => 666;\nreturn { ok: true };';
      expect(run(code)).toEqual({ ok: true });
    });
  });

  describe('limits', () => {
    let quick: CheckedSandbox;
    beforeAll(async () => {
      quick = await create({ timeMs: 100 });
    });
    afterAll(() => quick.dispose());

    it('has the documented defaults', () => {
      expect(DEFAULT_TRANSFORM_LIMITS).toEqual({ timeMs: 5000, memoryBytes: 64 * MiB });
      expect(sandbox.limits).toEqual(DEFAULT_TRANSFORM_LIMITS);
    });

    it('stops an endless loop at the default time limit, then runs the next transform', () => {
      expect(failure('while (true) {}').message).toBe('transform ran longer than its time limit of 5000 ms');
      expect(run('input + 1', [1])).toBe(2);
    });

    it('stops a loop that catches and retries, and one hiding in finally', () => {
      expect(failure('for (;;) { try { while (true) {} } catch (e) {} }', [], quick).message).toBe(
        'transform ran longer than its time limit of 100 ms',
      );
      expect(failure('try { while (true) {} } finally { while (true) {} }', [], quick).message).toBe(
        'transform ran longer than its time limit of 100 ms',
      );
      expect(failure('/(a+)+b/.test("a".repeat(40))', [], quick).message).toBe(
        'transform ran longer than its time limit of 100 ms',
      );
      expect(quick.runJavaScript('"still fine"', [])).toBe('still fine');
    });

    it('stops a memory bomb of arrays, then runs the next transform', () => {
      expect(failure('let a = []; while (true) a.push(new Array(1e6).fill(1))').message).toBe(
        'transform exceeded its memory limit of 64 MiB',
      );
      expect(run('input * 2', [21])).toBe(42);
    });

    it('stops a memory bomb that keeps everything reachable from the global', () => {
      expect(failure('globalThis.keep = []; while (true) keep.push(new Array(1e6).fill(1))').message).toBe(
        'transform exceeded its memory limit of 64 MiB',
      );
      expect(run('[1, 2, 3].length')).toBe(3);
    });

    it('stops huge string doubling, lazy or materialised, then runs the next transform', () => {
      expect(failure('let s = "x"; while (true) s = s + s').message).toBe(
        'transform exceeded its memory limit of 64 MiB (it built a string too long to hold)',
      );
      expect(failure('let s = "x"; while (true) { s = s + s; s.charCodeAt(s.length - 1) }').message).toBe(
        'transform exceeded its memory limit of 64 MiB',
      );
      expect(run('"ok"')).toBe('ok');
    });

    it('refuses arguments larger than the memory limit before they enter the sandbox', async () => {
      const small = await create({ memoryBytes: MiB });
      try {
        expect(failure('input.length', ['x'.repeat(2 * MiB)], small).message).toBe(
          'transform exceeded its memory limit of 1 MiB (its arguments alone are 2097156 bytes of JSON)',
        );
        expect(small.runJavaScript('input.length', ['x'.repeat(1000)])).toBe(1000);
      } finally {
        small.dispose();
      }
    });

    it('turns deep recursion into a TransformError', () => {
      expect(failure('function f(n) { return f(n + 1) + 1 }\nreturn f(0);').message).toBe(
        'transform recursed or nested too deeply (stack overflow)',
      );
      expect(failure('const o = { get x() { return this.x } };\nreturn o.x;').message).toBe(
        'transform recursed or nested too deeply (stack overflow)',
      );
      expect(failure('const deep = "[".repeat(20000) + "]".repeat(20000);\nreturn eval(deep);').message).toBe(
        'transform recursed or nested too deeply (stack overflow)',
      );
      expect(run('1 + 1')).toBe(2);
    });

    it('allows ordinary recursion depth', () => {
      expect(run('function depth(n) { return n === 0 ? 0 : 1 + depth(n - 1) }\nreturn depth(500);')).toBe(
        500,
      );
    });

    it('refuses code nested too deeply to compile, without breaking the engine', () => {
      const deep = `[${'['.repeat(5000)}${']'.repeat(5000)}]`;
      expect(failure(deep).message).toBe('transform recursed or nested too deeply (stack overflow)');
      expect(run('"next"')).toBe('next');
    });

    it('returns results nested up to 1000 levels deep, and refuses deeper ones', () => {
      const nest = (levels: number) =>
        `let v = null;\nfor (let i = 0; i < ${levels}; i++) v = [v];\nreturn v;`;
      let expected: JsonValue = null;
      for (let i = 0; i < 1000; i++) expected = [expected];
      expect(run(nest(1000))).toEqual(expected);
      expect(failure(nest(1001)).message).toBe('transform recursed or nested too deeply (stack overflow)');
      expect(failure(nest(100000)).message).toBe('transform recursed or nested too deeply (stack overflow)');
    });

    it('survives code that overflows the host stack inside WebAssembly', async () => {
      const crasher = await create();
      try {
        const nested = 'eval("(".repeat(200000) + "1" + ")".repeat(200000))';
        expect(failure(nested, [], crasher).message).toBe(
          'transform recursed or nested too deeply (stack overflow)',
        );
        expect(crasher.runJavaScript('input + 1', [1])).toBe(2);
        await crasher.ready();
        expect(failure(nested, [], crasher).message).toBe(
          'transform recursed or nested too deeply (stack overflow)',
        );
        expect(crasher.runJavaScript('input + 2', [1])).toBe(3);
      } finally {
        crasher.dispose();
      }
    });

    it('rejects limits it cannot honour', async () => {
      await expect(create({ timeMs: 0 })).rejects.toThrow(RangeError);
      await expect(create({ memoryBytes: 1000 })).rejects.toThrow(RangeError);
    });
  });

  describe('lifecycle', () => {
    it('refuses to run after dispose', async () => {
      const short = await create();
      expect(short.runJavaScript('1', [])).toBe(1);
      short.dispose();
      expect(() => short.runJavaScript('1', [])).toThrow('disposed');
    });
  });
}
