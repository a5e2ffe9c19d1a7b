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
import { indexGraph, type GraphIndex } from '../graph/algorithms';
import type { Graph, GraphNode, NodeKind, Retry } from '../graph/types';
import type { ReturnWhen } from '../kinds/wait/spec';
import type {
  KindExporter,
  TypeScriptContext,
  TypeScriptPlan,
  TypeScriptUse,
  WorkflowInputParams,
} from '../kinds/exporter';
import { KIND_EXPORTERS } from '../kinds/exporters';
import type { ExportResult } from './export-result';
import { nodeNames } from './names';
import {
  FILE_PARTS,
  RUNTIME_SECTIONS,
  type FilePart,
  runtimeHelpers,
  type RuntimeFlags,
  type RuntimeSection,
} from './typescript-helpers';
import { INDENT, arrayLines, callLines, objectLines } from './typescript-layout';
import { tsKey, tsLiteral, tsNumber, tsString } from './typescript-literal';

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
  'truthy',
  'retrying',
  'retryable',
  'Retry',
  'readInputs',
  'InputSpec',
  'INPUTS',
  'structuredClone',
  // locals of node functions
  'signal',
  'done',
  'task',
  'subject',
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
type Uses = Record<TypeScriptUse, boolean>;

class TypeScriptWriter {
  private readonly index: GraphIndex;
  private readonly names: Map<string, string>;
  /** Every name the file uses at top level: the node functions', the runtime's, and those given out by ownName. */
  private readonly usedNames: Set<string>;
  private readonly ownNames = new Map<string, string>();
  /** The return_when modes the wait helper serves, and whether it takes a timeout: the nodes' plans say. */
  private readonly waitModes = new Set<ReturnWhen>();
  private waitTimeout = false;
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
    truthy: false,
    retrying: false,
    readInputs: false,
  };
  /** The workflow's inputs, read from the command line before the run. */
  private readonly inputs: { name: string; params: WorkflowInputParams }[] = [];

  constructor(private readonly graph: Graph) {
    this.index = indexGraph(graph);
    this.names = typeScriptNodeNames(graph, this.index);
    this.usedNames = new Set([...TAKEN, ...this.names.values()]);
    const plan: TypeScriptPlan = {
      waitMode: (mode) => this.waitModes.add(mode),
      waitTimeout: () => {
        this.waitTimeout = true;
      },
    };
    for (const node of graph.nodes)
      (KIND_EXPORTERS[node.kind] as KindExporter<NodeKind>).typescriptPlan?.(node.params, plan);
  }

  write(): string {
    // Node functions first: writing them tells which helpers the file needs.
    const functions = this.graph.nodes.map((node) => this.nodeFunction(node));
    const sections = [
      this.header(),
      ...this.imports(),
      ...runtimeHelpers(this.runtimeSections(), this.runtimeFlags()),
      ...functions,
      ...this.inputTable(),
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

  /** The file parts (typescript-helpers.ts) of the uses the node functions asked for, in the header's order. */
  private fileParts(): FilePart[] {
    return Object.entries(FILE_PARTS).flatMap(([use, part]) =>
      this.uses[use as TypeScriptUse] ? [part] : [],
    );
  }

  private header(): string {
    const title = (this.graph.name ?? 'workflow').replace(/\s+/g, ' ').trim() || 'workflow';
    const packages = this.fileParts().flatMap((part) => (part.package === undefined ? [] : [part.package]));
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
    for (const { note } of this.fileParts())
      if (note !== undefined) lines.push(' *', ...note.map((line) => ` * ${line}`));
    lines.push(' */');
    return lines.join('\n');
  }

  private imports(): string[] {
    const lines = ["import process from 'node:process';"];
    for (const part of this.fileParts()) if (part.import !== undefined) lines.push('', part.import);
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
      truthy: u.truthy,
      retrying: u.retrying,
      readInputs: this.inputs.length > 0,
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
    const exporter = KIND_EXPORTERS[node.kind] as KindExporter<NodeKind>;
    const ctx = this.context(node, argIds);
    const work = exporter.typescript(node.params, ctx);
    const body = node.retry === undefined ? work : this.retried(node.retry, work);
    const usesSignal = body.some((line) => /\bsignal\b/.test(line));
    const comment =
      node.label !== undefined && node.label.trim() !== ''
        ? `/** ${escapeComment(node.label.replace(/\s+/g, ' ').trim())} */\n`
        : '';
    const fn = `${comment}async function ${this.name(node.id)}(${usesSignal ? 'signal: AbortSignal' : ''}): Promise<Json> {\n${body.map((l) => INDENT + l).join('\n')}\n}`;
    const before = exporter.typescriptBefore?.(node.params, ctx) ?? null;
    return before === null ? fn : `${before}\n\n${fn}`;
  }

  /** What a kind's exporter (shared/kinds/) is given to write the body of a node's function. */
  private context(node: GraphNode, argIds: readonly string[]): TypeScriptContext {
    const demandList = argIds.map((id) => `demand(${this.name(id)})`);
    return {
      nodeId: node.id,
      argIds,
      name: (id) => this.name(id),
      awaitArguments: (used) => {
        if (argIds.length > 0) this.uses.need = true;
        return argIds.map((id, i) => {
          const awaited = `await need(${this.name(id)}, signal);`;
          return used.has(i) ? `const arg${i} = ${awaited}` : awaited;
        });
      },
      combinatorCall: (head, helper, options = ['signal']) =>
        callLines(`${head}${helper}(`, [arrayLines(demandList, 1), ...options.map((o) => [o])], ');', 1),
      use: (part) => {
        this.uses[part] = true;
      },
      waitModes: this.waitModes,
      ownName: (suffix) => this.ownName(node.id, suffix),
      input: (name, params) => {
        this.inputs.push({ name, params });
      },
    };
  }

  /** A node's body tried again after a failure, by the runtime's retrying(). */
  private retried(retry: Retry, body: string[]): string[] {
    this.uses.retrying = true;
    this.uses.sleep = true;
    const fields = [
      `attempts: ${retry.attempts}`,
      `delay: ${tsNumber(retry.delay ?? 0)}`,
      `backoff: ${tsNumber(retry.backoff ?? 1)}`,
    ];
    if (retry.errors !== undefined) fields.push(`errors: [${retry.errors.map(tsString).join(', ')}]`);
    if (retry.statuses !== undefined) fields.push(`statuses: [${retry.statuses.join(', ')}]`);
    const head = `return await retrying({ ${fields.join(', ')} }, signal, async () => {`;
    // As prettier writes a call whose last argument is a function: on the call's line when it fits.
    const opening =
      INDENT.length + head.length <= 110
        ? [head]
        : [
            'return await retrying(',
            ...objectLines(fields, 1).map(
              (line, n, all) => `${INDENT}${line}${n === all.length - 1 ? ',' : ''}`,
            ),
            `${INDENT}signal,`,
            `${INDENT}async () => {`,
          ];
    const closing = opening.length === 1 ? '});' : `${INDENT}},\n);`;
    const inner = opening.length === 1 ? INDENT : INDENT + INDENT;
    return [...opening, ...body.map((line) => `${inner}${line}`), ...closing.split('\n')];
  }

  private ownName(id: string, suffix: string): string {
    const key = `${id}\n${suffix}`;
    let name = this.ownNames.get(key);
    if (name === undefined) {
      name = `${this.name(id)}_${suffix}`;
      while (this.usedNames.has(name)) name += '_';
      this.usedNames.add(name);
      this.ownNames.set(key, name);
    }
    return name;
  }

  /** INPUTS: the workflow's inputs, read from the command line when the file starts. */
  private inputTable(): string[] {
    if (this.inputs.length === 0) return [];
    const fields = this.inputs.map(({ name, params }) => {
      const spec: string[] = [];
      if (params.default !== undefined) spec.push(`default: ${tsLiteral(params.default)}`);
      const about = (params.description ?? '').replace(/\s+/g, ' ').trim();
      if (about !== '') spec.push(`help: ${tsString(about)}`);
      return `${tsKey(name)}: { ${spec.join(', ')} }`.replace('{  }', '{}');
    });
    return [
      [
        "/** The workflow's inputs: --NAME JSON for each on the command line; one not given takes its default. */",
        ...callLines('const INPUTS = readInputs(', [objectLines(fields, 1), ['process']], ');', 0),
      ].join('\n'),
    ];
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

function escapeComment(text: string): string {
  return text.replace(/\*\//g, '*\\/');
}
