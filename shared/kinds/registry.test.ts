/**
 * Every node kind is whole: its spec, coroutine and exporters in its folder (the types make a missing one a
 * compile error; this checks what types cannot), its rows in docs/file-format.md and
 * docs/run-semantics.md, its branch in the CPython oracle and a scenario the oracle runs (or, for a
 * kind the oracle cannot run, an example the export parity suites run on CPython).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { COMBINATOR_KINDS, COROUTINE_KINDS, NODE_KINDS, type NodeKind } from './specs';
import type { KindDefinition } from './registry';
import { KINDS } from './registry';

const root = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const read = (path: string) => readFileSync(root(path), 'utf8');

/** The kinds named in the first column of a Markdown table row: "| `wait_for` | …". */
function kindsInTables(markdown: string): Set<string> {
  return new Set([...markdown.matchAll(/^\| `([a-z_]+)` +\|/gm)].map((match) => match[1]!));
}

/**
 * Kinds the CPython oracle cannot run, and why: python-parity.test.ts runs the examples that use them
 * as exported programs on CPython (against its test HTTP server) and compares them with the engine.
 */
const OUTSIDE_THE_ORACLE: Partial<Record<NodeKind, string>> = {
  fetch: 'needs an HTTP server',
};

const definitions = Object.values(KINDS) as KindDefinition<NodeKind>[];

describe('the kind registry', () => {
  it('has every kind, under its own name, in palette order', () => {
    expect(Object.keys(KINDS)).toEqual([...NODE_KINDS]);
    for (const [key, definition] of Object.entries(KINDS)) expect(definition.kind).toBe(key);
  });

  it('gives each kind its family, ports, palette text, coroutine and exporters', () => {
    for (const definition of definitions) {
      const { kind, family, ports } = definition;
      expect(family, kind).toBe(
        (COMBINATOR_KINDS as readonly string[]).includes(kind) ? 'combinator' : 'coroutine',
      );
      if (family === 'coroutine') expect(COROUTINE_KINDS, kind).toContain(kind);
      expect(Number.isInteger(ports.min) && ports.min >= 0, kind).toBe(true);
      // A kind takes at least one argument, or none at all (input).
      if (ports.max !== null) expect(ports.max, kind).toBeGreaterThanOrEqual(ports.min === 0 ? 0 : ports.min);
      if (ports.names !== undefined && ports.max !== null) expect(ports.names.length, kind).toBe(ports.max);
      expect(definition.palette.trim(), kind).not.toBe('');
      expect(typeof definition.run, kind).toBe('function');
      expect(typeof definition.python, kind).toBe('function');
      expect(typeof definition.typescript, kind).toBe('function');
      expect(typeof definition.summary, kind).toBe('function');
    }
  });

  it('makes new nodes whose params are valid, and names only params the schema knows', () => {
    for (const definition of definitions) {
      const { kind } = definition;
      const known = Object.keys(definition.params.shape);
      expect(definition.params.safeParse(definition.newParams).success, kind).toBe(true);
      expect(typeof definition.summary(definition.newParams), kind).toBe('string');
      for (const name of Object.keys(definition.defaults)) expect(known, kind).toContain(name);
      for (const field of definition.inspector) {
        expect(known, kind).toContain(field.param);
        if (field.type === 'code') expect(known, kind).toContain(field.languageParam);
      }
      for (const name of known)
        expect(
          definition.inspector.some(
            (field) => field.param === name || (field.type === 'code' && field.languageParam === name),
          ),
          `${kind}.${name} has no inspector field`,
        ).toBe(true);
    }
  });

  it('is documented: a row per kind in docs/file-format.md and docs/run-semantics.md', () => {
    const format = kindsInTables(read('docs/file-format.md'));
    const semantics = kindsInTables(read('docs/run-semantics.md'));
    for (const kind of NODE_KINDS) {
      expect(format.has(kind), `docs/file-format.md has no row for ${kind}`).toBe(true);
      expect(semantics.has(kind), `docs/run-semantics.md has no row for ${kind}`).toBe(true);
    }
  });

  it('is run on CPython: by the oracle in a scenario, or by the export parity suites in an example', () => {
    const oracle = read('test/oracle/asyncio_oracle.py');
    const kindsIn = (dir: string) => {
      const used = new Set<string>();
      for (const file of readdirSync(root(dir)).filter((name) => name.endsWith('.flow.json'))) {
        const graph = JSON.parse(read(dir + file)) as { nodes: { kind: string }[] };
        for (const node of graph.nodes) used.add(node.kind);
      }
      return used;
    };
    const scenarios = kindsIn('test/oracle/scenarios/');
    const examples = kindsIn('examples/');
    for (const kind of NODE_KINDS) {
      if (Object.hasOwn(OUTSIDE_THE_ORACLE, kind)) {
        expect(examples.has(kind), `no example in examples/ uses ${kind}`).toBe(true);
        continue;
      }
      expect(oracle, `asyncio_oracle.py has no branch for ${kind}`).toContain(`kind == '${kind}'`);
      expect(scenarios.has(kind), `no scenario in test/oracle/scenarios/ uses ${kind}`).toBe(true);
    }
  });
});
