/**
 * A fetch node's params and argument values made into the request the HTTP client sends:
 * defaults applied (GET, no headers, no body), placeholders filled (shared/graph/placeholders),
 * the body serialised.
 */
import type { JsonValue } from '../../graph/json-value';
import { PlaceholderError, fillBody, fillHeaders, fillTemplate, fillUrl } from '../../graph/placeholders';
import { NamedError } from '../../runtime/error-info';
import type { FetchParams } from './spec';

export interface FilledFetch {
  url: string;
  /** Upper case, as aiohttp sends it. */
  method: string;
  headers: Record<string, string>;
  /** Serialised; null sends no body. */
  body: string | null;
}

/** Throws an error named for its Python type (KeyError, IndexError…) when a placeholder cannot be filled. */
export function fillFetchRequest(params: FetchParams, args: readonly JsonValue[]): FilledFetch {
  try {
    return fill(params, args);
  } catch (error) {
    if (error instanceof PlaceholderError) throw new NamedError(error.type, error.message);
    throw error;
  }
}

function fill(params: FetchParams, args: readonly JsonValue[]): FilledFetch {
  const headers = fillHeaders(params.headers ?? {}, args);
  const rawBody = params.body ?? null;
  let body: string | null = null;
  if (typeof rawBody === 'string') {
    // A string body is sent as it is: its placeholders are filled as text.
    body = fillTemplate(rawBody, args);
  } else if (rawBody !== null) {
    // A JSON body, as aiohttp's `json=`: serialised, with a content type unless the user set one.
    body = JSON.stringify(fillBody(rawBody, args));
    if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) {
      headers['content-type'] = 'application/json';
    }
  }
  return { url: fillUrl(params.url, args), method: (params.method ?? 'GET').toUpperCase(), headers, body };
}
