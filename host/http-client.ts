/**
 * The run's HTTP client on Node: the built-in global `fetch` with one undici `Agent` as its
 * dispatcher, so one client is one connection pool (keep-alive between the requests of a run)
 * and `close()` closes every pooled connection.
 *
 * The body is read as a stream and counted, so a response past the limit is stopped as soon as
 * it passes it, and its connection is closed. Aborting the signal aborts the request; undici
 * then destroys the socket, so the server sees the connection close.
 */
import { Agent } from 'undici';
import type { HttpClient, HttpRequest, HttpResponse } from '../shared/runtime/services';
import { ConnectionError, InvalidURL, ResponseTooLarge, formatByteLimit } from '../shared/kinds/fetch/errors';
import { NamedError } from '../shared/runtime/error-info';
import { describeNetworkFailure } from './network-failure';

export interface NodeHttpClientOptions {
  /** How long establishing a connection (TCP and TLS) may take, in ms. Default 30 s, as aiohttp. */
  connectTimeoutMs?: number;
  /** How long an idle pooled connection is kept, in ms (a server's Keep-Alive hint may lower it). */
  keepAliveTimeoutMs?: number;
}

export function createNodeHttpClient(options: NodeHttpClientOptions = {}): HttpClient {
  const agent = new Agent({
    connect: { timeout: options.connectTimeoutMs ?? 30_000 },
    keepAliveTimeout: options.keepAliveTimeoutMs ?? 4_000,
    // A node without `timeout` waits as long as the server takes (docs/file-format.md's null timeout):
    // undici's own 300 s header and body timeouts are turned off.
    headersTimeout: 0,
    bodyTimeout: 0,
  });
  return {
    request: (request, signal) => sendRequest(agent, request, signal),
    close: () => agent.close(),
    ready: warmFetch(),
  };
}

let warmed: Promise<void> | null = null;

/**
 * Node sets up its fetch machinery (streams, headers, the bundled undici) on the first call: tens
 * of milliseconds of synchronous work, hundreds on a busy machine. Done inside a run, it would hold
 * the loop in the first fetch node's step and delay every other node; a data: URL does it once per
 * process, without the network, before the run's clock starts.
 */
function warmFetch(): Promise<void> {
  warmed ??= fetch('data:,').then(
    (response) => response.arrayBuffer().then(() => undefined),
    () => undefined,
  );
  return warmed;
}

async function sendRequest(agent: Agent, request: HttpRequest, signal: AbortSignal): Promise<HttpResponse> {
  const url = parseHttpUrl(request.url);
  if (request.body !== null && (request.method === 'GET' || request.method === 'HEAD')) {
    // WHATWG fetch refuses this; aiohttp would send it. Say so rather than fail obscurely.
    throw new NamedError('ValueError', `a ${request.method} request cannot carry a body (${request.url})`);
  }
  // Our own controller stops the request when the body is too large; either one aborts it.
  const stopper = new AbortController();
  const combined = AbortSignal.any([signal, stopper.signal]);
  let response: Response;
  try {
    response = await fetch(url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: combined,
      dispatcher: agent,
      redirect: 'follow',
    });
  } catch (error) {
    throw signal.aborted
      ? abortReason(signal, error)
      : new ConnectionError(describeNetworkFailure(url, error, 'connect'));
  }
  try {
    const body = await readLimited(response, request, stopper);
    await connectionBackInPool();
    return { status: response.status, statusText: response.statusText, text: new TextDecoder().decode(body) };
  } catch (error) {
    if (error instanceof ResponseTooLarge) throw error;
    if (signal.aborted) throw abortReason(signal, error);
    throw new ConnectionError(describeNetworkFailure(url, error, 'read'));
  }
}

function parseHttpUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InvalidURL(`invalid URL: ${JSON.stringify(text)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidURL(`unsupported URL scheme ${JSON.stringify(url.protocol.slice(0, -1))} in ${text}`);
  }
  return url;
}

/** Reads the whole body, failing with ResponseTooLarge (and aborting the request) past the limit. */
async function readLimited(
  response: Response,
  request: HttpRequest,
  stopper: AbortController,
): Promise<Uint8Array> {
  const limit = request.maxResponseBytes;
  const tooLarge = (): ResponseTooLarge => {
    const error = new ResponseTooLarge(
      `response from ${request.url} is larger than the limit of ${formatByteLimit(limit)}`,
    );
    stopper.abort(error);
    return error;
  };
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > limit) throw tooLarge();
  if (response.body === null) return new Uint8Array(0);

  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) throw tooLarge();
    chunks.push(value);
  }
  return concat(chunks, total);
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/**
 * undici hands a kept-alive socket back to its pool one `setImmediate` after the response
 * ended ("a full event loop cycle", client-h1.js). A request made before that opens a second
 * connection; waiting for our own setImmediate, queued after undici's, lets the next request
 * of the run reuse the first.
 */
function connectionBackInPool(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** What an aborted request rejects with: the reason given to abort(), as the interface promises. */
function abortReason(signal: AbortSignal, fallback: unknown): unknown {
  return signal.reason ?? fallback;
}
