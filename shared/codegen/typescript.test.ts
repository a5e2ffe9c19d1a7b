/**
 * The shape of the TypeScript export: names, order, which helpers it holds, that it is valid
 * TypeScript, and that re-exporting an unchanged graph gives the same bytes. What the exported
 * programs do is checked against the engine in shared/codegen/typescript-parity.test.ts.
 */
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { parseGraph } from '../graph';
import type { Graph, GraphEdge, GraphNode, JsonValue } from '../graph/types';
import { exportTypeScript } from './typescript';
import { tsLiteral, tsString, tsTemplateText } from './typescript-literal';

function graphOf(
  nodes: GraphNode[],
  edges: [source: string, target: string, input: number][] = [],
  name?: string,
): Graph {
  const graph: Graph = {
    format: 'flowloop.graph/2',
    nodes,
    edges: edges.map(([source, target, input]): GraphEdge => ({ source, target, input })),
  };
  if (name !== undefined) graph.name = name;
  return graph;
}

function code(graph: Graph): string {
  const result = exportTypeScript(graph);
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.code;
}

/** TypeScript's syntax errors in `source` (no type-checking: the parity suite runs tsc). */
function syntaxErrors(source: string): string[] {
  const output = ts.transpileModule(source, {
    reportDiagnostics: true,
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
  });
  return (output.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

/** Names of the functions, classes and constants declared at the top of `source`, in order. */
function declarations(source: string): string[] {
  return [
    ...source.matchAll(/^(?:async function|function|class|const|let|interface|type) ([A-Za-z_$][\w$]*)/gm),
  ].map((m) => m[1] as string);
}

const EVERY_KIND = graphOf(
  [
    { id: 'start', kind: 'value', params: { value: { n: 1 } } },
    { id: 'nap', kind: 'sleep', params: { seconds: 0.5 } },
    {
      id: 'page',
      kind: 'fetch',
      params: { url: 'http://127.0.0.1:9/items/{0.n}', method: 'post', body: { item: '{0}' }, timeout: 2 },
    },
    { id: 'pick', kind: 'transform', params: { language: 'jmespath', code: 'items[0]' } },
    { id: 'double', kind: 'transform', params: { code: 'input.n * 2' } },
    { id: 'boom', kind: 'fail', params: { error: 'ValueError', message: 'bad', after: 1 } },
    { id: 'steps', kind: 'sequence', params: {} },
    { id: 'all', kind: 'gather', params: { returnExceptions: true } },
    { id: 'some', kind: 'gather', params: {} },
    { id: 'first', kind: 'wait', params: { timeout: 3, returnWhen: 'FIRST_EXCEPTION' } },
    { id: 'limited', kind: 'wait_for', params: { timeout: 1 } },
    { id: 'fastest', kind: 'race', params: {} },
    { id: 'arrivals', kind: 'as_completed', params: {} },
    { id: 'kept', kind: 'shield', params: {} },
  ],
  [
    ['start', 'nap', 0],
    ['start', 'page', 0],
    ['page', 'pick', 0],
    ['start', 'double', 0],
    ['nap', 'steps', 0],
    ['pick', 'steps', 1],
    ['double', 'all', 0],
    ['boom', 'all', 1],
    ['steps', 'some', 0],
    ['all', 'first', 0],
    ['some', 'limited', 0],
    ['first', 'fastest', 0],
    ['limited', 'fastest', 1],
    ['fastest', 'arrivals', 0],
    ['arrivals', 'kept', 0],
  ],
  'every kind',
);

describe('exportTypeScript', () => {
  it('writes valid TypeScript for every kind', () => {
    expect(syntaxErrors(code(EVERY_KIND))).toEqual([]);
  });

  it('gives byte-identical output for an unchanged graph, also after a save and load', () => {
    const first = code(EVERY_KIND);
    expect(code(EVERY_KIND)).toBe(first);
    const reloaded = parseGraph(JSON.stringify(EVERY_KIND, null, 2));
    if (!reloaded.ok) throw new Error(reloaded.problems.map((p) => p.message).join('\n'));
    expect(code(reloaded.graph)).toBe(first);
  });

  it('names each node function after its node, in file order, followed by main', () => {
    const names = declarations(code(EVERY_KIND));
    const nodeFunctions = names.filter((n) => EVERY_KIND.nodes.some((node) => node.id === n));
    expect(nodeFunctions).toEqual(EVERY_KIND.nodes.map((n) => n.id));
    expect(names.at(-1)).toBe('main');
    expect(names.indexOf('double_code')).toBe(names.indexOf('double') - 1);
  });

  it('awaits the terminal nodes in file order; a single terminal is the result itself', () => {
    const several = graphOf([
      { id: 'b', kind: 'value', params: { value: 2 } },
      { id: 'a', kind: 'value', params: { value: 1 } },
    ]);
    expect(code(several)).toContain('return await Promise.all([demand(b).promise, demand(a).promise]);');
    const single = graphOf([{ id: 'only', kind: 'value', params: { value: 1 } }]);
    expect(code(single)).toContain('return await demand(only).promise;');
  });

  it('awaits a coroutine node’s arguments one at a time, in input order, and demands a combinator’s all at once', () => {
    const graph = graphOf(
      [
        { id: 'x', kind: 'value', params: { value: 'x' } },
        { id: 'y', kind: 'value', params: { value: 'y' } },
        { id: 'later', kind: 'sleep', params: { seconds: 1 } },
        { id: 'both', kind: 'gather', params: {} },
      ],
      [
        ['y', 'later', 5],
        ['x', 'later', 2],
        ['y', 'both', 1],
        ['x', 'both', 0],
      ],
    );
    const source = code(graph);
    expect(source).toContain(
      [
        'async function later(signal: AbortSignal): Promise<Json> {',
        '  const arg0 = await need(x, signal);',
        '  await need(y, signal);',
        '  await sleep(1, signal);',
        '  return arg0;',
        '}',
      ].join('\n'),
    );
    expect(source).toContain('return await gather([demand(x), demand(y)], signal);');
  });

  it('renames a node whose id the file already uses, with a trailing underscore', () => {
    const graph = graphOf(
      [
        { id: 'sleep', kind: 'sleep', params: { seconds: 1 } },
        { id: 'sleep_', kind: 'value', params: { value: 1 } },
        { id: 'arg0', kind: 'value', params: { value: 0 } },
        { id: 'signal', kind: 'sequence', params: {} },
      ],
      [
        ['sleep_', 'sleep', 0],
        ['arg0', 'signal', 0],
        ['sleep', 'signal', 1],
      ],
    );
    const names = declarations(code(graph));
    expect(names).toContain('sleep');
    expect(names).toContain('sleep__');
    expect(names).toContain('sleep_');
    expect(names).toContain('arg0_');
    expect(names).toContain('signal_');
    expect(code(graph)).toContain('return [await need(arg0_, signal), await need(sleep__, signal)];');
    expect(syntaxErrors(code(graph))).toEqual([]);
  });

  it('holds no helper that its nodes do not use', () => {
    const bare = declarations(code(graphOf([{ id: 'answer', kind: 'value', params: { value: 42 } }])));
    expect(bare).toEqual([
      'Json',
      'NodeFunction',
      'CancelledError',
      'Task',
      'nodeTasks',
      'demand',
      'cancelUnfinished',
      'answer',
      'main',
    ]);

    const sleepy = declarations(code(graphOf([{ id: 'nap', kind: 'sleep', params: { seconds: 1 } }])));
    expect(sleepy).toEqual(expect.arrayContaining(['abortable', 'timers', 'callLater', 'sleep']));
    for (const helper of ['need', 'errorNamed', 'gather', 'wait', 'request', 'lookup', 'asText'])
      expect(sleepy).not.toContain(helper);

    const all = declarations(code(EVERY_KIND));
    for (const helper of [
      'need',
      'errorNamed',
      'gather',
      'gatherOutcomes',
      'wait',
      'waitFor',
      'race',
      'asCompleted',
      'shield',
      'request',
      'lookup',
      'asText',
      'transform',
    ]) {
      expect(all).toContain(helper);
    }
  });

  it('writes only the wait options the graph uses', () => {
    const onlyRace = code(
      graphOf(
        [
          { id: 'a', kind: 'value', params: { value: 1 } },
          { id: 'r', kind: 'race', params: {} },
        ],
        [['a', 'r', 0]],
      ),
    );
    expect(onlyRace).toContain('async function wait(tasks: Task[], signal: AbortSignal): Promise<Task[]> {');
    expect(onlyRace).not.toContain('callLater');
    const mixed = code(EVERY_KIND);
    expect(mixed).toContain(
      "async function wait(tasks: Task[], signal: AbortSignal, returnWhen: 'ALL_COMPLETED' | 'FIRST_COMPLETED' | 'FIRST_EXCEPTION', timeout?: number)",
    );
    expect(mixed).toContain("const done = await wait([demand(all)], signal, 'FIRST_EXCEPTION', 3);");
    expect(mixed).toContain('return await race([demand(first), demand(limited)], signal);');
    expect(mixed).toContain("const [winner] = await wait(tasks, signal, 'FIRST_COMPLETED');");
  });

  it('lists the npm package it imports in the header, and only then', () => {
    const withJmespath = code(EVERY_KIND);
    expect(withJmespath).toContain('npm install @jmespath-community/jmespath');
    expect(withJmespath).toContain("import { search } from '@jmespath-community/jmespath';");
    const plain = code(graphOf([{ id: 'answer', kind: 'value', params: { value: 42 } }]));
    expect(plain).toContain('Needs Node 20+ and nothing else.');
    expect(plain).not.toContain('jmespath');
  });

  it('writes placeholders as lookups into the arguments: URL-encoded in the url, the value itself for a whole body leaf', () => {
    const source = code(EVERY_KIND);
    expect(source).toContain(
      "url: `http://127.0.0.1:9/items/${encodeURIComponent(asText(lookup(arg0, '{0.n}')))}`,",
    );
    expect(source).toContain('body: JSON.stringify({ item: arg0 }),');
    expect(source).toContain("headers: { 'content-type': 'application/json' },");
    expect(source).toContain("method: 'POST',");
  });

  it('turns a JavaScript transform into a function whose body is the code as written', () => {
    const expression = code(
      graphOf([{ id: 'calc', kind: 'transform', params: { code: 'args.length + 1' } }]),
    );
    expect(expression).toContain(
      'function calc_code(args: any[], _input: any): any {\n  return (args.length + 1);\n}',
    );
    expect(expression).toContain('return transform(calc_code, []);');
    const statements = code(
      graphOf([{ id: 'calc', kind: 'transform', params: { code: 'const n = args.length;\nreturn n;' } }]),
    );
    expect(statements).toContain(
      'function calc_code(args: any[], _input: any): any {\n  const n = args.length;\n  return n;\n}',
    );
    const multiLine = code(
      graphOf([{ id: 'calc', kind: 'transform', params: { code: 'input.a // the a\n  + 1;' } }]),
    );
    expect(multiLine).toContain(
      'function calc_code(_args: any[], input: any): any {\n  return (\n    input.a // the a\n      + 1\n  );\n}',
    );
  });

  it('puts a label above its node as a comment that cannot end early', () => {
    const graph = graphOf([{ id: 'n', kind: 'value', label: 'fetch */ all\n pages', params: { value: 1 } }]);
    expect(code(graph)).toContain('/** fetch *\\/ all pages */\nasync function n(): Promise<Json> {');
  });

  it('leaves out the signal of a node that never awaits', () => {
    const source = code(graphOf([{ id: 'boom', kind: 'fail', params: {} }]));
    expect(source).toContain(
      "async function boom(): Promise<Json> {\n  throw errorNamed('RuntimeError', '');\n}",
    );
  });
});

describe('TypeScript literals', () => {
  const roundTrip = (value: JsonValue): unknown => {
    const source = `return ${tsLiteral(value)};`;
    return JSON.parse(JSON.stringify(new Function(source)()));
  };

  it('write any JSON value back as itself', () => {
    const values: JsonValue[] = [
      null,
      true,
      -0.5,
      1e21,
      'it\'s "quoted" `ticked` ${not} \\ \n\t é \u2028 😀 \ud800',
      [1, [2, { a: [] }], {}],
      { __proto__: 1, constructor: 'c', 'two words': 2, $x: 3, '0': 'zero' } as unknown as JsonValue,
    ];
    for (const value of values) expect(roundTrip(value)).toEqual(JSON.parse(JSON.stringify(value)));
  });

  it('keep a "__proto__" key an ordinary key', () => {
    const value = JSON.parse('{"__proto__": {"polluted": true}}') as JsonValue;
    expect(tsLiteral(value)).toBe("{ ['__proto__']: { polluted: true } }");
    expect(Object.keys(new Function(`return ${tsLiteral(value)};`)() as object)).toEqual(['__proto__']);
  });

  it('escape quotes in strings and backticks and ${ in template text', () => {
    expect(tsString("it's")).toBe("'it\\'s'");
    expect(tsString('say "hi"')).toBe('\'say "hi"\'');
    const text = 'a `b` ${c} \\d';
    expect(new Function(`return \`${tsTemplateText(text)}\`;`)()).toBe(text);
  });
});
