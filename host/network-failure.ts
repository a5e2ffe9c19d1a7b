/**
 * Turns what Node's fetch throws for a network failure ("fetch failed" / "terminated" with the
 * real error in its `cause` chain) into one line a person reads, naming the host and port:
 * "cannot connect to 127.0.0.1:59321: connection refused".
 */

/** `connect`: no response arrived yet; `read`: the connection broke while the body was read. */
export type FailurePhase = 'connect' | 'read';

const CONNECT_REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed (temporary failure)',
  EAI_FAIL: 'host name lookup failed',
  ETIMEDOUT: 'connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EADDRNOTAVAIL: 'address not available',
};

const BROKEN_REASONS: Record<string, string> = {
  ECONNRESET: 'the connection was reset',
  EPIPE: 'the connection was closed',
  UND_ERR_SOCKET: 'the server closed the connection',
  UND_ERR_CLOSED: 'the connection was closed',
};

interface CodedError {
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown;
}

export function describeNetworkFailure(url: URL, error: unknown, phase: FailurePhase): string {
  const where = hostAndPort(url);
  const root = rootCause(error);
  const code = typeof root.code === 'string' ? root.code : '';
  const message = typeof root.message === 'string' ? root.message.trim() : String(error);
  const connectReason = CONNECT_REASONS[code];
  if (connectReason !== undefined) return `cannot connect to ${where}: ${connectReason}`;
  if (isTlsCode(code)) return `cannot connect to ${where}: TLS error: ${tlsReason(message)}`;
  const broken = BROKEN_REASONS[code];
  const stage = phase === 'connect' ? 'before the response' : 'while the response was read';
  if (broken !== undefined) return `connection to ${where} broke ${stage}: ${broken}`;
  return phase === 'connect'
    ? `cannot connect to ${where}: ${message}`
    : `connection to ${where} broke ${stage}: ${message}`;
}

function hostAndPort(url: URL): string {
  const port = url.port !== '' ? url.port : url.protocol === 'https:' ? '443' : '80';
  return `${url.hostname}:${port}`;
}

/** The innermost error with a code: fetch wraps it in `cause`, happy eyeballs in AggregateError. */
function rootCause(error: unknown): CodedError {
  let current: CodedError = isObject(error) ? error : {};
  for (let depth = 0; depth < 8; depth++) {
    if (typeof current.code === 'string') return current;
    if (Array.isArray(current.errors) && isObject(current.errors[0])) current = current.errors[0];
    else if (isObject(current.cause)) current = current.cause;
    else break;
  }
  return current;
}

function isObject(value: unknown): value is CodedError {
  return typeof value === 'object' && value !== null;
}

function isTlsCode(code: string): boolean {
  return (
    code.startsWith('ERR_TLS_') ||
    code.startsWith('ERR_SSL_') ||
    code.startsWith('CERT_') ||
    code.includes('_CERT') ||
    code === 'DEPTH_ZERO_SELF_SIGNED_CERT' ||
    code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' ||
    code === 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY'
  );
}

/** OpenSSL's "…:SSL routines:ssl3_get_record:wrong version number:…" becomes "wrong version number". */
function tlsReason(message: string): string {
  const match = /SSL routines:[^:]*:([^:]+)/.exec(message);
  return match?.[1] ?? message;
}
