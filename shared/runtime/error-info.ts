import type { ErrorInfo } from './types';

/**
 * An error whose `name` is a Python exception type: what a `fail` node raises, and what the
 * node kinds raise (HTTPError, TransformError…), so the report and the exports agree on it.
 */
export class NamedError extends Error {
  constructor(
    override readonly name: string,
    message: string,
  ) {
    super(message);
  }
}

/** The report's form of anything thrown: its Python type name and its message. */
export function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof Error) return { type: error.name || 'Exception', message: error.message };
  return { type: 'Exception', message: typeof error === 'string' ? error : safeString(error) };
}

function safeString(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
