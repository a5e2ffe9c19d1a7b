import { beforeAll, describe, expect, it } from 'vitest';
import type { TransformLimits } from '../services';
import { loadEngine, type QuickJsEngine } from './quickjs-engine';

const limits: TransformLimits = { timeMs: 1000, memoryBytes: 64 * 1024 * 1024 };

/** Runs code that must fail cleanly: QuickJS's own stack limit, not the host's, must stop it. */
function stopsCleanly(engine: QuickJsEngine, code: string): string {
  const outcome = engine.run(code, '[]', limits);
  expect(engine.broken).toBe(false);
  expect(outcome.ok).toBe(false);
  return outcome.ok ? '' : outcome.error.message;
}

describe('QuickJsEngine stack limits', () => {
  let engine: QuickJsEngine;
  beforeAll(async () => {
    engine = await loadEngine(limits);
  });

  it('stops deep nesting in the code while compiling, before the host stack runs out', () => {
    for (const [open, close] of [
      ['(', ')'],
      ['[', ']'],
    ] as const) {
      const code = `${open.repeat(100000)}1${close.repeat(100000)}`;
      expect(stopsCleanly(engine, code)).toBe('transform recursed or nested too deeply (stack overflow)');
    }
    // QuickJS words these as syntax errors ("invalid property name", "missing formal
    // parameter"); what matters is that they stop cleanly.
    expect(stopsCleanly(engine, `${'{a:'.repeat(100000)}1${'}'.repeat(100000)}`)).toMatch(/^transform /);
    expect(stopsCleanly(engine, `${'function f() {'.repeat(20000)}${'}'.repeat(20000)}`)).toMatch(
      /^transform /,
    );
  });

  it('compiles ordinary nesting', () => {
    const outcome = engine.run(`${'['.repeat(200)}1${']'.repeat(200)}`, '[]', limits);
    expect(outcome.ok).toBe(true);
  });

  it('stops runaway recursion before the host stack runs out', () => {
    const recursions = [
      'function f(n) { return f(n + 1) + 1 }\nreturn f(0);',
      'function f() { return [1].map(() => f()) }\nreturn f();',
      'function f() { return JSON.parse("[1]", () => f()) }\nreturn f();',
      'const o = { get x() { return this.x } };\nreturn o.x;',
      'const p = new Proxy({}, { get(t, k, r) { return r[k] } });\nreturn p.x;',
      'let a = [];\nfor (let i = 0; i < 100000; i++) a = [a];\nreturn String(a);',
      'let v = null;\nfor (let i = 0; i < 100000; i++) v = [v];\nreturn v;',
      'const text = "[".repeat(100000) + "]".repeat(100000);\nreturn JSON.parse(text);',
    ];
    for (const code of recursions) {
      expect(stopsCleanly(engine, code)).toBe('transform recursed or nested too deeply (stack overflow)');
    }
  });

  it('is broken, and says so, when the host stack runs out inside WebAssembly', async () => {
    const doomed = await loadEngine(limits);
    const outcome = doomed.run('eval("(".repeat(100000) + "1" + ")".repeat(100000))', '[]', limits);
    expect(outcome.ok ? null : outcome.error.message).toBe(
      'transform recursed or nested too deeply (stack overflow)',
    );
    expect(doomed.broken).toBe(true);
    expect(() => doomed.run('1', '[]', limits)).toThrow('broken');
  });
});
