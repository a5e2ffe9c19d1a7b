/**
 * Exports a workflow as one Python file (CPython 3.11+, aiohttp) in the shape of docs/run-semantics.md: a
 * coroutine function per node, the real asyncio combinators, one aiohttp.ClientSession for the
 * run, and `asyncio.run(main())` printing the result as JSON. No interpreter of the graph is
 * hidden in the file: it is the program a developer would have written by hand.
 */
import { indexGraph, type GraphIndex } from '../graph/algorithms';
import type { Graph, GraphNode, NodeKind, Retry } from '../graph/types';
import type { KindExporter, PythonContext, WorkflowInputParams } from '../kinds/exporter';
import { pyLiteral, pyNumber, pyString } from './python-literal';
import { KIND_EXPORTERS } from '../kinds/exporters';
import type { ExportResult } from './export-result';
import { nodeNames } from './names';
import {
  BUILTIN_EXCEPTIONS,
  PYTHON_PARTS,
  PYTHON_PART_NAMES,
  type PythonHelper,
  type PythonPart,
} from './python-runtime';

/** Names the generated file itself uses; a node id equal to one of them gets a trailing underscore. */
const TAKEN = new Set([
  'asyncio',
  'json',
  'aiohttp',
  'jmespath',
  'quote',
  'demand',
  'main',
  'session',
  'fetch',
  'as_text',
  'cancel_unfinished',
  'error_info',
  'node_tasks',
  '_request',
  'next_done',
  'HTTPError',
  'ResponseTooLarge',
  'MAX_RESPONSE_BYTES',
  'args',
  'tasks',
  'task',
  'done',
  'pending',
  'winner',
  'results',
  'result',
  'subject',
  'attempt',
  'error',
  'retryable',
  'with_env',
  'range',
  'argparse',
  'INPUTS',
  'read_inputs',
  'parser',
  'node',
  'response',
  'list',
  'next',
  'isinstance',
  'type',
  'str',
  'len',
  'print',
  'bytearray',
  'BaseException',
  'Exception',
  'ConnectionError',
  'print',
  ...BUILTIN_EXCEPTIONS,
]);

const INDENT = '    ';

/** The Python function name of each node: its id, with a trailing underscore where it would clash. */
export function pythonNodeNames(graph: Graph): Map<string, string> {
  return nodeNames(graph, TAKEN);
}

export function exportPython(graph: Graph): ExportResult {
  const problems = refusals(graph);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, code: new PythonWriter(graph).write() };
}

/** "cannot export to Python: …", once per kind whose exporter refuses some of the graph's nodes. */
function refusals(graph: Graph): string[] {
  const refused = new Map<NodeKind, string[]>();
  for (const node of graph.nodes) {
    const exporter = KIND_EXPORTERS[node.kind] as KindExporter<NodeKind>;
    if (exporter.pythonRefusal?.refuses(node.params) !== true) continue;
    const ids = refused.get(node.kind);
    if (ids === undefined) refused.set(node.kind, [node.id]);
    else ids.push(node.id);
  }
  return [...refused].map(
    ([kind, ids]) =>
      `cannot export to Python: ${(KIND_EXPORTERS[kind] as KindExporter<NodeKind>).pythonRefusal!.message(ids)}`,
  );
}

class PythonWriter {
  private readonly index: GraphIndex;
  private readonly names: Map<string, string>;
  /** The shared parts the node functions asked for (python-runtime.ts), found while writing them. */
  private readonly uses = new Set<PythonHelper>();
  /** The exception classes `raise`d by name that the file must define. */
  private readonly raised = new Set<string>();
  /** The workflow's inputs, read from the command line before the run. */
  private readonly inputs: { name: string; params: WorkflowInputParams }[] = [];

  constructor(private readonly graph: Graph) {
    this.index = indexGraph(graph);
    this.names = pythonNodeNames(graph);
  }

  write(): string {
    // Node functions first: writing them tells which parts the file needs.
    const functions = this.graph.nodes.map((node) => this.nodeFunction(node));
    const sections = [
      `${this.header()}\n\n${this.imports()}`,
      ...this.exceptionClasses(),
      this.taskRegistry(),
      ...this.parts().flatMap((part) => (part.definitions === undefined ? [] : [part.definitions])),
      ...this.inputReader(),
      ...functions,
      this.mainFunction(),
      this.inputs.length === 0
        ? 'if __name__ == "__main__":\n    print(json.dumps(asyncio.run(main())))\n'
        : 'if __name__ == "__main__":\n    INPUTS.update(read_inputs())\n    print(json.dumps(asyncio.run(main())))\n',
    ];
    return sections.join('\n\n\n'); // PEP 8: two blank lines around top-level definitions
  }

  private name(id: string): string {
    return this.names.get(id) as string;
  }

  /** The parts the file holds, in the file's order. */
  private parts(): PythonPart[] {
    return PYTHON_PART_NAMES.filter((name) => this.uses.has(name)).map((name) => PYTHON_PARTS[name]);
  }

  private packages(): { import: string; pip: string }[] {
    return this.parts().flatMap((part) => part.packages ?? []);
  }

  private header(): string {
    const title = this.graph.name ?? 'workflow';
    const pip = this.packages().map((p) => p.pip);
    const needs = ['CPython 3.11+', ...pip];
    const install = pip.length > 0 ? ` (pip install ${pip.join(' ')})` : '';
    return [
      `"""${escapeDocstring(title)} — exported from Flowloop.`,
      '',
      `Needs ${needs.join(', ')}${install}.`,
      'Every node is a coroutine function; its task is created the first time the node is',
      'needed and shared by everyone who needs it. Prints the result as JSON.',
      '"""',
    ].join('\n');
  }

  private imports(): string {
    const lines = [
      ...(this.inputs.length > 0 ? ['import argparse'] : []),
      'import asyncio',
      'import json',
      ...this.parts().flatMap((part) => part.imports ?? []),
    ];
    const third = this.packages().map((p) => p.import);
    return third.length > 0 ? `${lines.join('\n')}\n\n${third.join('\n')}` : lines.join('\n');
  }

  private exceptionClasses(): string[] {
    const classes: string[] = [];
    const defined = new Set<string>();
    for (const part of this.parts()) {
      for (const [name, body] of Object.entries(part.exceptions ?? {})) {
        classes.push(`class ${name}(Exception):\n${body}`);
        defined.add(name);
      }
    }
    const custom = [...this.raised].filter((name) => !BUILTIN_EXCEPTIONS.has(name) && !defined.has(name));
    for (const error of custom.sort()) classes.push(`class ${error}(Exception):\n    pass`);
    return classes;
  }

  /** INPUTS and read_inputs(): `--NAME JSON` for each input, argparse's way (--help, errors, exit 2). */
  private inputReader(): string[] {
    if (this.inputs.length === 0) return [];
    const title = (this.graph.name ?? 'workflow').replace(/\s+/g, ' ').trim() || 'workflow';
    const defaults: string[] = [];
    const options = this.inputs.map(({ name, params }) => {
      const about = (params.description ?? '').replace(/\s+/g, ' ').trim();
      const fallback = params.default === undefined ? null : JSON.stringify(params.default);
      const help = [about, fallback === null ? 'required' : `default: ${fallback}`]
        .filter((part) => part !== '')
        .join('; ');
      if (params.default !== undefined) defaults.push(`${pyString(name)}: ${pyLiteral(params.default)}`);
      const required = params.default === undefined ? ', required=True' : '';
      // argparse formats help with %: a literal one is written twice.
      return `    parser.add_argument(${pyString(`--${name}`)}, type=json.loads, default=argparse.SUPPRESS${required}, metavar="JSON", help=${pyString(help.replace(/%/g, '%%'))})`;
    });
    return [
      "INPUTS: dict = {}  # the workflow's inputs, read from the command line before the run",
      [
        'def read_inputs() -> dict:',
        '    """The workflow\'s inputs: --NAME JSON for each; an input not given takes its default."""',
        `    parser = argparse.ArgumentParser(description=${pyString(`${title}, exported from Flowloop. Each input is JSON.`.replace(/%/g, '%%'))})`,
        ...options,
        `    return {${defaults.map((entry) => `${entry}, `).join('')}**vars(parser.parse_args())}`,
      ].join('\n'),
    ];
  }

  private taskRegistry(): string {
    return [
      'node_tasks: dict[str, asyncio.Task] = {}',
      '',
      '',
      'def demand(node) -> asyncio.Task:',
      '    """The task running `node`: created the first time it is needed, then shared."""',
      '    task = node_tasks.get(node.__name__)',
      '    if task is None:',
      '        task = node_tasks[node.__name__] = asyncio.create_task(node(), name=node.__name__)',
      '    return task',
    ].join('\n');
  }

  private nodeFunction(node: GraphNode): string {
    const argIds = this.index.argumentsOf.get(node.id) ?? [];
    const body =
      node.retry === undefined
        ? this.nodeBody(node, argIds)
        : this.retried(node.retry, this.nodeBody(node, argIds));
    const comment =
      node.label !== undefined && node.label.trim() !== ''
        ? `# ${node.label.replace(/\s+/g, ' ').trim()}\n`
        : '';
    return `${comment}async def ${this.name(node.id)}():\n${body.map((l) => INDENT + l).join('\n')}`;
  }

  /** The body of a node's function, as its kind's exporter writes it (shared/kinds/). */
  private nodeBody(node: GraphNode, argIds: readonly string[]): string[] {
    const demands = () => argIds.map((id) => `demand(${this.name(id)})`).join(', ');
    const ctx: PythonContext = {
      nodeId: node.id,
      argIds,
      name: (id) => this.name(id),
      awaitArguments: (valuesUsed) => {
        if (argIds.length === 0) return [];
        if (valuesUsed)
          return [`args = [${argIds.map((id) => `await demand(${this.name(id)})`).join(', ')}]`];
        return argIds.map((id) => `await demand(${this.name(id)})`);
      },
      demands,
      use: (helper) => {
        this.uses.add(helper);
      },
      raises: (error) => {
        this.raised.add(error);
      },
      input: (name, params) => {
        this.inputs.push({ name, params });
      },
    };
    return (KIND_EXPORTERS[node.kind] as KindExporter<NodeKind>).python(node.params, ctx);
  }

  /** A node's body tried again after a failure, as docs/run-semantics.md's Retries says. */
  private retried(retry: Retry, body: string[]): string[] {
    const { attempts } = retry;
    const filtered = retry.errors !== undefined || retry.statuses !== undefined;
    if (filtered) this.uses.add('retryable');
    const tuple = (items: readonly string[]) => `(${items.join(', ')}${items.length === 1 ? ',' : ''})`;
    const condition = filtered
      ? `attempt == ${attempts} or not retryable(error, ${tuple((retry.errors ?? []).map(pyString))}, ${tuple((retry.statuses ?? []).map(String))})`
      : `attempt == ${attempts}`;
    const delay = retry.delay ?? 0;
    const backoff = retry.backoff ?? 1;
    const wait =
      backoff === 1 || delay === 0
        ? pyNumber(delay)
        : `${pyNumber(delay)} * ${pyNumber(backoff)} ** (attempt - 1)`;
    return [
      `for attempt in range(1, ${attempts + 1}):`,
      '    try:',
      ...body.map((line) => `        ${line}`),
      '    except Exception as error:  # a cancellation is not an Exception: never retried',
      `        if ${condition}:`,
      '            raise',
      `        await asyncio.sleep(${wait})`,
    ];
  }

  private mainFunction(): string {
    const terminals = this.index.terminals.map((id) => `demand(${this.name(id)})`).join(', ');
    const gathered =
      this.index.terminals.length === 1
        ? [`(result,) = await asyncio.gather(${terminals})`, 'return result']
        : [`return list(await asyncio.gather(${terminals}))`];
    // A part that holds the run open (fetch's session) wraps the gathering.
    const body = this.parts().reduce<readonly string[]>(
      (inner, part) => part.mainBody?.(inner) ?? inner,
      gathered,
    );
    return [
      'async def main():',
      '    """Runs the workflow: gathers the nodes nothing else depends on."""',
      ...body.map((line) => INDENT + line),
    ].join('\n');
  }
}

function escapeDocstring(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/"""/g, '\\"\\"\\"');
}
