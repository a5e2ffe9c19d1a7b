/** Short texts for the canvas's one-line node summaries. */
import type { JsonValue } from '../graph/json-value';

/** A JSON value on one line, cut at `max` characters. */
export function preview(value: JsonValue | undefined, max = 32): string {
  const text = value === undefined ? '' : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The host of a URL, or the URL itself (cut) when it does not parse. */
export function urlHost(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url.length > 28 ? `${url.slice(0, 27)}…` : url;
  }
}

/** "1 s", or "none" for no limit. */
export const secondsText = (value: number | null | undefined): string =>
  value === null || value === undefined ? 'none' : `${value} s`;
