/**
 * A fetch node's params and argument values made into the request the HTTP client sends:
 * defaults applied (GET, no headers, no body), placeholders filled (shared/graph/placeholders),
 * the body serialised.
 */
import type { JsonValue } from '../../graph/json-value';
import {
  PlaceholderError,
  envNames,
  fillBody,
  fillHeaders,
  fillTemplate,
  fillUrl,
  resolveEnv,
  type EnvLookup,
} from '../../graph/placeholders';
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

/**
 * The values of the environment variables the params use (`{env.NAME}`), by name in the order they
 * first appear: read all at once before anything is filled, as the exports read them. Throws a
 * KeyError (`environment variable NAME is not set`) for the first one that is not set.
 */
export function readFetchEnv(params: FetchParams, env: EnvLookup): Map<string, string> {
  const values = new Map<string, string>();
  for (const name of envNames(params)) {
    try {
      values.set(name, resolveEnv({ kind: 'env', name, source: `{env.${name}}`, offset: 0 }, env));
    } catch (error) {
      if (error instanceof PlaceholderError) throw new NamedError(error.type, error.message);
      throw error;
    }
  }
  return values;
}

/**
 * Throws an error named for its Python type (KeyError, IndexError…) when a placeholder cannot be filled.
 * `env` gives the `{env.NAME}` variables' values (readFetchEnv); none by default.
 */
export function fillFetchRequest(
  params: FetchParams,
  args: readonly JsonValue[],
  env: ReadonlyMap<string, string> = new Map(),
): FilledFetch {
  try {
    return fill(params, args, (name) => env.get(name));
  } catch (error) {
    if (error instanceof PlaceholderError) throw new NamedError(error.type, error.message);
    throw error;
  }
}

function fill(params: FetchParams, args: readonly JsonValue[], env: EnvLookup): FilledFetch {
  const headers = fillHeaders(params.headers ?? {}, args, env);
  const rawBody = params.body ?? null;
  let body: string | null = null;
  if (typeof rawBody === 'string') {
    // A string body is sent as it is: its placeholders are filled as text.
    body = fillTemplate(rawBody, args, undefined, env);
  } else if (rawBody !== null) {
    // A JSON body, as aiohttp's `json=`: serialised, with a content type unless the user set one.
    body = JSON.stringify(fillBody(rawBody, args, env));
    if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) {
      headers['content-type'] = 'application/json';
    }
  }
  return {
    url: fillUrl(params.url, args, env),
    method: (params.method ?? 'GET').toUpperCase(),
    headers,
    body,
  };
}
