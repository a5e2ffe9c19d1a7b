/**
 * The JavaScript that runs inside the sandbox around a transform, and the host's reading of
 * what it hands back. Only strings cross the boundary: the host passes the transform's
 * arguments as JSON text, and the driver answers with one tagged string:
 *
 *   v<json>   the transform returned this JSON value
 *   n<json>   it returned something that is not JSON: {"what", "path"}
 *   t<json>   it threw: {"name", "message", "line"} for an Error, {"value"} for anything else
 *   m         it ran out of memory; `mstring` when a string outgrew QuickJS's length limit
 *   s         it overflowed the stack
 *
 * The driver is evaluated in each fresh context before the transform's code, so it holds the
 * real JSON, Reflect... even if the transform later replaces them on its own global.
 */
import type { JsonValue } from '../../graph/types';
import { memoryLimitError, stackLimitError, TransformError } from './transform-error';

/** The file name QuickJS gives the transform's code in stack traces. */
export const TRANSFORM_FILE = 'transform.js';
export const DRIVER_FILE = 'flowloop-driver.js';

// The transform's first line is line 2 of both wrappers below; the driver subtracts 1.
export const DRIVER_SOURCE = String.raw`(function () {
  'use strict';
  const parse = JSON.parse;
  const stringify = JSON.stringify;
  const apply = Reflect.apply;
  const regexpExec = RegExp.prototype.exec;
  const stringSlice = String.prototype.slice;
  const toText = String;
  const isArray = Array.isArray;
  const isFiniteNumber = Number.isFinite;
  const MapClass = Map;
  const mapGet = Map.prototype.get;
  const mapSet = Map.prototype.set;
  const SetClass = Set;
  const PromiseClass = Promise;
  const LINE = /transform\.js:(\d+)/;
  const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
  const CYCLE = /circular/;
  // As Python's json gives up near its recursion limit; deeper, QuickJS's own JSON.stringify
  // could overflow the host's stack.
  const MAX_DEPTH = 1000;
  const MAX_TEXT = 500;
  const NOT_JSON = {};
  const TOO_DEEP = {};

  function clip(text) {
    return text.length > MAX_TEXT ? apply(stringSlice, text, [0, MAX_TEXT]) + '…' : text;
  }
  function find(pattern, text) {
    return apply(regexpExec, pattern, [text]);
  }
  // QuickJS reports its own limits as InternalErrors, and a parser out of stack as a SyntaxError.
  function limitTag(error) {
    try {
      if (typeof error !== 'object' || error === null) return null;
      const name = error.name;
      const message = error.message;
      if (message === 'stack overflow' && (name === 'InternalError' || name === 'SyntaxError')) return 's';
      if (name !== 'InternalError') return null;
      if (message === 'out of memory') return 'm';
      if (message === 'string too long') return 'mstring';
      return null;
    } catch (failure) {
      return null;
    }
  }
  function describe(error) {
    const limit = limitTag(error);
    if (limit !== null) return limit;
    try {
      if (typeof error === 'object' && error !== null && typeof error.message === 'string') {
        const name = typeof error.name === 'string' ? error.name : 'Error';
        const stack = error.stack;
        const found = typeof stack === 'string' ? find(LINE, stack) : null;
        const line = found === null ? null : +found[1] - 1;
        return 't' + stringify({ name: clip(name), message: clip(error.message), line: line });
      }
      let shown;
      try {
        shown = stringify(error);
      } catch (failure) {
        shown = undefined;
      }
      if (typeof shown !== 'string') shown = toText(error);
      return 't' + stringify({ value: clip(shown) });
    } catch (failure) {
      const limitWhileDescribing = limitTag(failure);
      return limitWhileDescribing !== null ? limitWhileDescribing : 't' + stringify({ value: '(a value that cannot be shown)' });
    }
  }
  function notJson(value) {
    switch (typeof value) {
      case 'function': return 'a function';
      case 'symbol': return 'a symbol';
      case 'bigint': return 'a BigInt';
      case 'number': return isFiniteNumber(value) ? null : toText(value);
      case 'object':
        if (value instanceof PromiseClass) return 'a Promise';
        if (value instanceof MapClass) return 'a Map';
        if (value instanceof SetClass) return 'a Set';
        return null;
      default: return null;
    }
  }
  function serialize(value) {
    if (value === undefined) return 'vnull';
    // Each object on the way down, with its path and depth, for messages and the depth cap.
    const places = new MapClass();
    let problem = null;
    let lastPath = 'result';
    function replacer(key, item) {
      const parent = apply(mapGet, places, [this]);
      const path = parent === undefined ? 'result'
        : isArray(this) ? parent.path + '[' + key + ']'
        : find(IDENTIFIER, key) !== null ? parent.path + '.' + key
        : parent.path + '[' + stringify(key) + ']';
      lastPath = path;
      const what = notJson(item);
      if (what !== null) {
        problem = { what: what, path: path };
        throw NOT_JSON;
      }
      if (typeof item === 'object' && item !== null) {
        const depth = parent === undefined ? 1 : parent.depth + 1;
        if (depth > MAX_DEPTH) throw TOO_DEEP;
        apply(mapSet, places, [item, { path: path, depth: depth }]);
      }
      return item;
    }
    let text;
    try {
      text = stringify(value, replacer);
    } catch (error) {
      if (error === NOT_JSON) return 'n' + stringify(problem);
      if (error === TOO_DEEP) return 's';
      if (limitTag(error) === null && error instanceof TypeError && find(CYCLE, toText(error.message)) !== null) {
        return 'n' + stringify({ what: 'a cyclic structure', path: lastPath });
      }
      return describe(error);
    }
    return 'v' + text;
  }
  function run(transform, argsJson) {
    let result;
    try {
      const args = parse(argsJson);
      result = transform(args, args[0]);
    } catch (error) {
      return describe(error);
    }
    return serialize(result);
  }
  return { run: run, describe: describe };
})()`;

/**
 * The transform as one expression, whose value is the result. Trailing semicolons are
 * dropped so that `input.a + 1;` still counts as an expression.
 */
export function expressionSource(code: string): string {
  // `return (` shares the code's first line: QuickJS places some calls at the opening paren.
  return `(function (args, input) {\nreturn (${code.replace(/[\s;]+$/, '')}\n); })`;
}

/** The transform as a function body, which returns with `return`. */
export function bodySource(code: string): string {
  return `(function (args, input) {\n${code}\n})`;
}

export interface OutcomeContext {
  memoryBytes: number;
  /** Lines in the transform's code, to keep a syntax error's line inside it. */
  lineCount: number;
}

/** Turns the driver's answer for a run into the transform's value, or throws its TransformError. */
export function readRunOutcome(outcome: string, context: OutcomeContext): JsonValue {
  const payload = outcome.slice(1);
  switch (outcome[0]) {
    case 'v':
      return JSON.parse(payload) as JsonValue;
    case 'n':
      throw notJsonError(JSON.parse(payload) as unknown);
    case 't':
      throw thrownError(JSON.parse(payload) as unknown, 'transform threw', context);
    default:
      throw limitError(outcome, context);
  }
}

/** Turns the driver's description of an error from compiling the transform into a TransformError. */
export function readCompileOutcome(outcome: string, context: OutcomeContext): TransformError {
  if (outcome[0] !== 't') return limitError(outcome, context);
  const described = JSON.parse(outcome.slice(1)) as unknown;
  if (isRecord(described) && described.name === 'SyntaxError') {
    return thrownError({ ...described, name: null }, 'transform code has a syntax error:', context);
  }
  // Code that closes the wrapper's brackets can run statements while it is compiled.
  return thrownError(described, 'transform threw', context);
}

function limitError(outcome: string, context: OutcomeContext): TransformError {
  if (outcome === 's') return stackLimitError();
  if (outcome === 'mstring')
    return memoryLimitError(context.memoryBytes, 'it built a string too long to hold');
  // 'm', and also '' or garbage: the only way the driver's answer goes missing is that
  // QuickJS could not allocate the copy it hands to the host.
  return memoryLimitError(context.memoryBytes);
}

function notJsonError(described: unknown): TransformError {
  const what = isRecord(described) && typeof described.what === 'string' ? described.what : 'a value';
  const path = isRecord(described) && typeof described.path === 'string' ? described.path : 'result';
  const where = path === 'result' ? '' : ` at ${path}`;
  return new TransformError(`transform returned ${what}${where}, which is not JSON`);
}

function thrownError(described: unknown, prefix: string, context: OutcomeContext): TransformError {
  if (!isRecord(described)) return new TransformError(`${prefix} an error`);
  if (typeof described.value === 'string') return new TransformError(`${prefix} ${described.value}`);
  const name = typeof described.name === 'string' && described.name !== '' ? `${described.name}: ` : '';
  const message = typeof described.message === 'string' ? described.message : '';
  const headline = (message === '' ? name.replace(/: $/, '') : `${name}${message}`) || 'an error';
  const line =
    typeof described.line === 'number' && described.line >= 1
      ? Math.min(described.line, context.lineCount)
      : null;
  return new TransformError(`${prefix} ${headline}${line === null ? '' : ` (line ${line})`}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
