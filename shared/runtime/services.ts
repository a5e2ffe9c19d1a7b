/**
 * What a run needs from the outside world, as interfaces: shared/ stays free of Node and
 * Electron, and the host (electron/) supplies the implementations.
 */
import type { JsonValue } from '../graph/types';

export interface HttpRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  /** Already serialised; null sends no body. */
  body: string | null;
  /** Largest response body accepted, in bytes; beyond it the request fails with a clear error. */
  maxResponseBytes: number;
}

export interface HttpResponse {
  status: number;
  /** The reason phrase the server sent ("Not Found"); may be empty. */
  statusText: string;
  /** The body decoded as UTF-8. */
  text: string;
}

/**
 * One HTTP client (one connection pool) per run. `request` resolves with any status (>= 400
 * included: the fetch kind decides) and rejects with an error whose `name` is the Python type
 * docs/run-semantics.md gives it (classes in shared/kinds/fetch/errors.ts): `ConnectionError` when no connection
 * could be made or it broke (refused, reset, DNS, TLS, closed), `ResponseTooLarge` when the
 * body passes `maxResponseBytes` (the connection is closed), `InvalidURL` for a URL that is not
 * http(s). An aborted signal closes the connection and rejects with the signal's reason.
 */
export interface HttpClient {
  request(request: HttpRequest, signal: AbortSignal): Promise<HttpResponse>;
  /** Closes every pooled connection. */
  close(): Promise<void>;
  /** Settles when the client is warmed up; a run awaits it before its clock starts. */
  readonly ready?: Promise<void>;
}

export interface TransformLimits {
  /**
   * Time one evaluation may take, in milliseconds (wall time of a synchronous run, so in
   * effect its CPU time). QuickJS checks it every few thousand calls or loop iterations: a
   * loop whose every iteration does heavy native work, or one huge native call, can overrun it
   * in the in-process sandbox. The host's worker-thread sandbox (host/worker-sandbox.ts)
   * makes it hard: it terminates an evaluation still running at the limit plus a short grace.
   */
  timeMs: number;
  /** Memory the sandbox may hold, in bytes (at least 1 MiB). */
  memoryBytes: number;
}

/**
 * Runs JavaScript transforms in a sandbox. `runJavaScript` is synchronous: a transform holds
 * the loop while it computes, exactly as CPU-bound code holds asyncio's loop. Each call starts
 * from a fresh global (nothing leaks between transforms) and sees copies of `args` only.
 * Throws an error named `TransformError` for a transform that threw, returned something that
 * is not JSON, or broke a limit; the sandbox stays usable afterwards.
 */
export interface TransformSandbox {
  runJavaScript(code: string, args: JsonValue[]): JsonValue;
  dispose(): void;
}
