/** JSON values written as Python literals (None/True/False, dicts and lists), deterministically. */
import type { JsonValue } from '../graph/types';

/** A Python string literal: JSON's escapes are all valid in Python strings. */
export function pyString(text: string): string {
  return JSON.stringify(text);
}

export function pyLiteral(value: JsonValue): string {
  if (value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return pyNumber(value);
  if (typeof value === 'string') return pyString(value);
  if (Array.isArray(value)) return `[${value.map(pyLiteral).join(', ')}]`;
  const entries = Object.entries(value).map(([k, v]) => `${pyString(k)}: ${pyLiteral(v)}`);
  return `{${entries.join(', ')}}`;
}

/** Numbers as JavaScript reads them: `5` stays an int, `0.5` a float; `1e21` is valid Python too. */
export function pyNumber(value: number): string {
  return String(value);
}
