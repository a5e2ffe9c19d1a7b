// Generated from typescript-runtime.ts by `node scripts/generate-typescript-runtime.mjs`: do not edit.
export const TYPESCRIPT_RUNTIME = `/**
 * The runtime of an exported TypeScript workflow: the types and helpers its node functions call,
 * as ordinary checked TypeScript. The exporter never imports this module. It copies sections of
 * its text into the exported program, only those the program's nodes use, so the program holds
 * no dead code. The text reaches the exporter through typescript-runtime.generated.ts
 * (\`node scripts/generate-typescript-runtime.mjs\` writes it from this file). Its sections are cut
 * and specialised by runtime-sections.ts, which reads these comment directives:
 *
 *   // #region NAME … // #endregion     one section, copied as it stands (the sections in
 *                                       file order are what an export holds, in that order)
 *   // #if FLAG … // #elif … // #else … // #endif
 *                                       lines copied only when FLAG holds (\`!FLAG\`, \`A && B\`)
 *   //| CODE                            a line of a branch this file does not run, copied as CODE
 *   // #edit FLAG: "FROM" -> "TO"       in the next line, FROM becomes TO when FLAG holds
 *   // prettier-ignore                  left out of the export
 *
 * The code this file runs is the fullest variant (every flag that adds something holds), so that
 * is the one tsc and eslint check here; the parity tests type-check and run every export, with
 * \`--strict\` and also with the header's plain \`tsc --target es2022 --module nodenext\`, which has no
 * strictNullChecks: a narrowing must hold without them (\`task.outcome?.error\` does not). Its
 * lines keep the layout the exporter has always written: declarations with lines prettier would
 * wrap carry a \`// prettier-ignore\`.
 */
import { search } from '@jmespath-community/jmespath';

// #region Json
/** A JSON value: what every node gives. */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
// #endregion

// #region NodeFunction
/** A node: an async function that runs until it is done, or until \`signal\` cancels it. */
type NodeFunction = (signal: AbortSignal) => Promise<Json>;
// #endregion

// #region CancelledError
/** What a cancelled task ends with, as asyncio.CancelledError. */
class CancelledError extends Error {
  override name = 'CancelledError';
}
// #endregion

// #region errorNamed
/** An error named for the Python exception Flowloop reports (ValueError, HTTPError, TimeoutError…). */
function errorNamed(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}
// #endregion

// #region Task
/**
 * A node's run, as an asyncio Task: created the first time the node is needed, then shared.
 * Cancelling it aborts its controller; the node's code sees the abort wherever it awaits.
 */
class Task {
  readonly controller = new AbortController();
  readonly promise: Promise<Json>;
  /** How it ended, once it has: its value, or what it threw (a CancelledError if it was cancelled). */
  outcome: { value: Json } | { error: unknown } | undefined;

  constructor(node: NodeFunction) {
    this.promise = this.run(node);
    // A failure belongs to whoever awaits the task: one that nobody awaits is no unhandled rejection.
    this.promise.catch(() => undefined);
  }

  get done(): boolean {
    return this.outcome !== undefined;
  }

  // #if taskCancelled
  // prettier-ignore
  get cancelled(): boolean {
    return this.outcome !== undefined && 'error' in this.outcome && this.outcome.error instanceof CancelledError;
  }

  // #endif
  cancel(): void {
    if (!this.done) this.controller.abort(new CancelledError());
  }

  /** Its value, or throws what it threw, as Task.result(). */
  result(): Json {
    if (this.outcome === undefined) throw new Error('the task has not finished');
    if ('error' in this.outcome) throw this.outcome.error;
    return this.outcome.value;
  }

  private async run(node: NodeFunction): Promise<Json> {
    await null; // a new task starts on a later turn, as asyncio's create_task schedules it
    try {
      this.controller.signal.throwIfAborted(); // cancelled before it started: it never runs
      const value = await node(this.controller.signal);
      this.outcome = { value };
      return value;
    } catch (error) {
      this.outcome = { error };
      throw error;
    }
  }
}
// #endregion

// #region demand
const nodeTasks = new Map<NodeFunction, Task>();

/** The task running \`node\`: created the first time the node is needed, then shared. */
function demand(node: NodeFunction): Task {
  let task = nodeTasks.get(node);
  if (task === undefined) {
    task = new Task(node);
    nodeTasks.set(node, task);
  }
  return task;
}
// #endregion

// #region need
/**
 * \`await demand(node)\` inside a node. A promise cannot be cancelled, so the waiting node's
 * signal is passed on by hand: cancelling the waiting node cancels the task it awaits, as in
 * asyncio. A node cancelled just as that task finished is cancelled all the same.
 */
async function need(node: NodeFunction, signal: AbortSignal): Promise<Json> {
  const task = demand(node);
  const cancelTask = (): void => task.cancel();
  signal.addEventListener('abort', cancelTask);
  let value: Json;
  try {
    value = await task.promise;
  } finally {
    signal.removeEventListener('abort', cancelTask);
  }
  signal.throwIfAborted();
  return value;
}
// #endregion

// #region cancelUnfinished
/** Cancels the tasks still running and waits for them to end, as asyncio.run() does when main() ends. */
async function cancelUnfinished(): Promise<void> {
  const unfinished = [...nodeTasks.values()].filter((task) => !task.done);
  for (const task of unfinished) task.cancel();
  await Promise.allSettled(unfinished.map((task) => task.promise));
}
// #endregion

// #region abortable
/**
 * Awaits \`promise\` inside a node, but rejects with the node's CancelledError as soon as
 * \`signal\` aborts, leaving what was awaited to run on. The helpers check the signal once more
 * before they return: asyncio cancels a task whose wait has just ended all the same, at its
 * next step.
 */
async function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  signal.throwIfAborted();
  let onAbort = (): void => undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort);
  });
  try {
    return await Promise.race([promise, aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}
// #endregion

// #region callLater
interface Timer {
  at: number;
  fire: () => void;
  cancelled: boolean;
}

/** Timers not yet fired, by due time, then in the order they were set. One Node timer waits for the first. */
const timers: Timer[] = [];
let wakeUp: ReturnType<typeof setTimeout> | undefined;

/**
 * Calls \`fire\` after \`seconds\`; gives a function that cancels it. Timers due at the same instant
 * fire together, in the order they were set, before anything they wake up runs, as asyncio's do
 * (Node's own timers would let each one's continuations run before the next one fires).
 */
function callLater(seconds: number, fire: () => void): () => void {
  const timer: Timer = { at: performance.now() + seconds * 1000, fire, cancelled: false };
  const later = timers.findIndex((t) => t.at > timer.at);
  timers.splice(later === -1 ? timers.length : later, 0, timer);
  scheduleWakeUp();
  return () => {
    timer.cancelled = true;
    const index = timers.indexOf(timer);
    if (index !== -1) {
      timers.splice(index, 1);
      scheduleWakeUp();
    }
  };
}

function scheduleWakeUp(): void {
  clearTimeout(wakeUp);
  const next = timers[0];
  wakeUp = next === undefined ? undefined : setTimeout(fireDueTimers, next.at - performance.now());
}

function fireDueTimers(): void {
  const end = performance.now() + 1e-6; // within asyncio's clock resolution (1 ns) counts as due
  const later = timers.findIndex((t) => t.at > end);
  const due = timers.splice(0, later === -1 ? timers.length : later);
  for (const timer of due) if (!timer.cancelled) timer.fire();
  scheduleWakeUp();
}
// #endregion

// #region sleep
/** asyncio.sleep(seconds) inside a node. sleep(0) only lets the other ready tasks run first. */
// prettier-ignore
async function sleep(seconds: number, signal: AbortSignal): Promise<void> {
  let cancelTimer = (): void => undefined;
  const slept = seconds > 0 ? new Promise<void>((resolve) => (cancelTimer = callLater(seconds, resolve))) : Promise.resolve();
  try {
    await abortable(slept, signal);
  } finally {
    cancelTimer();
  }
  signal.throwIfAborted();
}
// #endregion

// #region gather
/**
 * asyncio.gather(*tasks): their values, in order. The first failure fails it at once (the other
 * tasks run on); cancelling the waiting node cancels them all.
 */
async function gather(tasks: Task[], signal: AbortSignal): Promise<Json[]> {
  const cancelAll = (): void => tasks.forEach((task) => task.cancel());
  signal.addEventListener('abort', cancelAll);
  let values: Json[];
  try {
    values = await Promise.all(tasks.map((task) => task.promise));
  } finally {
    signal.removeEventListener('abort', cancelAll);
  }
  signal.throwIfAborted();
  return values;
}
// #endregion

// #region gatherOutcomes
/**
 * asyncio.gather(*tasks, return_exceptions=True): waits for every task; a failure (or a
 * cancellation) takes its place as { error: { type, message } }. Cancelling the waiting node
 * cancels them all, and it ends cancelled.
 */
async function gatherOutcomes(tasks: Task[], signal: AbortSignal): Promise<Json[]> {
  const cancelAll = (): void => tasks.forEach((task) => task.cancel());
  signal.addEventListener('abort', cancelAll);
  try {
    await Promise.allSettled(tasks.map((task) => task.promise));
  } finally {
    signal.removeEventListener('abort', cancelAll);
  }
  signal.throwIfAborted();
  return tasks.map((task) => {
    if (task.outcome !== undefined && 'value' in task.outcome) return task.outcome.value;
    const error = task.outcome !== undefined && 'error' in task.outcome ? task.outcome.error : undefined;
    if (error instanceof Error) return { error: { type: error.name, message: error.message } };
    return { error: { type: 'Exception', message: String(error) } };
  });
}
// #endregion

// #region wait
/**
// #edit !waitTimeout: ", timeout" -> ""
// #edit waitOnlyAllCompleted: ", return_when" -> ""
// #edit waitOnlyFirstCompleted: ", return_when" -> ", return_when=FIRST_COMPLETED"
// #edit waitOnlyFirstException: ", return_when" -> ", return_when=FIRST_EXCEPTION"
 * asyncio.wait(tasks, timeout, return_when): waits, then gives the tasks that are
 * done, in input order. It cancels none of them, and neither does cancelling the waiting node.
 */
// prettier-ignore
// #edit !waitReturnWhen: ", returnWhen: 'ALL_COMPLETED' | 'FIRST_COMPLETED' | 'FIRST_EXCEPTION'" -> ""
// #edit !waitTimeout: ", timeout?: number" -> ""
async function wait(tasks: Task[], signal: AbortSignal, returnWhen: 'ALL_COMPLETED' | 'FIRST_COMPLETED' | 'FIRST_EXCEPTION', timeout?: number): Promise<Task[]> {
  // #if waitTimeout
  let cancelTimer = (): void => undefined;
  // #endif
  const ready = new Promise<void>((resolve) => {
    // #if waitTimeout
    if (timeout !== undefined) cancelTimer = callLater(timeout, resolve);
    // #endif
    // #if waitOnlyFirstCompleted
    //| const check = (): void => resolve();
    // #else
    // #edit !waitFirstException: "(task: Task)" -> "()"
    const check = (task: Task): void => {
      // #if waitReturnWhen
      // #edit !waitFirstCompleted: "returnWhen === 'FIRST_COMPLETED' || " -> ""
      // #edit !waitFirstException: "(returnWhen === 'FIRST_EXCEPTION' && task.outcome !== undefined && 'error' in task.outcome && !task.cancelled) || " -> ""
      if (returnWhen === 'FIRST_COMPLETED' || (returnWhen === 'FIRST_EXCEPTION' && task.outcome !== undefined && 'error' in task.outcome && !task.cancelled) || tasks.every((t) => t.done)) resolve();
      // #elif waitFirstException
      //| if (task.outcome !== undefined && 'error' in task.outcome && !task.cancelled || tasks.every((t) => t.done)) resolve();
      // #else
      //| if (tasks.every((t) => t.done)) resolve();
      // #endif
    };
    // #endif
    // #if waitFirstException
    for (const task of tasks) task.promise.then(() => check(task), () => check(task));
    // #else
    //| for (const task of tasks) task.promise.then(check, check);
    // #endif
  });
  // #if waitTimeout
  try {
    await abortable(ready, signal);
  } finally {
    cancelTimer();
  }
  // #else
  //| await abortable(ready, signal);
  // #endif
  signal.throwIfAborted();
  return tasks.filter((task) => task.done);
}
// #endregion

// #region waitFor
/**
 * asyncio.wait_for(task, timeout): the task's value if it finishes in time; otherwise cancels it,
 * waits for it to end and fails with TimeoutError. Cancelling the waiting node cancels the task too.
 */
// prettier-ignore
async function waitFor(task: Task, timeout: number, signal: AbortSignal): Promise<Json> {
  if (timeout > 0 && !task.done) {
    let cancelTimer = (): void => undefined;
    const ended = new Promise<void>((resolve) => {
      cancelTimer = callLater(timeout, resolve);
      task.promise.then(() => resolve(), () => resolve());
    });
    try {
      await abortable(ended, signal);
    } catch (error) {
      if (task.done) return task.result(); // as in CPython 3.11, a task that did finish still gives its value
      task.cancel();
      await task.promise.catch(() => null);
      throw error;
    } finally {
      cancelTimer();
    }
  }
  if (!task.done) {
    task.cancel();
    await task.promise.catch(() => null);
    if (task.cancelled) throw errorNamed('TimeoutError', '');
  }
  signal.throwIfAborted();
  return task.result();
}
// #endregion

// #region race
/** The first task to finish wins (ties: the lowest input); the others are cancelled. */
async function race(tasks: Task[], signal: AbortSignal): Promise<Json> {
  // #edit !waitReturnWhen: ", 'FIRST_COMPLETED'" -> ""
  const [winner] = await wait(tasks, signal, 'FIRST_COMPLETED');
  for (const task of tasks) task.cancel();
  return (winner as Task).result();
}
// #endregion

// #region asCompleted
/**
 * [await t for t in asyncio.as_completed(tasks)]: their values in the order they finish (each
 * task once). A failure fails it when its turn comes; the other tasks run on.
 */
async function asCompleted(tasks: Task[], signal: AbortSignal): Promise<Json[]> {
  const unique = [...new Set(tasks)];
  const finished: Task[] = [];
  let arrived = (): void => undefined;
  for (const task of unique) {
    const onEnd = (): void => {
      finished.push(task);
      arrived();
    };
    task.promise.then(onEnd, onEnd);
  }
  const values: Json[] = [];
  while (values.length < unique.length) {
    const next = finished.shift();
    if (next === undefined) await abortable(new Promise<void>((resolve) => (arrived = resolve)), signal);
    else values.push(next.result());
  }
  signal.throwIfAborted();
  return values;
}
// #endregion

// #region shield
/**
 * asyncio.shield(task): cancelling the waiting node does not reach the task, which runs on until
 * main() ends. asyncio puts an outer future between the two; here the node simply stops waiting,
 * which nothing in a run can tell apart.
 */
async function shield(task: Task, signal: AbortSignal): Promise<Json> {
  if (task.done) return task.result();
  const value = await abortable(task.promise, signal);
  signal.throwIfAborted();
  return value;
}
// #endregion

// #region asText
/** A value placed into text: a string as it is, anything else as compact JSON. */
function asText(value: Json): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
// #endregion

// #region lookup
/** The part of an argument a placeholder such as {0.items.2} names, failing as Python's indexing would. */
// prettier-ignore
function lookup(argument: Json, placeholder: string): Json {
  const [index, ...path] = placeholder.slice(1, -1).split('.');
  let value = argument;
  let where = \`argument \${index}\`;
  for (const step of path) {
    if (Array.isArray(value)) {
      if (!/^(0|[1-9][0-9]*)$/.test(step)) {
        throw errorNamed('TypeError', \`placeholder \${placeholder}: \${where} is a list, and '\${step}' is not a list index\`);
      }
      const item = value[Number(step)];
      if (item === undefined) {
        throw errorNamed('IndexError', \`placeholder \${placeholder}: \${where} has \${value.length} items, so there is no item \${step}\`);
      }
      value = item;
    } else if (value !== null && typeof value === 'object') {
      const item = value[step];
      if (!Object.hasOwn(value, step) || item === undefined) {
        throw errorNamed('KeyError', \`placeholder \${placeholder}: \${where} has no key '\${step}'\`);
      }
      value = item;
    } else {
      const kind = value === null ? 'null' : \`a \${typeof value}\`;
      throw errorNamed('TypeError', \`placeholder \${placeholder}: \${where} is \${kind}, not an object or a list\`);
    }
    where += \`.\${step}\`;
  }
  return value;
}
// #endregion

// #region request
const MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

interface HttpRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string;
  responseType?: 'json' | 'text' | 'status';
  // #if requestTimeout
  /** Seconds. */
  timeout?: number;
  // #endif
}

/**
 * One HTTP request, failing as a Flowloop fetch node does: HTTPError for a status of 400 or more,
// #if requestTimeout
 * ConnectionError when no connection could be made or it broke, ResponseTooLarge past 10 MiB,
 * TimeoutError after \`timeout\` seconds. Cancelling the node aborts the request.
// #else
//|  * ConnectionError when no connection could be made or it broke, ResponseTooLarge past 10 MiB. Cancelling the node aborts the request.
// #endif
 */
// prettier-ignore
// #edit !requestTimeout: ", timeout }" -> " }"
async function request({ method, url, headers, body, responseType = 'json', timeout }: HttpRequest, signal: AbortSignal): Promise<Json> {
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
    throw errorNamed('InvalidURL', \`invalid URL: \${JSON.stringify(url)}\`);
  }
  // #if requestBodyWithGet
  if (body !== undefined && (method === 'GET' || method === 'HEAD')) {
    throw errorNamed('ValueError', \`a \${method} request cannot carry a body (\${url})\`);
  }
  // #endif
  const stop = new AbortController();
  const onAbort = (): void => stop.abort(signal.reason);
  signal.addEventListener('abort', onAbort);
  // #if requestTimeout
  const cancelTimer = timeout === undefined ? () => undefined : callLater(timeout, () => stop.abort(errorNamed('TimeoutError', '')));
  // #endif
  let status: number;
  let text: string;
  try {
    const response = await fetch(url, { method, headers, body, signal: stop.signal }).catch((error: unknown) => {
      throw stop.signal.aborted ? stop.signal.reason : connectionError(url, error);
    });
    status = response.status;
    text = await readText(response, url, stop).catch((error: unknown) => {
      throw stop.signal.aborted ? stop.signal.reason : connectionError(url, error);
    });
    if (status >= 400) {
      throw Object.assign(errorNamed('HTTPError', \`\${method} \${url} answered \${status}\${response.statusText ? \` \${response.statusText}\` : ''}\`), { status });
    }
  } finally {
    // #if requestTimeout
    cancelTimer();
    // #endif
    signal.removeEventListener('abort', onAbort);
  }
  signal.throwIfAborted();
  if (responseType === 'status') return status;
  if (responseType === 'text') return text;
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text) as Json;
  } catch (error) {
    throw errorNamed('JSONDecodeError', \`response from \${url} is not valid JSON: \${(error as Error).message}\`);
  }
}

/** The body as UTF-8 text; past MAX_RESPONSE_BYTES the request is stopped and fails with ResponseTooLarge. */
async function readText(response: Response, url: string, stop: AbortController): Promise<string> {
  const tooLarge = (): Error => {
    const error = errorNamed('ResponseTooLarge', \`response from \${url} is larger than the limit of 10 MiB\`);
    stop.abort(error);
    return error;
  };
  if (Number(response.headers.get('content-length')) > MAX_RESPONSE_BYTES) throw tooLarge();
  const decoder = new TextDecoder();
  let text = '';
  let size = 0;
  if (response.body === null) return '';
  for await (const chunk of response.body) {
    size += chunk.byteLength;
    if (size > MAX_RESPONSE_BYTES) throw tooLarge();
    text += decoder.decode(chunk, { stream: true });
  }
  return text + decoder.decode();
}

/** What fetch() threw when no connection could be made or it broke ("fetch failed", the reason in its cause), as a ConnectionError. */
// prettier-ignore
function connectionError(url: string, error: unknown): Error {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const refused = (cause as { code?: unknown }).code === 'ECONNREFUSED';
  const reason = refused ? 'connection refused' : cause instanceof Error ? cause.message : String(cause);
  const { hostname, port, protocol } = new URL(url);
  return errorNamed('ConnectionError', \`cannot connect to \${hostname}:\${port || (protocol === 'https:' ? '443' : '80')}: \${reason}\`);
}
// #endregion

// #region jmespath
/** A JMESPath transform; an expression that fails fails with TransformError, as in Flowloop. */
function jmespath(expression: string, data: Json): Json {
  try {
    return search(data, expression, { enable_legacy_literals: true });
  } catch (error) {
    throw errorNamed('TransformError', \`JMESPath expression failed: \${(error as Error).message}\`);
  }
}
// #endregion

// #region transform
/**
 * Runs a JavaScript transform as Flowloop does, though not sandboxed: on a copy of its
 * arguments; what it throws, or a result that is not JSON, fails with TransformError.
 */
// prettier-ignore
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function transform(code: (args: any[], input: any) => any, args: Json[]): Json {
  const copy = structuredClone(args);
  let result: unknown;
  try {
    result = code(copy, copy[0]);
  } catch (error) {
    throw errorNamed('TransformError', \`transform threw \${error instanceof Error ? \`\${error.name}: \${error.message}\` : String(error)}\`);
  }
  if (result === undefined) return null;
  try {
    return JSON.parse(JSON.stringify(result, refuseNonJson)) as Json;
  } catch (error) {
    throw errorNamed('TransformError', \`transform returned something that is not JSON: \${(error as Error).message}\`);
  }
}

/** A JSON.stringify replacer that refuses what JSON cannot hold, where JSON.stringify would drop or change it. */
// prettier-ignore
function refuseNonJson(_key: string, value: unknown): unknown {
  const what =
    typeof value === 'function' ? 'a function'
    : typeof value === 'symbol' ? 'a symbol'
    : typeof value === 'number' && !Number.isFinite(value) ? String(value)
    : value instanceof Promise ? 'a Promise'
    : value instanceof Map ? 'a Map'
    : value instanceof Set ? 'a Set'
    : null;
  if (what !== null) throw new TypeError(\`\${what} is not JSON\`);
  return value;
}
// #endregion

// #region truthy
/** Whether a condition's value holds, as Python's \`if value:\` decides: null, false, 0, "", [] and {} do not. */
function truthy(value: Json): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (value !== null && typeof value === 'object') return Object.keys(value).length > 0;
  return Boolean(value);
}
// #endregion

// #region retrying
/** How a node retries (docs/run-semantics.md, Retries); no \`errors\` and no \`statuses\`: every failure. */
interface Retry {
  attempts: number;
  delay: number;
  backoff: number;
  errors?: string[];
  statuses?: number[];
}

/**
 * A node's work tried again after a failure: up to \`attempts\` tries, waiting \`delay * backoff **
 * (n - 1)\` seconds after the n-th failed one. A cancellation is never retried.
 */
// prettier-ignore
async function retrying(retry: Retry, signal: AbortSignal, body: () => Promise<Json>): Promise<Json> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await body();
    } catch (error) {
      if (error instanceof CancelledError || attempt >= retry.attempts || !retryable(retry, error)) throw error;
      await sleep(retry.delay * retry.backoff ** (attempt - 1), signal);
    }
  }
}

/** Whether \`retry\` catches \`error\`: its type is listed, or it is an HTTPError with a listed status. */
function retryable(retry: Retry, error: unknown): boolean {
  if (retry.errors === undefined && retry.statuses === undefined) return true;
  const name = error instanceof Error ? error.name : 'Exception';
  if (retry.errors?.includes(name) === true) return true;
  const status = (error as { status?: unknown } | null)?.status;
  return name === 'HTTPError' && typeof status === 'number' && retry.statuses?.includes(status) === true;
}
// #endregion

// #region readInputs
/** An input of the workflow: its default (absent: required) and what it is. */
interface InputSpec {
  default?: Json;
  help?: string;
}

/**
 * The workflow's inputs from the command line (\`node.argv\` after the script): \`--NAME JSON\` or
 * \`--NAME=JSON\` for each; an input not given takes its default. \`--help\` prints them; a mistake is
 * said in one line and exits with status 2, before the run starts, as Python's argparse does.
 */
// prettier-ignore
function readInputs(declared: Record<string, InputSpec>, node: { argv: string[]; exit(code: number): never }): Record<string, Json> {
  const argv = node.argv.slice(2);
  const usage = \`usage: \${Object.entries(declared).map(([name, spec]) => ('default' in spec ? \`[--\${name} JSON]\` : \`--\${name} JSON\`)).join(' ')}\`;
  const fail = (message: string): never => {
    console.error(\`\${usage}\\nerror: \${message}\`);
    return node.exit(2);
  };
  const values: Record<string, Json> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--help' || arg === '-h') {
      console.log([usage, '', 'Each input is JSON.', ...Object.entries(declared).map(([name, spec]) => \`  --\${name} JSON  \${spec.help ?? ''}\`)].join('\\n'));
      node.exit(0);
    }
    const match = /^--([A-Za-z_][A-Za-z0-9_]*)(?:=([\\s\\S]*))?$/.exec(arg);
    const name = match?.[1];
    if (name === undefined || !Object.hasOwn(declared, name)) return fail(\`unrecognized argument: \${arg}\`);
    const text = match?.[2] ?? argv[++i];
    if (text === undefined) return fail(\`argument --\${name}: expected one argument\`);
    try {
      values[name] = JSON.parse(text) as Json;
    } catch {
      return fail(\`argument --\${name}: invalid JSON value: \${JSON.stringify(text)}\`);
    }
  }
  const missing = Object.keys(declared).filter((name) => !Object.hasOwn(values, name) && !('default' in (declared[name] as InputSpec)));
  if (missing.length > 0) return fail(\`the following arguments are required: \${missing.map((name) => \`--\${name}\`).join(', ')}\`);
  for (const [name, spec] of Object.entries(declared)) if (!Object.hasOwn(values, name)) values[name] = spec.default as Json;
  return values;
}
// #endregion

// For this module's own tests; an export holds none of this.
export type { Json, NodeFunction };
export {
  CancelledError,
  errorNamed,
  Task,
  demand,
  need,
  cancelUnfinished,
  abortable,
  callLater,
  sleep,
  gather,
  gatherOutcomes,
  wait,
  waitFor,
  race,
  asCompleted,
  shield,
  asText,
  lookup,
  request,
  connectionError,
  jmespath,
  transform,
  truthy,
  retrying,
  readInputs,
};
`;
