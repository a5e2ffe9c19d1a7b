/** JSON values written as TypeScript literals (single-quoted strings, bare keys where possible), deterministically. */
import type { JsonValue } from '../graph/types';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A single-quoted string literal. JSON's escapes are all valid in TypeScript strings. */
export function tsString(text: string): string {
  const escaped = JSON.stringify(text).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'");
  return `'${escaped}'`;
}

/** Literal text inside a template literal: backslashes, backticks and `${` escaped. */
export function tsTemplateText(text: string): string {
  return JSON.stringify(text).slice(1, -1).replace(/\\"/g, '"').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
}

export function tsNumber(value: number): string {
  return String(value);
}

/** An object key: bare when it is an identifier; `__proto__` computed, so it stays an ordinary key. */
export function tsKey(key: string): string {
  if (key === '__proto__') return `['__proto__']`;
  return IDENTIFIER.test(key) ? key : tsString(key);
}

export function tsLiteral(value: JsonValue): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return tsNumber(value);
  if (typeof value === 'string') return tsString(value);
  if (Array.isArray(value)) return `[${value.map(tsLiteral).join(', ')}]`;
  const entries = Object.entries(value).map(([k, v]) => `${tsKey(k)}: ${tsLiteral(v)}`);
  return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
}
