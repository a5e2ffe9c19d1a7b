/**
 * How the inspector's JSON view shows a value: one-line summaries of objects and arrays, long strings
 * cut short, which containers start unfolded, and the copyable text. Pure, so it is tested without a DOM.
 */
import type { JsonValue } from '../../../shared/graph';

export type JsonContainer = JsonValue[] | { [key: string]: JsonValue };

/** Strings longer than this show their start and a way to see the rest. */
export const STRING_LIMIT = 160;
/** A container shows this many children at first, then more on request. */
export const CHILD_PAGE = 100;

export function isContainer(value: JsonValue): value is JsonContainer {
  return typeof value === 'object' && value !== null;
}

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** How many children a container has, in words: `3 keys`, `1 item`. */
export function countLabel(value: JsonContainer): string {
  return Array.isArray(value)
    ? plural(value.length, 'item', 'items')
    : plural(Object.keys(value).length, 'key', 'keys');
}

/** A folded container in one line: `{…} 3 keys`, `[…] 12 items`; empty ones as `{}` and `[]`. */
export function summary(value: JsonContainer): string {
  if (sizeOf(value) === 0) return Array.isArray(value) ? '[]' : '{}';
  return `${Array.isArray(value) ? '[…]' : '{…}'} ${countLabel(value)}`;
}

/** What the value is, for the view's header: `object · 3 keys`, `array · 12 items`, `string · 270 characters`. */
export function kindLabel(value: JsonValue): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `array · ${countLabel(value)}`;
  if (typeof value === 'object') return `object · ${countLabel(value)}`;
  if (typeof value === 'string') return `string · ${plural(value.length, 'character', 'characters')}`;
  return typeof value;
}

/** A container's children as (label, value) pairs: array indexes or object keys, in order. */
export function childrenOf(value: JsonContainer): [string, JsonValue][] {
  return Array.isArray(value) ? value.map((child, i) => [String(i), child]) : Object.entries(value);
}

/** How many children a container has. */
export function sizeOf(value: JsonContainer): number {
  return Array.isArray(value) ? value.length : Object.keys(value).length;
}

/** A string as shown folded: its first `limit` characters and how many are hidden (0 when none). */
export function truncated(text: string, limit = STRING_LIMIT): { shown: string; hidden: number } {
  if (text.length <= limit) return { shown: text, hidden: 0 };
  return { shown: text.slice(0, limit), hidden: text.length - limit };
}

/** The value's own text: JSON for strings (quotes and escapes), numbers, booleans and null. */
export function scalarText(value: Exclude<JsonValue, JsonContainer>): string {
  return JSON.stringify(value);
}

/**
 * Whether a container starts unfolded: the top level always, the next level when it is small, so a
 * result reads at a glance without a large one filling the panel.
 */
export function startsOpen(value: JsonContainer, depth: number): boolean {
  if (depth === 0) return true;
  return depth === 1 && sizeOf(value) <= 8;
}

/** What Copy puts on the clipboard: the whole value as pretty JSON. */
export function prettyJson(value: JsonValue): string {
  return JSON.stringify(value, null, 2);
}
