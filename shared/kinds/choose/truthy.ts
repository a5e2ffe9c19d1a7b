import type { JsonValue } from '../../graph/json-value';

/**
 * Whether a condition's value holds, as Python's `if value:` decides: null, false, 0, "", [] and {}
 * do not; everything else does. (JMESPath alone would count 0 as true; the exported Python program
 * is `if jmespath.search(...):`, so Python's rule is the one every run keeps.)
 */
export function pythonTruthy(value: JsonValue): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (value !== null && typeof value === 'object') return Object.keys(value).length > 0;
  return Boolean(value);
}
