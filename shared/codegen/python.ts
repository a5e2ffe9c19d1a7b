/**
 * Exports a workflow as one Python file (CPython 3.11+, aiohttp) in the shape of docs/run-semantics.md: a
 * coroutine function per node, the real asyncio combinators, one aiohttp.ClientSession for the
 * run, and `asyncio.run(main())` printing the result as JSON. No interpreter of the graph is
 * hidden in the file: it is the program a developer would have written by hand.
 */
import { indexGraph, type GraphIndex } from '../graph/algorithms';
import type { Graph, GraphNode, NodeKind } from '../graph/types';
import type { KindExporter, PythonContext, PythonHelper } from '../kinds/exporter';
import { KIND_EXPORTERS } from '../kinds/exporters';
import type { ExportResult } from './export-result';
import { nodeNames } from './names';

/** Python's built-in exceptions a `fail` node may name without the file defining a class. */
const BUILTIN_EXCEPTIONS = new Set([
  'ArithmeticError',
  'AssertionError',
  'AttributeError',
  'BufferError',
  'ConnectionError',
  'EOFError',
  'Exception',
  'FileNotFoundError',
  'ImportError',
  'IndexError',
  'KeyError',
  'LookupError',
  'MemoryError',
  'NameError',
  'NotImplementedError',
  'OSError',
  'OverflowError',
  'PermissionError',
  'RecursionError',
  'ReferenceError',
  'RuntimeError',
  'StopAsyncIteration',
  'TimeoutError',
  'TypeError',
  'UnicodeError',
  'ValueError',
  'ZeroDivisionError',
  'ConnectionRefusedError',
  'ConnectionResetError',
  'BrokenPipeError',
  'ProcessLookupError',
  'InterruptedError',
  'IsADirectoryError',
  'NotADirectoryError',
  'ChildProcessError',
  'FileExistsError',
  'BlockingIOError',
  'ModuleNotFoundError',
  'UnboundLocalError',
  'FloatingPointError',
  'SyntaxError',
  'SystemError',
  'UnicodeDecodeError',
  'UnicodeEncodeError',
  'LookupError',
]);

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
  const jsTransforms = graph.nodes.filter(
    (n) => n.kind === 'transform' && (n.params.language ?? 'javascript') === 'javascript',
  );
  if (jsTransforms.length > 0) {
    const ids = jsTransforms.map((n) => n.id).join(', ');
    return {
      ok: false,
      problems: [
        `cannot export to Python: JavaScript transform${jsTransforms.length === 1 ? '' : 's'} ${ids} ` +
          'would have to be rewritten by hand (write the transform in JMESPath to export it)',
      ],
    };
  }
  return { ok: true, code: new PythonWriter(graph).write() };
}

class PythonWriter {
  private readonly index: GraphIndex;
  private readonly names: Map<string, string>;
  private readonly hasFetch: boolean;
  private readonly usesJmespath: boolean;
  /** The helpers the node functions use, found while writing them. */
  private readonly uses: Record<PythonHelper, boolean> = { asText: false, quote: false, errorInfo: false };

  constructor(private readonly graph: Graph) {
    this.index = indexGraph(graph);
    this.names = pythonNodeNames(graph);
    this.hasFetch = graph.nodes.some((n) => n.kind === 'fetch');
    this.usesJmespath = graph.nodes.some((n) => n.kind === 'transform');
  }

  write(): string {
    // Node functions first: writing them tells which helpers the file needs.
    const functions = this.graph.nodes.map((node) => this.nodeFunction(node));
    const sections = [
      `${this.header()}\n\n${this.imports()}`,
      ...this.exceptionClasses(),
      this.taskRegistry(),
      ...this.helpers(),
      ...functions,
      this.mainFunction(),
      'if __name__ == "__main__":\n    print(json.dumps(asyncio.run(main())))\n',
    ];
    return sections.join('\n\n\n'); // PEP 8: two blank lines around top-level definitions
  }

  private name(id: string): string {
    return this.names.get(id) as string;
  }

  private header(): string {
    const title = this.graph.name ?? 'workflow';
    const needs = ['CPython 3.11+'];
    if (this.hasFetch) needs.push('aiohttp');
    if (this.usesJmespath) needs.push('jmespath');
    const install = needs.length > 1 ? ` (pip install ${needs.slice(1).join(' ')})` : '';
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
    const lines = ['import asyncio', 'import json'];
    if (this.uses.quote) lines.push('from urllib.parse import quote');
    const third: string[] = [];
    if (this.hasFetch) third.push('import aiohttp');
    if (this.usesJmespath) third.push('import jmespath');
    return third.length > 0 ? `${lines.join('\n')}\n\n${third.join('\n')}` : lines.join('\n');
  }

  private exceptionClasses(): string[] {
    const classes: string[] = [];
    if (this.hasFetch) {
      classes.push(
        'class HTTPError(Exception):\n    """The server answered with a status of 400 or more."""',
      );
      classes.push(
        'class ResponseTooLarge(Exception):\n    """The response body was larger than MAX_RESPONSE_BYTES."""',
      );
    }
    const custom = new Set<string>();
    for (const node of this.graph.nodes) {
      if (node.kind !== 'fail') continue;
      const error = node.params.error ?? 'RuntimeError';
      if (
        !BUILTIN_EXCEPTIONS.has(error) &&
        !(this.hasFetch && (error === 'HTTPError' || error === 'ResponseTooLarge'))
      ) {
        custom.add(error);
      }
    }
    for (const error of [...custom].sort()) classes.push(`class ${error}(Exception):\n    pass`);
    return classes;
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

  private helpers(): string[] {
    const helpers: string[] = [];
    if (this.uses.asText) {
      helpers.push(
        [
          'def as_text(value) -> str:',
          '    """A value placed into text: a string as it is, anything else as compact JSON."""',
          '    return value if isinstance(value, str) else json.dumps(value, separators=(",", ":"), ensure_ascii=False)',
        ].join('\n'),
      );
    }
    if (this.uses.errorInfo) {
      helpers.push(
        [
          'def error_info(error: BaseException) -> dict:',
          '    """An exception as gather(return_exceptions=True) results carry it."""',
          '    return {"error": {"type": type(error).__name__, "message": str(error.args[0]) if error.args else ""}}',
        ].join('\n'),
      );
    }
    if (this.hasFetch) {
      helpers.push(FETCH_HELPERS);
    }
    return helpers;
  }

  private nodeFunction(node: GraphNode): string {
    const argIds = this.index.argumentsOf.get(node.id) ?? [];
    const body = this.nodeBody(node, argIds);
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
        this.uses[helper] = true;
      },
    };
    return (KIND_EXPORTERS[node.kind] as KindExporter<NodeKind>).python(node.params, ctx);
  }

  private mainFunction(): string {
    const terminals = this.index.terminals.map((id) => `demand(${this.name(id)})`).join(', ');
    const gathered =
      this.index.terminals.length === 1
        ? [`(result,) = await asyncio.gather(${terminals})`, 'return result']
        : [`return list(await asyncio.gather(${terminals}))`];
    const lines = [
      'async def main():',
      '    """Runs the workflow: gathers the nodes nothing else depends on."""',
    ];
    if (!this.hasFetch) return [...lines, ...gathered.map((l) => INDENT + l)].join('\n');
    return [
      ...lines,
      '    global session',
      '    async with aiohttp.ClientSession() as session:',
      '        try:',
      ...gathered.map((l) => INDENT.repeat(3) + l),
      '        finally:',
      '            await cancel_unfinished()',
    ].join('\n');
  }
}

function escapeDocstring(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/"""/g, '\\"\\"\\"');
}

const FETCH_HELPERS = `MAX_RESPONSE_BYTES = 10 * 1024 * 1024
session: aiohttp.ClientSession  # one session (one connection pool) for the run, opened by main()


async def fetch(method, url, *, headers=None, json_body=None, data=None, response_type="json", timeout=None):
    """One HTTP request through the run's session, failing as a Flowloop fetch node does."""
    if timeout is None:
        return await _request(method, url, headers, json_body, data, response_type)
    return await asyncio.wait_for(_request(method, url, headers, json_body, data, response_type), timeout)


async def _request(method, url, headers, json_body, data, response_type):
    try:
        async with session.request(method, url, headers=headers, json=json_body, data=data) as response:
            body = bytearray()
            async for chunk in response.content.iter_any():
                body += chunk
                if len(body) > MAX_RESPONSE_BYTES:
                    raise ResponseTooLarge(f"response from {url} is larger than the limit of 10 MiB")
            if response.status >= 400:
                raise HTTPError(f"{method} {url} answered {response.status} {response.reason or ''}".rstrip())
    except aiohttp.ClientConnectionError as error:
        raise ConnectionError(f"cannot connect to {url}: {error}") from error
    if response_type == "status":
        return response.status
    text = body.decode()
    if response_type == "text":
        return text
    return json.loads(text) if text.strip() else None


async def cancel_unfinished():
    """Cancels the tasks still running, as asyncio.run() does when main() ends, but while the
    session is still open, so that they end cancelled rather than cut off."""
    unfinished = [task for task in node_tasks.values() if not task.done()]
    for task in unfinished:
        task.cancel()
    await asyncio.gather(*unfinished, return_exceptions=True)`;
