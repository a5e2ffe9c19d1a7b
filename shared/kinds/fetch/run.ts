/**
 * The coroutine of `fetch` (docs/run-semantics.md, coroutine kinds): one HTTP request through the run's
 * client, placeholders filled from the arguments. The request is real I/O under the loop (`runIO`):
 * cancelling the node's task cancels the I/O future, which aborts the request and closes its
 * connection. A `timeout` is a loop timer (`waitFor`), so it is exact on the virtual clock and fails
 * with TimeoutError, as `asyncio.wait_for` does.
 *
 * `{env.NAME}` placeholders are read from the run's environment (services.env) after the arguments,
 * all before anything is filled; a variable that is not set fails the node with KeyError before any
 * request. The values are secrets: an error the node fails with shows `{env.NAME}` where a value
 * would be (hideEnvValues), so no report, history or log holds them.
 */
import type { JsonValue } from '../../graph/json-value';
import { hideEnvValues } from '../../graph/placeholders';
import { waitFor, type Coro, type EventLoop } from '../../loop';
import { NamedError } from '../../runtime/error-info';
import type { HttpClient, HttpRequest, HttpResponse } from '../../runtime/services';
import { awaitArguments, type KindRunner } from '../runner';
import { HTTPError, JSONDecodeError } from './errors';
import { fillFetchRequest, readFetchEnv } from './request';
import type { FetchParams, ResponseType } from './spec';

export const runner: KindRunner<'fetch'> = {
  *run(params, ctx) {
    const args = yield* awaitArguments(ctx);
    const { http, loop, maxResponseBytes, env } = ctx.services;
    if (http === null)
      throw new NamedError('RuntimeError', `fetch node ${ctx.nodeId} has no HTTP client in this run`);
    return yield* fetchNode(params, args, { loop, http, maxResponseBytes, env });
  },
};

export interface FetchContext {
  loop: EventLoop;
  http: HttpClient;
  maxResponseBytes: number;
  /** Reads the `{env.NAME}` variables; absent: none is set. */
  env?: ((name: string) => string | undefined) | undefined;
}

export function* fetchNode(params: FetchParams, args: JsonValue[], ctx: FetchContext): Coro<JsonValue> {
  const secrets = readFetchEnv(params, ctx.env ?? (() => undefined));
  if (secrets.size === 0) return yield* sendRequest(params, args, ctx, secrets);
  try {
    return yield* sendRequest(params, args, ctx, secrets);
  } catch (error) {
    // A message (an HTTPError's url, a ConnectionError's reason…) shows {env.NAME}, never the value.
    if (error instanceof Error && error.message !== '') error.message = hideEnvValues(error.message, secrets);
    throw error;
  }
}

function* sendRequest(
  params: FetchParams,
  args: JsonValue[],
  ctx: FetchContext,
  secrets: ReadonlyMap<string, string>,
): Coro<JsonValue> {
  const request: HttpRequest = {
    ...fillFetchRequest(params, args, secrets),
    maxResponseBytes: ctx.maxResponseBytes,
  };
  const io = ctx.loop.runIO((signal) => ctx.http.request(request, signal));
  const timeout = params.timeout ?? null;
  const response = timeout === null ? yield* io : yield* waitFor(io, timeout);
  if (response.status >= 400) {
    const reason = response.statusText === '' ? '' : ` ${response.statusText}`;
    throw new HTTPError(
      response.status,
      `${request.method} ${request.url} answered ${response.status}${reason}`,
    );
  }
  return readAs(params.responseType ?? 'json', response, request.url);
}

function readAs(responseType: ResponseType, response: HttpResponse, url: string): JsonValue {
  switch (responseType) {
    case 'status':
      return response.status;
    case 'text':
      return response.text;
    case 'json':
      return parseJson(response.text, url);
  }
}

/** As aiohttp's `resp.json()`: an empty (or blank) body is null. */
function parseJson(text: string, url: string): JsonValue {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  try {
    return JSON.parse(trimmed) as JsonValue;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new JSONDecodeError(`response from ${url} is not valid JSON: ${detail}`);
  }
}
