/**
 * The runtime exported TypeScript programs are made of (typescript-runtime.ts): that the text the
 * exporter copies is the module's current text, that every variant an export can hold is written
 * without error and type-checks, and what its helpers do, run here on their own. What whole
 * exported programs do is checked against the engine in shared/codegen/typescript-parity.test.ts.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it, vi } from 'vitest';
import type { Graph, GraphNode } from '../graph/types';
import type { FetchParams } from '../kinds/fetch/spec';
import type { ReturnWhen } from '../kinds/wait/spec';
import { liveText, parseSections } from './runtime-sections';
import { RUNTIME_SECTIONS, runtimeHelpers, type RuntimeFlags } from './typescript-helpers';
import { exportTypeScript } from './typescript';
import { TYPESCRIPT_RUNTIME } from './typescript-runtime.generated';
import {
  CancelledError,
  asCompleted,
  asText,
  callLater,
  connectionError,
  demand,
  gatherOutcomes,
  lookup,
  race,
  request,
  transform,
  wait,
  waitFor,
  type Json,
  type Task,
} from './typescript-runtime';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RUNTIME_FILE = fileURLToPath(new URL('./typescript-runtime.ts', import.meta.url));

describe('the runtime text the exporter copies', () => {
  it('is the text of typescript-runtime.ts (else regenerate it)', () => {
    const fresh = TYPESCRIPT_RUNTIME === readFileSync(RUNTIME_FILE, 'utf8').replace(/\r\n/g, '\n');
    expect(
      fresh,
      'shared/codegen/typescript-runtime.generated.ts is stale: run `node scripts/generate-typescript-runtime.mjs`',
    ).toBe(true);
  });

  it('has the sections the writer names, in the order an export holds them', () => {
    expect([...parseSections(TYPESCRIPT_RUNTIME).keys()]).toEqual([...RUNTIME_SECTIONS]);
  });

  it('declares no name a node could take: a node named like one is renamed', () => {
    const declared = RUNTIME_SECTIONS.flatMap((name) =>
      [
        ...liveText(parseSections(TYPESCRIPT_RUNTIME).get(name) ?? []).matchAll(
          /^(?:async function|function|class|const|let|interface|type) ([A-Za-z_$][\w$]*)/gm,
        ),
      ].map((m) => m[1] as string),
    );
    expect(declared.length).toBeGreaterThan(30);
    const exported = exportTypeScript({
      format: 'flowloop.graph/2',
      nodes: declared.map((id) => ({ id, kind: 'value', params: { value: 1 } })),
      edges: [],
    });
    if (!exported.ok) throw new Error(exported.problems.join('; '));
    for (const name of declared)
      expect(exported.code).toContain(`async function ${name}_(): Promise<Json> {`);
  });

  it('is, written with every flag that adds something, the code the module runs', () => {
    const sections = parseSections(TYPESCRIPT_RUNTIME);
    const written = runtimeHelpers(new Set(RUNTIME_SECTIONS), FULLEST);
    expect(written).toEqual(RUNTIME_SECTIONS.map((name) => liveText(sections.get(name) ?? [])));
  });
});

/** The flags under which the runtime holds all it can: the code its module runs. */
const FULLEST: RuntimeFlags = {
  taskCancelled: true,
  waitReturnWhen: true,
  waitTimeout: true,
  waitFirstCompleted: true,
  waitFirstException: true,
  waitOnlyAllCompleted: false,
  waitOnlyFirstCompleted: false,
  waitOnlyFirstException: false,
  requestTimeout: true,
  requestBodyWithGet: true,
};

const ALL_MODES: ReturnWhen[] = ['ALL_COMPLETED', 'FIRST_COMPLETED', 'FIRST_EXCEPTION'];

/** Graphs whose exports hold every variant of the runtime: each set of wait modes, with and without each option. */
function everyVariant(): { name: string; graph: Graph }[] {
  const graphs: { name: string; graph: Graph }[] = [];
  const graph = (nodes: GraphNode[]): Graph => ({
    format: 'flowloop.graph/2',
    nodes: [{ id: 'a', kind: 'value', params: { value: { x: 1 } } }, ...nodes],
    edges: nodes.map((n) => ({ source: 'a', target: n.id, input: 0 })),
  });
  const bits = (options: number, count: number): boolean[] =>
    Array.from({ length: count }, (_, i) => (options & (1 << i)) !== 0);
  for (let mask = 0; mask < 8; mask++) {
    const modes = ALL_MODES.filter((_, i) => bits(mask, 3)[i]);
    for (let options = 0; options < 8; options++) {
      const [timeout, race, waitFor] = bits(options, 3);
      const nodes: GraphNode[] = modes.map((returnWhen, i) => ({
        id: `w${i}`,
        kind: 'wait',
        params: timeout === true ? { returnWhen, timeout: 1 } : { returnWhen },
      }));
      if (race === true) nodes.push({ id: 'r', kind: 'race', params: {} });
      if (waitFor === true) nodes.push({ id: 'f', kind: 'wait_for', params: { timeout: 1 } });
      graphs.push({ name: `wait_${mask}_${options}`, graph: graph(nodes) });
    }
  }
  for (let options = 0; options < 8; options++) {
    const [timeout, body, lookup] = bits(options, 3);
    const params: FetchParams = { url: lookup === true ? 'http://h.test/{0.x}' : 'http://h.test/{0}' };
    if (timeout === true) params.timeout = 2;
    if (body === true) params.body = 'b';
    graphs.push({ name: `fetch_${options}`, graph: graph([{ id: 'f', kind: 'fetch', params }]) });
  }
  const others: GraphNode[] = [
    { id: 's', kind: 'sleep', params: { seconds: 1 } },
    { id: 'g', kind: 'gather', params: {} },
    { id: 'o', kind: 'gather', params: { returnExceptions: true } },
    { id: 'c', kind: 'as_completed', params: {} },
    { id: 'h', kind: 'shield', params: {} },
    { id: 'q', kind: 'sequence', params: {} },
    { id: 'j', kind: 'transform', params: { language: 'jmespath', code: 'x' } },
    { id: 't', kind: 'transform', params: { code: 'input.x' } },
    { id: 'e', kind: 'fail', params: { error: 'ValueError' } },
  ];
  graphs.push({ name: 'others', graph: graph(others) });
  return graphs;
}

describe('every variant of the runtime', () => {
  it("type-checks in an export, with the parity suite's options (strict, no unused names)", () => {
    // Each export is a module of its own, beside this file so that it finds node_modules.
    const files = new Map(
      everyVariant().map(({ name, graph }) => {
        const exported = exportTypeScript(graph);
        if (!exported.ok) throw new Error(exported.problems.join('; '));
        return [`${ROOT}shared/codegen/__runtime_variant_${name}.ts`, exported.code];
      }),
    );
    const options: ts.CompilerOptions = {
      strict: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      types: ['node'],
      noUncheckedIndexedAccess: true,
      noImplicitOverride: true,
      noImplicitReturns: true,
      noFallthroughCasesInSwitch: true,
      noUnusedLocals: true,
      noUnusedParameters: true,
      skipLibCheck: true,
      noEmit: true,
    };
    const host = ts.createCompilerHost(options);
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (fileName, language, ...rest) => {
      const text = files.get(fileName);
      return text === undefined
        ? getSourceFile(fileName, language, ...rest)
        : ts.createSourceFile(fileName, text, language);
    };
    const fileExists = host.fileExists.bind(host);
    host.fileExists = (fileName) => files.has(fileName) || fileExists(fileName);
    const program = ts.createProgram([...files.keys()], options, host);
    const problems = ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file === undefined ? '' : `${d.file.fileName.replace(/.*__runtime_variant_/, '')}: `;
      return `${where}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
    expect(problems).toEqual([]);
  }, 120_000);
});

/** A node for demand() that ends when the test says so, noting whether it was cancelled. */
function node(): {
  run: (signal: AbortSignal) => Promise<Json>;
  end: (outcome: Json | Error) => void;
  aborted: () => boolean;
} {
  let aborted = false;
  let end: (outcome: Json | Error) => void = () => undefined;
  return {
    aborted: () => aborted,
    end: (outcome) => end(outcome),
    run: (signal) =>
      new Promise<Json>((resolve, reject) => {
        end = (outcome) => (outcome instanceof Error ? reject(outcome) : resolve(outcome));
        signal.addEventListener('abort', () => {
          aborted = true;
          reject(signal.reason);
        });
      }),
  };
}

/** A turn of the event loop: every task started by then has run up to its first await. */
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const never = new AbortController().signal;

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('it did not fail');
}

describe('the runtime helpers', () => {
  it('lookup names the part of an argument, failing as Python indexing would', () => {
    const argument: Json = { items: [10, { name: 'x' }], n: null };
    expect(lookup(argument, '{0.items.1.name}')).toBe('x');
    const failure = (placeholder: string): string => {
      try {
        lookup(argument, placeholder);
      } catch (error) {
        return `${(error as Error).name}: ${(error as Error).message}`;
      }
      return 'no error';
    };
    expect(failure('{0.items.x}')).toBe(
      "TypeError: placeholder {0.items.x}: argument 0.items is a list, and 'x' is not a list index",
    );
    expect(failure('{0.items.2}')).toBe(
      'IndexError: placeholder {0.items.2}: argument 0.items has 2 items, so there is no item 2',
    );
    expect(failure('{0.missing}')).toBe("KeyError: placeholder {0.missing}: argument 0 has no key 'missing'");
    expect(failure('{0.toString}')).toBe(
      "KeyError: placeholder {0.toString}: argument 0 has no key 'toString'",
    );
    expect(failure('{0.n.x}')).toBe(
      'TypeError: placeholder {0.n.x}: argument 0.n is null, not an object or a list',
    );
  });

  it('asText puts a string in as it is and anything else as compact JSON', () => {
    expect(asText('a b')).toBe('a b');
    expect(asText({ a: [1, 'x'] })).toBe('{"a":[1,"x"]}');
  });

  it('transform runs on a copy of the arguments and gives JSON, or fails with TransformError', () => {
    const args: Json[] = [{ n: 1 }];
    expect(transform((a, input) => ((input.n = 2), a.length), args)).toBe(1);
    expect(args).toEqual([{ n: 1 }]);
    expect(transform(() => undefined, [])).toBeNull();
    const failure = (code: () => unknown): string => {
      try {
        transform(code, []);
      } catch (error) {
        return `${(error as Error).name}: ${(error as Error).message}`;
      }
      return 'no error';
    };
    expect(failure(() => JSON.parse('{'))).toMatch(/^TransformError: transform threw SyntaxError: /);
    expect(failure(() => [() => 1])).toBe(
      'TransformError: transform returned something that is not JSON: a function is not JSON',
    );
    expect(failure(() => ({ x: NaN }))).toBe(
      'TransformError: transform returned something that is not JSON: NaN is not JSON',
    );
    expect(failure(() => new Map())).toBe(
      'TransformError: transform returned something that is not JSON: a Map is not JSON',
    );
  });

  it('callLater fires timers due together in the order they were set, before what they wake up runs', async () => {
    const log: string[] = [];
    const fire = (name: string) => (): void => {
      log.push(name);
      queueMicrotask(() => log.push(`after ${name}`));
    };
    // All set at one instant of the clock: on a loaded machine, real microseconds between the
    // calls would make them due at different instants, which callLater rightly fires apart.
    const clock = vi.spyOn(performance, 'now').mockReturnValue(performance.now());
    callLater(0.01, fire('a'));
    const cancel = callLater(0.01, fire('cancelled'));
    callLater(0.01, fire('b'));
    cancel();
    const ended = new Promise<void>((resolve) => callLater(0.01, resolve));
    clock.mockRestore();
    await ended;
    expect(log).toEqual(['a', 'b', 'after a', 'after b']);

    log.length = 0;
    callLater(0.02, fire('late'));
    callLater(0.01, fire('early'));
    await new Promise<void>((resolve) => callLater(0.02, resolve));
    expect(log.filter((entry) => !entry.startsWith('after'))).toEqual(['early', 'late']);
  });

  it('demand shares one task per node, which starts on a later turn and never runs if cancelled first', async () => {
    let runs = 0;
    const counted = async (): Promise<Json> => ++runs;
    const task = demand(counted);
    expect(demand(counted)).toBe(task);
    expect(runs).toBe(0);
    expect(await task.promise).toBe(1);
    expect(task.result()).toBe(1);

    const skipped = demand(async () => ++runs);
    skipped.cancel();
    expect(await rejection(skipped.promise)).toBeInstanceOf(CancelledError);
    expect(skipped.cancelled).toBe(true);
    expect(runs).toBe(1);
  });

  it('wait gives the done tasks by return_when, or what is done at its timeout, and cancels none', async () => {
    const [slow, fast, failing] = [node(), node(), node()];
    const tasks = [demand(slow.run), demand(fast.run), demand(failing.run)];
    await turn();
    const first = wait(tasks, never, 'FIRST_COMPLETED');
    fast.end('fast');
    expect((await first).map((t) => t.result())).toEqual(['fast']);
    const failed = wait(tasks, never, 'FIRST_EXCEPTION');
    failing.end(new Error('boom'));
    expect(await failed).toEqual([tasks[1], tasks[2]]);
    expect(await wait(tasks, never, 'ALL_COMPLETED', 0.01)).toEqual([tasks[1], tasks[2]]);
    const all = wait(tasks, never, 'ALL_COMPLETED');
    slow.end('slow');
    expect(await all).toEqual(tasks);
    expect(slow.aborted()).toBe(false);
  });

  it('waitFor gives the value in time, else cancels the task and fails with TimeoutError', async () => {
    const quick = node();
    const inTime = waitFor(demand(quick.run), 10, never);
    await turn();
    quick.end('quick');
    expect(await inTime).toBe('quick');
    const late = node();
    const error = await rejection(waitFor(demand(late.run), 0.01, never));
    expect(error.name).toBe('TimeoutError');
    expect(late.aborted()).toBe(true);
  });

  it('race gives the first value and cancels the others; asCompleted gives every value in finishing order', async () => {
    const [loser, winner] = [node(), node()];
    const raced = race([demand(loser.run), demand(winner.run)], never);
    await turn();
    winner.end('first');
    expect(await raced).toBe('first');
    expect(loser.aborted()).toBe(true);
    const [a, b] = [node(), node()];
    const tasks = [demand(a.run), demand(b.run)];
    const arrivals = asCompleted([tasks[0] as Task, tasks[1] as Task, tasks[0] as Task], never);
    await turn();
    b.end('b');
    await turn();
    a.end('a');
    expect(await arrivals).toEqual(['b', 'a']);
  });

  it('gatherOutcomes puts each failure or cancellation in its place', async () => {
    const [ok, failing, cancelled] = [node(), node(), node()];
    const tasks = [demand(ok.run), demand(failing.run), demand(cancelled.run)];
    const outcomes = gatherOutcomes(tasks, never);
    await turn();
    ok.end(1);
    failing.end(new RangeError('out'));
    tasks[2]?.cancel();
    expect(await outcomes).toEqual([
      1,
      { error: { type: 'RangeError', message: 'out' } },
      { error: { type: 'CancelledError', message: '' } },
    ]);
  });

  it('a cancelled node stops waiting with its CancelledError, and the task it waited for runs on', async () => {
    const stop = new AbortController();
    const awaited = node();
    const waiting = wait([demand(awaited.run)], stop.signal, 'ALL_COMPLETED');
    stop.abort(new CancelledError());
    expect(await rejection(waiting)).toBeInstanceOf(CancelledError);
    expect(awaited.aborted()).toBe(false);
  });

  it('request refuses a URL that is not http(s); connectionError says where it could not connect', async () => {
    const invalid = await rejection(request({ method: 'GET', url: 'ftp://example.test/' }, never));
    expect(`${invalid.name}: ${invalid.message}`).toBe('InvalidURL: invalid URL: "ftp://example.test/"');
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const error = connectionError('http://localhost/x', new TypeError('fetch failed', { cause: refused }));
    expect(`${error.name}: ${error.message}`).toBe(
      'ConnectionError: cannot connect to localhost:80: connection refused',
    );
    expect(connectionError('https://h.test/', new Error('reset')).message).toBe(
      'cannot connect to h.test:443: reset',
    );
  });
});
