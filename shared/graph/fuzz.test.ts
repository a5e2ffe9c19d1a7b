/**
 * Fuzzing the parser: mutated documents and mutated text never make it throw, and it always answers
 * either with a graph that validates again or with readable problems.
 */
import { describe, expect, it } from 'vitest';
import { prng } from '../../test/prng';
import { parseGraph } from './parse';
import { PROBLEM_CODES } from './problems';
import type { ParseResult } from './types';
import { validateGraph } from './validate';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const BASES: Json[] = [
  {
    format: 'flowloop.graph/2',
    name: 'three pages',
    nodes: [
      {
        id: 'page_a',
        kind: 'fetch',
        params: { url: 'http://127.0.0.1:8080/a', responseType: 'text' },
        position: { x: 0, y: 0 },
      },
      { id: 'nap', kind: 'sleep', params: { seconds: 5 } },
      { id: 'all', kind: 'gather', params: {} },
    ],
    edges: [
      { source: 'page_a', target: 'all', input: 0 },
      { source: 'nap', target: 'all', input: 1 },
    ],
  },
  {
    format: 'flowloop.graph/2',
    'x-editor': { theme: 'dark' },
    view: { x: 1, y: 2, zoom: 1.5 },
    nodes: [
      { id: 'v', kind: 'value', params: { value: { id: 7, tags: ['a', 'b'] } }, label: 'start' },
      {
        id: 'get',
        kind: 'fetch',
        params: {
          url: 'https://h.example/{0.id}',
          method: 'post',
          headers: { 'X-Tag': '{0.tags.1}' },
          body: { id: '{0.id}', n: 'n={0}' },
          timeout: 2,
        },
      },
      { id: 'pick', kind: 'transform', params: { language: 'jmespath', code: 'items[0].name' } },
      { id: 'js', kind: 'transform', params: { code: 'return args.length' } },
      { id: 'boom', kind: 'fail', params: { error: 'ValueError', message: 'x', after: 0.5 } },
      { id: 'w', kind: 'wait', params: { timeout: null, returnWhen: 'FIRST_COMPLETED' } },
      { id: 'wf', kind: 'wait_for', params: { timeout: 1 } },
      { id: 'r', kind: 'race', params: {} },
      { id: 'sh', kind: 'shield', params: {} },
      { id: 'ac', kind: 'as_completed', params: {} },
      { id: 'seq', kind: 'sequence', params: {} },
      { id: 'g', kind: 'gather', params: { returnExceptions: true }, 'x-note': [1, 2] },
    ],
    edges: [
      { source: 'v', target: 'get', input: 0 },
      { source: 'get', target: 'pick', input: 0 },
      { source: 'pick', target: 'js', input: 0 },
      { source: 'js', target: 'w', input: 0 },
      { source: 'boom', target: 'wf', input: 0 },
      { source: 'wf', target: 'r', input: 2 },
      { source: 'w', target: 'r', input: 5 },
      { source: 'r', target: 'sh', input: 0 },
      { source: 'sh', target: 'ac', input: 0 },
      { source: 'ac', target: 'seq', input: 0 },
      { source: 'seq', target: 'g', input: 0, 'x-kind': 'data' },
    ],
  },
  {
    format: 'flowloop.graph/2',
    nodes: [{ id: 'only', kind: 'sleep', params: { seconds: 0, result: null } }],
  },
];

const STRINGS = [
  '',
  'x',
  'nap',
  'page_a',
  '__proto__',
  'constructor',
  'prototype',
  'class',
  'None',
  '{0}',
  '{',
  '}}',
  '{1.a.b}',
  'x-ok',
  'http://h/{9}',
  'FIRST_EXCEPTION',
  'jmespath',
  'a['.repeat(3),
  'é😀\u0000\n    at fake (stack.js:1:1)',
  'flowloop.graph/3',
  'ftp://x',
  'GET',
];
const KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'x-extra',
  'id',
  'kind',
  'params',
  'seconds',
  'url',
  'source',
  'target',
  'input',
  'value',
  'timeout',
  'format',
  'nodes',
  'edges',
  'view',
  'label',
  'position',
  'secnds',
];
const NUMBERS = [0, -0, 1, -1, 0.5, 2 ** 53, -(2 ** 53) - 2, 1e308, -1e308, 5e-324, 3.14159, 1e21, 255];

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

class Mutator {
  constructor(readonly random: () => number) {}

  int(n: number): number {
    return Math.floor(this.random() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }

  value(depth = 0): Json {
    switch (this.int(depth > 2 ? 4 : 7)) {
      case 0:
        return null;
      case 1:
        return this.random() < 0.5;
      case 2:
        return this.pick(NUMBERS);
      case 3:
        return this.pick(STRINGS);
      case 4:
        return Array.from({ length: this.int(4) }, () => this.value(depth + 1));
      case 5: {
        const object: Record<string, Json> = {};
        for (let i = this.int(4); i > 0; i--)
          Object.defineProperty(object, this.pick(KEYS), {
            value: this.value(depth + 1),
            enumerable: true,
            writable: true,
            configurable: true,
          });
        return object;
      }
      default: {
        // Deep nesting, in lists or objects.
        let nested: Json = this.value(3);
        const levels = this.pick([50, 199, 201, 400]);
        for (let i = 0; i < levels; i++) nested = this.random() < 0.5 ? [nested] : { a: nested };
        return nested;
      }
    }
  }

  /** Every object or list inside `root`, with the root itself. */
  containers(root: Json): (Json[] | { [key: string]: Json })[] {
    const found: (Json[] | { [key: string]: Json })[] = [];
    const stack: Json[] = [root];
    while (stack.length > 0 && found.length < 5000) {
      const item = stack.pop() as Json;
      if (item === null || typeof item !== 'object') continue;
      found.push(item);
      stack.push(...(Array.isArray(item) ? item : Object.values(item)));
    }
    return found;
  }

  mutateTree(root: Json): Json {
    const target = this.pick(this.containers(root));
    const keys = Array.isArray(target) ? target.map((_, i) => i) : Object.keys(target);
    const set = (key: string | number, value: Json) => {
      if (Array.isArray(target)) target[Number(key)] = value;
      else
        Object.defineProperty(target, String(key), {
          value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
    };
    const key = keys.length > 0 ? this.pick(keys as (string | number)[]) : undefined;
    switch (this.int(8)) {
      case 0: // drop a key or an element
        if (key === undefined) break;
        if (Array.isArray(target)) target.splice(Number(key), 1);
        else delete target[String(key)];
        break;
      case 1: // duplicate a key under another name, or an element
        if (key === undefined) break;
        if (Array.isArray(target)) target.push(clone(target[Number(key)] as Json));
        else set(this.pick(KEYS), clone(target[String(key)] as Json));
        break;
      case 2: // retype: a random value in place of one
      case 3:
        if (key !== undefined) set(key, this.value());
        break;
      case 4: // prototype-looking keys
        if (!Array.isArray(target)) set(this.pick(['__proto__', 'constructor', 'prototype']), this.value(2));
        break;
      case 5: // point edges or ids at other names, or make loops
        if (key !== undefined)
          set(key, this.pick(['nap', 'all', 'page_a', 'v', 'get', 'g', 'only', 'ghost']));
        break;
      case 6: // huge or odd numbers
        if (key !== undefined) set(key, this.pick([1e308, -1e308, 2 ** 64, -1, 0.1, 1e-300]));
        break;
      default: // deep nesting
        if (key !== undefined) set(key, this.value(7));
    }
    return root;
  }

  mutateText(text: string): string {
    const at = this.int(text.length + 1);
    switch (this.int(7)) {
      case 0:
        return text.slice(0, at); // truncated
      case 1: {
        // a byte flipped
        const code = text.charCodeAt(at) ^ (1 << this.int(8));
        return text.slice(0, at) + String.fromCharCode(code) + text.slice(at + 1);
      }
      case 2:
        return (
          text.slice(0, at) +
          this.pick([
            '{',
            '}',
            '[',
            ']',
            ',',
            ':',
            '"',
            '\\',
            '\u0000',
            '\uFEFF',
            '1e999',
            '-',
            'NaN',
            '//',
          ]) +
          text.slice(at)
        );
      case 3:
        return text.slice(0, at) + text.slice(at + 1 + this.int(20)); // a slice deleted
      case 4:
        return text.replace(/"(id|kind|source|target)"/, '"__proto__"');
      case 5:
        return text.replace(
          /\d+/,
          this.pick(['1e400', '-1e400', '123456789012345678901234567890', '0.0000000000000000000001']),
        );
      default:
        return '['.repeat(this.int(3) * 5_000) + text;
    }
  }
}

const CODES: ReadonlySet<string> = new Set(PROBLEM_CODES.filter((code) => code !== 'internal'));

/**
 * What is wrong with an answer, as text ([] when nothing). Plain checks rather than one expect() each:
 * tens of thousands of expect calls would dominate the run time.
 */
function faultsOf(result: ParseResult): string[] {
  if (result.ok) {
    const faults: string[] = [];
    if (result.problems.length !== 0) faults.push('ok with problems');
    // A graph that was accepted is accepted again, unchanged, from memory and from its own text.
    const text = JSON.stringify(result.graph);
    const again = validateGraph(result.graph);
    if (!again.ok) faults.push(`accepted graph refused on revalidation: ${again.problems[0]?.message}`);
    else if (JSON.stringify(again.graph) !== text) faults.push('revalidation changed the graph');
    if (!parseGraph(text).ok) faults.push('accepted graph refused when parsed from its own text');
    return faults;
  }
  if (result.problems.length === 0) return ['refused without problems'];
  const faults: string[] = [];
  for (const { code, message, node, edge } of result.problems) {
    if (!CODES.has(code)) faults.push(`code ${code}: ${message}`);
    if (typeof message !== 'string' || message.length === 0) faults.push(`empty message (${code})`);
    else if (/[\n\r\u2028\u2029]/.test(message) || message.includes('    at '))
      faults.push(`message looks like more than one line: ${JSON.stringify(message)}`);
    if (node !== undefined && typeof node !== 'string') faults.push(`node is not a string (${code})`);
    if (edge !== undefined && !Number.isInteger(edge)) faults.push(`edge is not an integer (${code})`);
  }
  return faults;
}

describe('fuzzing parseGraph and validateGraph', () => {
  it('survives 5,000 mutated documents and texts', () => {
    const random = prng(0x5eed);
    const mutator = new Mutator(random);
    let accepted = 0;
    let refused = 0;
    const CASES = 5000;
    const faults: string[] = [];
    for (let n = 0; n < CASES; n++) {
      const base = clone(mutator.pick(BASES));
      const mutations = 1 + mutator.int(4);
      let result: ParseResult;
      let what: string;
      if (n % 3 === 2) {
        // Text-level damage on top of tree-level damage.
        let text = JSON.stringify(mutations > 1 ? mutator.mutateTree(base) : base);
        for (let i = 0; i < mutations; i++) text = mutator.mutateText(text);
        what = `case ${n} (text): ${text.slice(0, 200)}`;
        result = parseGraph(text);
        // A text JSON.parse refuses must get exactly one not-json problem located by our scanner (the
        // engine-message fallback says no "at line"), so the scanner agrees with JSON.parse.
        const first = result.problems[0];
        if (
          first?.code === 'not-json' &&
          (result.problems.length !== 1 || !first.message.startsWith('not valid JSON at line '))
        ) {
          faults.push(`${what}: the JSON error was not located: ${first.message}`);
        }
      } else {
        let tree: Json = base;
        for (let i = 0; i < mutations; i++) tree = mutator.mutateTree(tree);
        const text = JSON.stringify(tree);
        what = `case ${n} (tree): ${text.slice(0, 200)}`;
        // The same document from memory and from text gets the same answer.
        result = parseGraph(text);
        const fromMemory = validateGraph(tree);
        if (fromMemory.ok !== result.ok) faults.push(`${what}: memory and text disagree`);
        faults.push(...faultsOf(fromMemory).map((fault) => `${what} (memory): ${fault}`));
      }
      faults.push(...faultsOf(result).map((fault) => `${what}: ${fault}`));
      if (result.ok) accepted++;
      else refused++;
    }
    expect(faults.slice(0, 20)).toEqual([]);
    expect(accepted + refused).toBe(CASES);
    // The mutations must leave some documents valid, or the accepted branch would go untested.
    expect(accepted).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(1000);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('a');
  });

  it('survives in-memory values that are not JSON at all', () => {
    const random = prng(42);
    const mutator = new Mutator(random);
    const strange: unknown[] = [
      undefined,
      () => 1,
      Symbol('s'),
      10n,
      new Date(0),
      new Map(),
      Number.NaN,
      -Infinity,
      Object.create(null),
      new (class Thing {})(),
    ];
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    strange.push(cyclic);
    const throwing = {};
    Object.defineProperty(throwing, 'boom', {
      enumerable: true,
      get: () => {
        throw new Error('getter\n    at evil (x.js:1:1)');
      },
    });
    strange.push(throwing);
    strange.push(
      new Proxy(
        {},
        {
          ownKeys: () => {
            throw new Error('proxy');
          },
        },
      ),
    );
    const faults: string[] = [];
    for (let n = 0; n < 1000; n++) {
      const tree = clone(mutator.pick(BASES)) as unknown;
      const containers = mutator.containers(tree as Json);
      const target = mutator.pick(containers) as Record<string, unknown>;
      const keys = Object.keys(target);
      const key = keys.length > 0 && random() < 0.8 ? mutator.pick(keys) : 'x-added';
      target[key] = mutator.pick(strange);
      faults.push(...faultsOf(validateGraph(tree)).map((fault) => `case ${n} (${key}): ${fault}`));
    }
    for (const value of strange)
      faults.push(...faultsOf(validateGraph(value)).map((fault) => `${typeof value}: ${fault}`));
    expect(faults.slice(0, 20)).toEqual([]);
  });
});
