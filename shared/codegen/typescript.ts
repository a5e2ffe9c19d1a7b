/**
 * Exports a workflow as one TypeScript file (Node 20+; an ES module that runs as CommonJS too) in
 * the shape of docs/run-semantics.md: an async function per node, a task per node created on first demand and
 * shared, cancellation carried by each task's AbortController, the asyncio combinators written
 * with Promise.all, timers and AbortSignal, and a main() that prints the result as JSON. No
 * interpreter of the graph is hidden in the file: it is the program a developer would have
 * written by hand.
 *
 * Where plain promises cannot say what asyncio does, the helpers do the closest honest thing
 * and say so in a comment: a promise cannot be cancelled, so a node passes its abort on to the
 * task it awaits; timers due at the same instant fire together; a node cancelled just as what it
 * awaited finished is cancelled all the same.
 */
import { indexGraph, type GraphIndex } from '../graph/topology';
import { parsePlaceholders, type TemplatePart } from '../graph/placeholders';
import type { FetchParams, Graph, GraphNode, JsonValue, ReturnWhen } from '../graph/types';
import type { ExportResult } from './export-result';
import { expressionText, isExpressionCode } from './javascript-source';
import { nodeNames } from './names';
import {
  RUNTIME_SECTIONS,
  runtimeHelpers,
  type RuntimeFlags,
  type RuntimeSection,
} from './typescript-helpers';
import { tsKey, tsLiteral, tsNumber, tsString, tsTemplateText } from './typescript-literal';

/**
 * Names the generated file relies on at module level, and the locals of node functions; a node id
 * equal to one of them gets a trailing underscore.
 */
const TAKEN = new Set([
  // the file's own names
  'Json',
  'NodeFunction',
  'CancelledError',
  'Task',
  'Timer',
  'HttpRequest',
  'nodeTasks',
  'timers',
  'wakeUp',
  'demand',
  'need',
  'abortable',
  'callLater',
  'scheduleWakeUp',
  'fireDueTimers',
  'sleep',
  'gather',
  'gatherOutcomes',
  'wait',
  'waitFor',
  'race',
  'asCompleted',
  'shield',
  'errorNamed',
  'asText',
  'lookup',
  'request',
  'readText',
  'connectionError',
  'MAX_RESPONSE_BYTES',
  'cancelUnfinished',
  'main',
  'search',
  'transform',
  'refuseNonJson',
  'jmespath',
  'structuredClone',
  // locals of node functions
  'signal',
  'done',
  'task',
  // globals the file uses
  'Promise',
  'Error',
  'TypeError',
  'JSON',
  'Object',
  'Array',
  'Number',
  'String',
  'Map',
  'Set',
  'URL',
  'AbortController',
  'AbortSignal',
  'TextDecoder',
  'Response',
  'Record',
  'ReturnType',
  'setTimeout',
  'clearTimeout',
  'performance',
  'fetch',
  'process',
  'console',
  'encodeURIComponent',
  'globalThis',
]);

const INDENT = '  ';

export function exportTypeScript(graph: Graph): ExportResult {
  return { ok: true, code: new TypeScriptWriter(graph).write() };
}

/**
 * The name of each node's function in the exported file: its id, with a trailing underscore where
 * it would clash with a name the file uses (`argN` included, for as many arguments as a node has).
 */
export function typeScriptNodeNames(
  graph: Graph,
  index: GraphIndex = indexGraph(graph),
): Map<string, string> {
  const maxArguments = Math.max(0, ...graph.nodes.map((n) => (index.argumentsOf.get(n.id) ?? []).length));
  const taken = new Set(TAKEN);
  for (let i = 0; i < maxArguments; i++) taken.add(`arg${i}`);
  return nodeNames(graph, taken);
}

/** What the node functions use, found while writing them: it decides which helpers the file holds. */
interface Uses {
  need: boolean;
  sleep: boolean;
  errorNamed: boolean;
  gather: boolean;
  gatherOutcomes: boolean;
  wait: boolean;
  waitFor: boolean;
  race: boolean;
  asCompleted: boolean;
  shield: boolean;
  fetch: boolean;
  fetchTimeout: boolean;
  bodyWithGet: boolean;
  asText: boolean;
  lookup: boolean;
  jmespath: boolean;
  javascript: boolean;
}

class TypeScriptWriter {
  private readonly index: GraphIndex;
  private readonly names: Map<string, string>;
  private readonly transformNames = new Map<string, string>();
  /** The return_when modes the wait helper serves (races use FIRST_COMPLETED), and whether it takes a timeout. */
  private readonly waitModes: ReadonlySet<ReturnWhen>;
  private readonly waitTimeout: boolean;
  private readonly uses: Uses = {
    need: false,
    sleep: false,
    errorNamed: false,
    gather: false,
    gatherOutcomes: false,
    wait: false,
    waitFor: false,
    race: false,
    asCompleted: false,
    shield: false,
    fetch: false,
    fetchTimeout: false,
    bodyWithGet: false,
    asText: false,
    lookup: false,
    jmespath: false,
    javascript: false,
  };

  constructor(private readonly graph: Graph) {
    this.index = indexGraph(graph);
    this.names = typeScriptNodeNames(graph, this.index);
    const waits = graph.nodes.flatMap((n) => (n.kind === 'wait' ? [n.params] : []));
    const modes = new Set(waits.map((p) => p.returnWhen ?? 'ALL_COMPLETED'));
    if (graph.nodes.some((n) => n.kind === 'race')) modes.add('FIRST_COMPLETED');
    this.waitModes = modes;
    this.waitTimeout = waits.some((p) => p.timeout !== undefined && p.timeout !== null);
    const used = new Set([...TAKEN, ...this.names.values()]);
    for (const node of graph.nodes) {
      if (node.kind !== 'transform' || (node.params.language ?? 'javascript') !== 'javascript') continue;
      let name = `${this.name(node.id)}_code`;
      while (used.has(name)) name += '_';
      used.add(name);
      this.transformNames.set(node.id, name);
    }
  }

  write(): string {
    // Node functions first: writing them tells which helpers the file needs.
    const functions = this.graph.nodes.map((node) => this.nodeFunction(node));
    const sections = [
      this.header(),
      ...this.imports(),
      ...runtimeHelpers(this.runtimeSections(), this.runtimeFlags()),
      ...functions,
      this.mainFunction(),
      MAIN_CALL,
    ];
    return `${sections.join('\n\n')}\n`;
  }

  private name(id: string): string {
    return this.names.get(id) as string;
  }

  private needsErrorNamed(): boolean {
    const u = this.uses;
    return u.errorNamed || u.waitFor || u.fetch || u.lookup || u.javascript || u.jmespath;
  }

  private header(): string {
    const title = (this.graph.name ?? 'workflow').replace(/\s+/g, ' ').trim() || 'workflow';
    const packages: string[] = [];
    if (this.uses.jmespath) packages.push('@jmespath-community/jmespath');
    const needs =
      packages.length > 0
        ? `Needs Node 20+ and ${packages.join(', ')} (npm install ${packages.join(' ')}).`
        : 'Needs Node 20+ and nothing else.';
    const lines = [
      `/**`,
      ` * ${escapeComment(title)} — exported from Flowloop.`,
      ` *`,
      ` * ${needs}`,
      ' * Run it with `npx tsx FILE.ts` (Node 22.18+ runs it as `node FILE.ts`), or compile it with',
      ' * `npx tsc --target es2022 --module nodenext FILE.ts` and run FILE.js (its types: npm install -D',
      ' * @types/node). It prints the result as JSON; on failure it prints "Type: message" and exits',
      ' * with status 1.',
      ' *',
      ' * Every node is an async function. Its task is created the first time the node is needed and is',
      ' * shared by everyone who needs it; cancelling a task aborts its AbortSignal, as asyncio cancels',
      ' * a Task. Two things differ, because promises are not asyncio tasks: a promise cannot be',
      ' * cancelled, so a node passes its cancellation on to what it awaits by hand; and promise',
      " * continuations do not take the turns asyncio's loop takes, so when tasks finish at the same",
      ' * instant, a race, wait or as_completed may see them finish in another order than asyncio would.',
    ];
    if (this.uses.jmespath) {
      lines.push(
        ' *',
        " * JMESPath runs on @jmespath-community/jmespath. Flowloop follows Python's jmespath, which",
        ' * differs in a few corners: slices of strings, comparing strings, functions Python lacks.',
      );
    }
    if (this.uses.javascript) {
      lines.push(
        ' *',
        ' * JavaScript transforms are their code as written, in functions typed `any`; unlike in',
        ' * Flowloop they are not sandboxed, and a callback inside one may need parameter types to',
        ' * satisfy noImplicitAny.',
      );
    }
    lines.push(' */');
    return lines.join('\n');
  }

  private imports(): string[] {
    const lines = ["import process from 'node:process';"];
    if (this.uses.jmespath) lines.push('', "import { search } from '@jmespath-community/jmespath';");
    return [lines.join('\n')];
  }

  /** The runtime's sections the node functions use (typescript-runtime.ts). */
  private runtimeSections(): Set<RuntimeSection> {
    const u = this.uses;
    const waitNeeded = u.wait || u.race;
    const usesTimers = u.sleep || u.waitFor || (waitNeeded && this.waitTimeout) || u.fetchTimeout;
    const usesAbortable = u.sleep || u.waitFor || waitNeeded || u.asCompleted || u.shield;
    const used: Record<RuntimeSection, boolean> = {
      Json: true,
      NodeFunction: true,
      CancelledError: true,
      errorNamed: this.needsErrorNamed(),
      Task: true,
      demand: true,
      need: u.need,
      cancelUnfinished: true,
      abortable: usesAbortable,
      callLater: usesTimers,
      sleep: u.sleep,
      gather: u.gather,
      gatherOutcomes: u.gatherOutcomes,
      wait: waitNeeded,
      waitFor: u.waitFor,
      race: u.race,
      asCompleted: u.asCompleted,
      shield: u.shield,
      asText: u.asText,
      lookup: u.lookup,
      request: u.fetch,
      jmespath: u.jmespath,
      transform: u.javascript,
    };
    return new Set(RUNTIME_SECTIONS.filter((section) => used[section]));
  }

  /** How the runtime's sections are written for this graph: only the parts some node needs. */
  private runtimeFlags(): RuntimeFlags {
    const modes = this.waitModes;
    const only = modes.size === 1 ? [...modes][0] : undefined;
    return {
      taskCancelled: this.uses.waitFor || (this.uses.wait && modes.has('FIRST_EXCEPTION')),
      waitReturnWhen: modes.size > 1,
      waitTimeout: this.waitTimeout,
      waitFirstCompleted: modes.has('FIRST_COMPLETED'),
      waitFirstException: modes.has('FIRST_EXCEPTION'),
      waitOnlyAllCompleted: only === 'ALL_COMPLETED',
      waitOnlyFirstCompleted: only === 'FIRST_COMPLETED',
      waitOnlyFirstException: only === 'FIRST_EXCEPTION',
      requestTimeout: this.uses.fetchTimeout,
      requestBodyWithGet: this.uses.bodyWithGet,
    };
  }

  private nodeFunction(node: GraphNode): string {
    const argIds = this.index.argumentsOf.get(node.id) ?? [];
    const body = this.nodeBody(node, argIds);
    const usesSignal = body.some((line) => /\bsignal\b/.test(line));
    const comment =
      node.label !== undefined && node.label.trim() !== ''
        ? `/** ${escapeComment(node.label.replace(/\s+/g, ' ').trim())} */\n`
        : '';
    const fn = `${comment}async function ${this.name(node.id)}(${usesSignal ? 'signal: AbortSignal' : ''}): Promise<Json> {\n${body.map((l) => INDENT + l).join('\n')}\n}`;
    const code = this.transformFunction(node);
    return code === null ? fn : `${code}\n\n${fn}`;
  }

  /** Awaits the arguments one at a time, in order: `const argN = …` for those whose values are used. */
  private awaitArguments(argIds: readonly string[], used: ReadonlySet<number>): string[] {
    if (argIds.length > 0) this.uses.need = true;
    return argIds.map((id, i) => {
      const awaited = `await need(${this.name(id)}, signal);`;
      return used.has(i) ? `const arg${i} = ${awaited}` : awaited;
    });
  }

  private allArguments(argIds: readonly string[]): Set<number> {
    return new Set(argIds.map((_, i) => i));
  }

  private demandList(argIds: readonly string[]): string[] {
    return argIds.map((id) => `demand(${this.name(id)})`);
  }

  /** `<head>helper([demand(a), …], signal, …);` in a node body, wrapped when it is too long. */
  private combinatorCall(
    head: string,
    helper: string,
    argIds: readonly string[],
    options: string[] = ['signal'],
  ): string[] {
    return callLines(
      `${head}${helper}(`,
      [arrayLines(this.demandList(argIds), 1), ...options.map((o) => [o])],
      ');',
      1,
    );
  }

  private nodeBody(node: GraphNode, argIds: readonly string[]): string[] {
    switch (node.kind) {
      case 'value':
        return [...this.awaitArguments(argIds, new Set()), `return ${tsLiteral(node.params.value)};`];
      case 'sleep': {
        this.uses.sleep = true;
        const hasResult = 'result' in node.params && node.params.result !== undefined;
        const returns = hasResult
          ? tsLiteral(node.params.result as JsonValue)
          : argIds.length > 0
            ? 'arg0'
            : 'null';
        return [
          ...this.awaitArguments(argIds, new Set(hasResult ? [] : [0])),
          `await sleep(${tsNumber(node.params.seconds)}, signal);`,
          `return ${returns};`,
        ];
      }
      case 'fail': {
        this.uses.errorNamed = true;
        const after = node.params.after ?? 0;
        if (after > 0) this.uses.sleep = true;
        const error = `throw errorNamed(${tsString(node.params.error ?? 'RuntimeError')}, ${tsString(node.params.message ?? '')});`;
        return [
          ...this.awaitArguments(argIds, new Set()),
          ...(after > 0 ? [`await sleep(${tsNumber(after)}, signal);`] : []),
          error,
        ];
      }
      case 'transform':
        return this.transformBody(node.params.language ?? 'javascript', node, argIds);
      case 'fetch':
        return this.fetchBody(node.params, argIds);
      case 'sequence':
        this.uses.need = true;
        return arrayLines(
          argIds.map((id) => `await need(${this.name(id)}, signal)`),
          1,
          'return ',
          ';',
        );
      case 'gather':
        if (node.params.returnExceptions === true) {
          this.uses.gatherOutcomes = true;
          return this.combinatorCall('return await ', 'gatherOutcomes', argIds);
        }
        this.uses.gather = true;
        return this.combinatorCall('return await ', 'gather', argIds);
      case 'wait': {
        this.uses.wait = true;
        const options = ['signal'];
        if (this.waitModes.size > 1) options.push(tsString(node.params.returnWhen ?? 'ALL_COMPLETED'));
        if (node.params.timeout !== undefined && node.params.timeout !== null)
          options.push(tsNumber(node.params.timeout));
        return [
          ...this.combinatorCall('const done = await ', 'wait', argIds, options),
          'return done.map((task) => task.result());',
        ];
      }
      case 'wait_for': {
        const timeout = node.params.timeout;
        if (timeout === null) {
          this.uses.need = true;
          return [`return await need(${this.name(argIds[0] as string)}, signal);`];
        }
        this.uses.waitFor = true;
        return [
          `return await waitFor(demand(${this.name(argIds[0] as string)}), ${tsNumber(timeout)}, signal);`,
        ];
      }
      case 'race':
        this.uses.race = true;
        return this.combinatorCall('return await ', 'race', argIds);
      case 'as_completed':
        this.uses.asCompleted = true;
        return this.combinatorCall('return await ', 'asCompleted', argIds);
      case 'shield':
        this.uses.shield = true;
        return [`return await shield(demand(${this.name(argIds[0] as string)}), signal);`];
    }
  }

  private transformBody(
    language: 'javascript' | 'jmespath',
    node: GraphNode & { kind: 'transform' },
    argIds: readonly string[],
  ): string[] {
    const awaits = this.awaitArguments(argIds, this.allArguments(argIds));
    const list = `[${argIds.map((_, i) => `arg${i}`).join(', ')}]`;
    if (language === 'jmespath') {
      this.uses.jmespath = true;
      const subject = argIds.length === 1 ? 'arg0' : list;
      return [...awaits, `return jmespath(${tsString(node.params.code)}, ${subject});`];
    }
    this.uses.javascript = true;
    return [...awaits, `return transform(${this.transformNames.get(node.id) as string}, ${list});`];
  }

  /** A JavaScript transform's code, as a plain function of `args` and `input`. */
  private transformFunction(node: GraphNode): string | null {
    if (node.kind !== 'transform' || (node.params.language ?? 'javascript') !== 'javascript') return null;
    const name = this.transformNames.get(node.id) as string;
    const code = node.params.code;
    const body = transformFunctionBody(code);
    return [
      `/** The code of transform node ${node.id}, as written in Flowloop (plain JavaScript, so its values are typed \`any\`). */`,
      '// eslint-disable-next-line @typescript-eslint/no-explicit-any',
      `function ${name}(${unusedUnderscore('args', code)}: any[], ${unusedUnderscore('input', code)}: any): any {`,
      body,
      '}',
    ].join('\n');
  }

  private fetchBody(params: FetchParams, argIds: readonly string[]): string[] {
    this.uses.fetch = true;
    const used = new Set<number>();
    const placeholder = (part: TemplatePart & { kind: 'placeholder' }): string => {
      used.add(part.index);
      if (part.path.length === 0) return `arg${part.index}`;
      this.uses.lookup = true;
      return `lookup(arg${part.index}, ${tsString(part.source)})`;
    };
    const text = (template: string, encode: boolean): string => {
      const parsed = parsePlaceholders(template);
      if (!parsed.ok || parsed.parts.every((p) => p.kind === 'text')) {
        return tsString(
          parsed.ok ? parsed.parts.map((p) => (p.kind === 'text' ? p.text : '')).join('') : template,
        );
      }
      const pieces = parsed.parts.map((part) => {
        if (part.kind === 'text') return tsTemplateText(part.text);
        this.uses.asText = true;
        const value = `asText(${placeholder(part)})`;
        return `\${${encode ? `encodeURIComponent(${value})` : value}}`;
      });
      return `\`${pieces.join('')}\``;
    };
    const bodyValue = (value: JsonValue): string => {
      if (typeof value === 'string') {
        const parsed = parsePlaceholders(value);
        const only = parsed.ok && parsed.parts.length === 1 ? parsed.parts[0] : undefined;
        if (only !== undefined && only.kind === 'placeholder') return placeholder(only);
        return text(value, false);
      }
      if (Array.isArray(value)) return `[${value.map(bodyValue).join(', ')}]`;
      if (value !== null && typeof value === 'object') {
        const entries = Object.entries(value).map(([k, v]) => `${tsKey(k)}: ${bodyValue(v)}`);
        return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
      }
      return tsLiteral(value);
    };

    const method = (params.method ?? 'GET').toUpperCase();
    const fields = [`method: ${tsString(method)}`, `url: ${text(params.url, true)}`];
    const headers = Object.entries(params.headers ?? {}).map(([k, v]) => `${tsKey(k)}: ${text(v, false)}`);
    const body = params.body ?? null;
    if (
      body !== null &&
      typeof body !== 'string' &&
      !Object.keys(params.headers ?? {}).some((k) => k.toLowerCase() === 'content-type')
    ) {
      headers.push(`'content-type': 'application/json'`);
    }
    if (headers.length > 0) fields.push(`headers: { ${headers.join(', ')} }`);
    if (typeof body === 'string') fields.push(`body: ${text(body, false)}`);
    else if (body !== null) fields.push(`body: JSON.stringify(${bodyValue(body)})`);
    if (body !== null && (method === 'GET' || method === 'HEAD')) this.uses.bodyWithGet = true;
    const responseType = params.responseType ?? 'json';
    if (responseType !== 'json') fields.push(`responseType: ${tsString(responseType)}`);
    if (params.timeout !== undefined && params.timeout !== null) {
      this.uses.fetchTimeout = true;
      fields.push(`timeout: ${tsNumber(params.timeout)}`);
    }
    const call = callLines('return await request(', [objectLines(fields, 1), ['signal']], ');', 1);
    return [...this.awaitArguments(argIds, used), ...call];
  }

  private mainFunction(): string {
    const terminals = this.index.terminals.map((id) => `demand(${this.name(id)}).promise`);
    const awaited =
      terminals.length === 1
        ? [`return await ${terminals[0] as string};`]
        : callLines('return await Promise.all(', [arrayLines(terminals, 2)], ');', 2);
    return [
      '/** Runs the workflow: awaits the nodes nothing else depends on, then cancels what still runs, as asyncio.run() does. */',
      'async function main(): Promise<Json> {',
      '  try {',
      ...awaited.map((line) => `    ${line}`),
      '  } finally {',
      '    await cancelUnfinished();',
      '  }',
      '}',
    ].join('\n');
  }
}

/**
 * Starts main() and reports how it ended. No top-level await: the file runs the same as an ES
 * module (node FILE.ts, tsc with NodeNext in a "type": "module" package) and as CommonJS, which is
 * what tsx makes of a .ts file in a folder without a package.json.
 */
const MAIN_CALL = `main().then(
  (result) => console.log(JSON.stringify(result)),
  (error: unknown) => {
    if (error instanceof CancelledError) console.error('CancelledError: the workflow was cancelled');
    else if (error instanceof Error) console.error(\`\${error.name}: \${error.message}\`);
    else console.error(\`Exception: \${String(error)}\`);
    process.exitCode = 1;
  },
);`;

/** A transform's code as a function body: an expression is returned, statements are kept as written. */
function transformFunctionBody(code: string): string {
  // Lines are indented only when no template literal could span them (indenting would change it).
  const indent = (lines: string): string =>
    code.includes('`')
      ? lines
      : lines
          .split('\n')
          .map((line) => (line.trim() === '' ? '' : INDENT + line))
          .join('\n');
  if (!isExpressionCode(code)) return indent(code.replace(/^\s*\n|\s+$/g, ''));
  const expression = expressionText(code).replace(/^\s*\n/, '');
  if (!expression.includes('\n') && !expression.includes('//'))
    return `${INDENT}return (${expression.trim()});`;
  return `${INDENT}return (\n${indent(indent(expression))}\n${INDENT});`;
}

/** A parameter the code never names gets a leading underscore, as linters expect of unused ones. */
function unusedUnderscore(parameter: string, code: string): string {
  return new RegExp(`\\b${parameter}\\b`).test(code) ? parameter : `_${parameter}`;
}

/** Longest line the writer aims for, as the project's prettier settings. */
const WIDTH = 110;

function fits(text: string, depth: number): boolean {
  return INDENT.length * depth + text.length <= WIDTH;
}

/**
 * A call, array or object written as prettier would: on one line when it fits at `depth`, else
 * one argument per line. Each argument is given as its lines (one line when it fits).
 */
function callLines(head: string, args: string[][], tail: string, depth: number): string[] {
  const flat = args.every((a) => a.length === 1) ? `${head}${args.map((a) => a[0]).join(', ')}${tail}` : null;
  if (flat !== null && fits(flat, depth)) return [flat];
  const inner = args.flatMap((lines) => {
    const last = lines.length - 1;
    return lines.map((line, i) => `${INDENT}${line}${i === last ? ',' : ''}`);
  });
  return [head, ...inner, tail];
}

function arrayLines(items: string[], depth: number, head = '', tail = ''): string[] {
  const flat = `${head}[${items.join(', ')}]${tail}`;
  if (fits(flat, depth + 1)) return [flat];
  return [`${head}[`, ...items.map((item) => `${INDENT}${item},`), `]${tail}`];
}

function objectLines(fields: string[], depth: number): string[] {
  const flat = `{ ${fields.join(', ')} }`;
  if (fits(flat, depth + 1)) return [flat];
  return ['{', ...fields.map((field) => `${INDENT}${field},`), '}'];
}

function escapeComment(text: string): string {
  return text.replace(/\*\//g, '*\\/');
}
