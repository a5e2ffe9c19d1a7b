/**
 * The validator's shortcuts give the answers the long way would: the cheap "surely valid" tests accept
 * only what the schemas accept, a parsed document checked in place gets the same answer as one copied,
 * and the linear cycle test finds every cycle findCycles names.
 */
import { describe, expect, it } from 'vitest';
import { prng } from '../../test/prng';
import { parseGraph } from './parse';
import {
  edgeEndSchema,
  edgeInputSchema,
  labelSchema,
  NODE_KINDS,
  paramsSchemas,
  positionSchema,
} from './schema';
import type { Graph, GraphEdge, GraphNode } from './types';
import { SURELY_VALID, validateGraph, validateParsedGraph } from './validate';

const FORMAT = 'flowloop.graph/2';

/** `nodes` nodes: sleeps s_<wave>_<i> gathered by one gather per wave, the gathers by the sequence "waves". */
function streamWorkflow(nodes = 5000, waves = 50): Graph {
  const sleeps = nodes - waves - 1;
  const graphNodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  for (let w = 0; w < waves; w++) {
    const size = Math.floor(sleeps / waves) + (w < sleeps % waves ? 1 : 0);
    for (let i = 0; i < size; i++) {
      graphNodes.push({
        id: `s_${w}_${i}`,
        kind: 'sleep',
        params: { seconds: 0.001 },
        position: { x: w, y: i },
      });
      edges.push({ source: `s_${w}_${i}`, target: `wave_${w}`, input: i });
    }
    graphNodes.push({ id: `wave_${w}`, kind: 'gather', params: {} });
    edges.push({ source: `wave_${w}`, target: 'waves', input: w });
  }
  graphNodes.push({ id: 'waves', kind: 'sequence', params: {}, label: 'all waves' });
  return { format: FORMAT, nodes: graphNodes, edges };
}

/** Values of many shapes, near the edges of what the schemas accept. */
function samples(): unknown[] {
  const numbers = [
    0,
    -0,
    1,
    -1,
    0.5,
    2 ** 53,
    2 ** 53 - 1,
    -(2 ** 53),
    1e308,
    Infinity,
    -Infinity,
    NaN,
    5e-324,
  ];
  const inherited = Object.create({ extra: 1 }) as Record<string, unknown>;
  inherited.x = 1;
  inherited.y = 2;
  const protoKey = JSON.parse('{"x": 1, "y": 2, "__proto__": 3}') as unknown;
  const values: unknown[] = [
    ...numbers,
    null,
    undefined,
    true,
    '',
    'a',
    '0',
    [],
    [1, 2],
    {},
    inherited,
    protoKey,
    Object.create(null),
    { '': 1 },
  ];
  for (const x of numbers)
    for (const y of [0, 1.5, NaN, '1']) {
      values.push({ x, y }, { x, y, z: 0 }, { x, y, '': 0 }, { y, x }, { x });
    }
  for (const seconds of [...numbers, '1', null])
    values.push({ seconds }, { seconds, result: 1 }, { seconds, '': 1 }, { seconds, extra: true });
  const withSeconds = Object.create({ seconds: 1 }) as Record<string, unknown>;
  values.push(withSeconds, Object.assign(Object.create({ x: 1 }) as object, { seconds: 1 }));
  return values;
}

describe('the cheap tests accept only what the schemas accept', () => {
  const cases: [
    string,
    (value: unknown) => boolean,
    { safeParse: (value: unknown) => { success: boolean } },
  ][] = [
    ['label', SURELY_VALID.label, labelSchema],
    ['position', SURELY_VALID.position, positionSchema],
    ['edge end', SURELY_VALID.edgeEnd, edgeEndSchema],
    ['edge input', SURELY_VALID.edgeInput, edgeInputSchema],
  ];
  for (const [name, surelyValid, schema] of cases) {
    it(name, () => {
      const wrong = samples().filter((value) => surelyValid(value) && !schema.safeParse(value).success);
      expect(wrong).toEqual([]);
      // And the shortcut is taken for the common case.
      expect(samples().some((value) => surelyValid(value))).toBe(true);
    });
  }

  it('params, for every kind', () => {
    const params = samples().filter(
      (value): value is Record<string, unknown> =>
        value !== null && typeof value === 'object' && !Array.isArray(value),
    );
    for (const kind of NODE_KINDS) {
      const wrong = params.filter(
        (value) => SURELY_VALID.params(kind, value) && !paramsSchemas[kind].safeParse(value).success,
      );
      expect(wrong, kind).toEqual([]);
    }
    expect(SURELY_VALID.params('sleep', { seconds: 1 })).toBe(true);
    expect(SURELY_VALID.params('gather', {})).toBe(true);
    expect(SURELY_VALID.params('wait_for', {})).toBe(false);
  });
});

/** Documents that exercise each check: valid, broken in many ways, deep, cyclic. */
function documents(): unknown[] {
  const deep = (levels: number): unknown => {
    let value: unknown = 1;
    for (let i = 0; i < levels; i++) value = i % 2 === 0 ? [value] : { a: value };
    return value;
  };
  const stream = streamWorkflow(300, 3);
  const cyclic = structuredClone(stream);
  cyclic.edges.push(
    { source: 'waves', target: 's_0_0', input: 0 },
    { source: 's_1_1', target: 's_1_1', input: 0 },
  );
  const broken = structuredClone(stream) as unknown as {
    nodes: Record<string, unknown>[];
    edges: Record<string, unknown>[];
  };
  Object.assign(broken.nodes[3] as object, { id: 'class', position: { x: 1, y: 2, z: 3 } });
  Object.assign(broken.nodes[4] as object, { params: { seconds: -1 } });
  Object.assign(broken.nodes[5] as object, { id: 's_0_0' });
  Object.assign(broken.edges[6] as object, { source: 'nowhere', input: 1.5 });
  Object.assign(broken.edges[7] as object, { input: 0, target: 'wave_0' });
  return [
    stream,
    cyclic,
    broken,
    { format: FORMAT, nodes: [{ id: 'a', kind: 'value', params: { value: deep(199) } }] },
    {
      format: FORMAT,
      nodes: [{ id: 'a', kind: 'value', params: { value: deep(250) } }],
      'x-deep': deep(300),
    },
    {
      format: FORMAT,
      nodes: [
        { id: 'w', kind: 'wait_for' },
        { id: 'p', kind: 'fetch', params: { url: 'http://h/{3}' } },
      ],
    },
    { format: FORMAT, nodes: [{ kind: 'sleep', params: {} }, 7, { id: 1, kind: 'nope' }], edges: [null, {}] },
    { nodes: [] },
    [],
  ];
}

describe('a parsed document checked in place', () => {
  it('gets the answer validateGraph gives for the same value, deep and broken ones included', () => {
    for (const document of documents()) {
      const text = JSON.stringify(document);
      const copied = validateGraph(JSON.parse(text));
      expect(validateParsedGraph(JSON.parse(text))).toEqual(copied);
      expect(parseGraph(text)).toEqual(copied);
    }
  });

  it('validateGraph leaves its argument as it was', () => {
    const value = { format: FORMAT, nodes: [{ id: 'r', kind: 'race' }] };
    const before = JSON.stringify(value);
    validateGraph(value);
    expect(JSON.stringify(value)).toBe(before);
  });
});

describe('cycles in large graphs', () => {
  it('a valid 5,000-node graph has no problems; each loop added to it is named', () => {
    const graph = streamWorkflow();
    expect(parseGraph(JSON.stringify(graph)).ok).toBe(true);
    const random = prng(7);
    const ids = graph.nodes.map((node) => node.id);
    const pick = () => ids[Math.floor(random() * ids.length)] as string;
    // A back edge from the sink to a sleep closes a loop through its gather.
    const looped = structuredClone(graph);
    looped.edges.push({ source: 'waves', target: pick(), input: 0 });
    looped.edges.push({ source: 'wave_3', target: 'wave_3', input: 999 });
    const result = parseGraph(JSON.stringify(looped));
    expect(result.ok).toBe(false);
    const cycles = result.problems.filter((problem) => problem.code === 'cycle');
    expect(cycles.length).toBeGreaterThanOrEqual(1);
    expect(cycles.some((problem) => problem.message.startsWith('cycle: wave_3 (gather) -> wave_3'))).toBe(
      true,
    );
  });
});
