/**
 * Checking that a value is plain JSON data, and copying it safely.
 *
 * A workflow may come from JSON.parse (always JSON data, but numbers like 1e999 become Infinity) or from
 * memory (the editor), where functions, class instances, cycles or undefined can sneak in. The copy keeps
 * keys such as `__proto__` as ordinary own properties, so nothing in a document can reach a prototype.
 */
import type { JsonValue } from './json-value';

/** Deeper documents are refused: every consumer (runtime, exporters, CPython's json) stays far from its limits. */
export const MAX_JSON_DEPTH = 200;

export type JsonPath = (string | number)[];

export interface JsonDataIssue {
  path: JsonPath;
  /** A clause that follows the location: "is a function, which is not JSON data". */
  message: string;
}

const MAX_ISSUES = 20;
/** A budget of visited values, so that an in-memory value sharing objects cannot blow up exponentially. */
const MAX_VALUES = 5_000_000;

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Sets `key` as an own data property even when it is `__proto__`. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  // Only `__proto__` is special to assignment; defining every key would be needlessly slow.
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

function kindOfNonJson(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'symbol') return 'a symbol';
  if (typeof value === 'bigint') return 'a BigInt';
  if (typeof value === 'object' && value !== null) {
    const name = (Object.getPrototypeOf(value) as { constructor?: { name?: unknown } } | null)?.constructor
      ?.name;
    return typeof name === 'string' && name !== '' ? `a ${name} object` : 'a non-plain object';
  }
  return typeof value;
}

/**
 * Copies a value that should be JSON data. Numbers are copied as they are, even when not finite: the
 * schemas say where they are wrong, with more context than this walk has. Object properties that are
 * undefined are left out, as JSON.stringify would.
 */
export function copyJsonData(
  value: unknown,
): { ok: true; value: unknown } | { ok: false; issues: JsonDataIssue[] } {
  const issues: JsonDataIssue[] = [];
  const ancestors = new Set<object>();
  const path: JsonPath = [];

  let visited = 0;
  const report = (message: string): void => {
    if (issues.length < MAX_ISSUES) issues.push({ path: [...path], message });
  };

  const copy = (item: unknown, depth: number): unknown => {
    if (++visited > MAX_VALUES) {
      if (visited === MAX_VALUES + 1) report(`holds more than ${MAX_VALUES} values`);
      return null;
    }
    if (item === null || typeof item === 'boolean' || typeof item === 'number' || typeof item === 'string') {
      return item;
    }
    if (typeof item !== 'object') {
      report(`is ${kindOfNonJson(item)}, which is not JSON data`);
      return null;
    }
    if (depth >= MAX_JSON_DEPTH) {
      report(`is nested more than ${MAX_JSON_DEPTH} levels deep`);
      return null;
    }
    if (ancestors.has(item)) {
      report('contains itself (a reference cycle), which JSON cannot hold');
      return null;
    }
    ancestors.add(item);
    try {
      if (Array.isArray(item)) {
        const out: unknown[] = [];
        for (let i = 0; i < item.length; i++) {
          path.push(i);
          const element: unknown = item[i];
          if (element === undefined) report('is undefined, which is not JSON data');
          out.push(copy(element, depth + 1));
          path.pop();
        }
        return out;
      }
      if (!isPlainObject(item)) {
        report(`is ${kindOfNonJson(item)}, not plain JSON data`);
        return null;
      }
      const out: Record<string, unknown> = {};
      const record = item as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        const property = record[key];
        if (property === undefined) continue;
        path.push(key);
        setOwn(out, key, copy(property, depth + 1));
        path.pop();
      }
      return out;
    } finally {
      ancestors.delete(item);
    }
  };

  let copied: unknown;
  try {
    copied = copy(value, 0);
  } catch (error) {
    // A getter or proxy that throws: report it rather than let it escape.
    path.length = 0;
    report(`could not be read (${error instanceof Error ? error.message : String(error)})`);
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: copied };
}

/**
 * Whether a value fresh from JSON.parse is certainly free of what copyJsonData reports. Such a value
 * holds only plain JSON data, so only its depth and its number of values can be wrong; this walk checks
 * both without copying or building paths. False means "maybe": copyJsonData then says exactly what.
 */
export function withinJsonLimits(parsed: unknown): boolean {
  // Counts every value, the root included, as copyJsonData does (it counts fewer, never more).
  let budget = MAX_VALUES - 1;
  const walk = (item: object, depth: number): boolean => {
    if (depth >= MAX_JSON_DEPTH) return false;
    if (Array.isArray(item)) {
      budget -= item.length;
      if (budget < 0) return false;
      for (let i = 0; i < item.length; i++) {
        const element: unknown = item[i];
        if (typeof element === 'object' && element !== null && !walk(element, depth + 1)) return false;
      }
      return true;
    }
    // for-in allocates nothing; it would also count inherited keys, which only makes the answer "maybe".
    const record = item as Record<string, unknown>;
    for (const key in record) {
      if (--budget < 0) return false;
      const property = record[key];
      if (typeof property === 'object' && property !== null && !walk(property, depth + 1)) return false;
    }
    return true;
  };
  return typeof parsed !== 'object' || parsed === null || walk(parsed, 0);
}

/** Why `value` is not JSON data (a clause such as "contains Infinity, which JSON cannot hold"), or null. */
export function jsonDataProblem(value: unknown): string | null {
  // Most values checked are leaves: answer those without the walk.
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return null;
  // Iterative, so that even a value that skipped copyJsonData cannot exhaust the stack. Two parallel
  // stacks rather than one of {item, depth} objects: this runs for every node of a large graph.
  const items: unknown[] = [value];
  const depths: number[] = [0];
  let visited = 0;
  while (items.length > 0) {
    const item = items.pop();
    const depth = depths.pop() as number;
    if (++visited > MAX_VALUES) return `holds more than ${MAX_VALUES} values`;
    if (item === null || typeof item === 'boolean' || typeof item === 'string') continue;
    if (typeof item === 'number') {
      if (!Number.isFinite(item))
        return `contains ${String(item)}, which JSON cannot hold (numbers must be finite)`;
      continue;
    }
    if (typeof item !== 'object') return `contains ${kindOfNonJson(item)}, which is not JSON data`;
    if (depth >= MAX_JSON_DEPTH) return `is nested more than ${MAX_JSON_DEPTH} levels deep`;
    if (Array.isArray(item)) {
      for (const element of item) {
        if (element === undefined) return 'contains undefined, which is not JSON data';
        items.push(element);
        depths.push(depth + 1);
      }
    } else if (isPlainObject(item)) {
      for (const property of Object.values(item)) {
        if (property !== undefined) {
          items.push(property);
          depths.push(depth + 1);
        }
      }
    } else {
      return `contains ${kindOfNonJson(item)}, which is not plain JSON data`;
    }
  }
  return null;
}

export function isJsonValue(value: unknown): value is JsonValue {
  return value !== undefined && jsonDataProblem(value) === null;
}
