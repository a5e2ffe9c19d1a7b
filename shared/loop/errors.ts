/**
 * The exceptions of asyncio that the loop raises, named as Python names them so that a
 * report or an export can carry the name unchanged (`error.name` is the Python type).
 */

/** Raised inside a task at the point where it awaits, when the task is cancelled. */
export class CancelledError extends Error {
  override readonly name = 'CancelledError';
  constructor(message = '') {
    super(message);
  }
}

/** asyncio.InvalidStateError: a Future was asked for something its state does not allow. */
export class InvalidStateError extends Error {
  override readonly name = 'InvalidStateError';
}

/** Python's TimeoutError, raised by waitFor when the awaited task runs out of time. */
export class TimeoutError extends Error {
  override readonly name = 'TimeoutError';
  constructor(message = '') {
    super(message);
  }
}

/** Python's RuntimeError, raised for misuse of the loop (an await outside a task, a loop run twice). */
export class RuntimeError extends Error {
  override readonly name = 'RuntimeError';
}

export function isCancelledError(error: unknown): error is CancelledError {
  return error instanceof CancelledError;
}
