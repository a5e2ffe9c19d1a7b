/**
 * The errors a `fetch` node fails with (docs/run-semantics.md, errors). Each is a NamedError whose
 * `name` is the Python type, so the report and the exports agree on it. The host's HTTP client
 * (host/http-client.ts) raises ConnectionError and ResponseTooLarge; the fetch kind
 * raises HTTPError and JSONDecodeError.
 */
import { NamedError } from '../../runtime/error-info';

/** The server answered with a status >= 400. */
export class HTTPError extends NamedError {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super('HTTPError', message);
  }
}

/** No connection could be made (refused, DNS, TLS, timeout) or it broke before the response was read. */
export class ConnectionError extends NamedError {
  constructor(message: string) {
    super('ConnectionError', message);
  }
}

/** The response body passed the run's limit; the connection was closed. */
export class ResponseTooLarge extends NamedError {
  constructor(message: string) {
    super('ResponseTooLarge', message);
  }
}

/** A `json` response whose body is not JSON. */
export class JSONDecodeError extends NamedError {
  constructor(message: string) {
    super('JSONDecodeError', message);
  }
}

/** A request that cannot be made at all: a URL that does not parse or is not http(s). */
export class InvalidURL extends NamedError {
  constructor(message: string) {
    super('InvalidURL', message);
  }
}

/** "10 MiB", "512 KiB" or "1000 bytes": a byte count as a person reads a limit. */
export function formatByteLimit(bytes: number): string {
  const MiB = 1024 * 1024;
  if (bytes >= MiB && bytes % MiB === 0) return `${bytes / MiB} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}
