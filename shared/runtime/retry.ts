/**
 * A coroutine node's retries (docs/run-semantics.md, "Retries"), as the exported programs write them:
 *
 *   for attempt in range(1, attempts + 1):
 *       try:
 *           return await body()
 *       except Exception as error:          # a cancellation is not an Exception: never retried
 *           if attempt == attempts or not retryable(error):
 *               raise
 *           await asyncio.sleep(delay * backoff ** (attempt - 1))
 *
 * The body is the node's whole coroutine, its arguments included: an argument already finished is
 * awaited again at once, with the same outcome.
 */
import type { JsonValue } from '../graph/json-value';
import type { Retry } from '../graph/types';
import { isCancelledError, sleep, type Coro } from '../loop';
import { toErrorInfo } from './error-info';
import type { ErrorInfo } from './types';

/** What a failed attempt tells the run: which one it was, why, and how long the node waits before the next. */
export interface RetryNotice {
  attempt: number;
  error: ErrorInfo;
  delay: number;
}

/** Whether `retry` retries `error`: any failure, or only those its `errors` and `statuses` name. */
export function isRetryable(retry: Retry, error: unknown): boolean {
  if (isCancelledError(error)) return false;
  if (retry.errors === undefined && retry.statuses === undefined) return true;
  const type = error instanceof Error ? error.name : 'Exception';
  if (retry.errors?.includes(type) === true) return true;
  const status = (error as { status?: unknown } | null)?.status;
  return type === 'HTTPError' && typeof status === 'number' && retry.statuses?.includes(status) === true;
}

/** The wait after the `attempt`-th failed try. */
export function retryDelay(retry: Retry, attempt: number): number {
  return (retry.delay ?? 0) * (retry.backoff ?? 1) ** (attempt - 1);
}

export function* withRetries(
  retry: Retry,
  body: () => Coro<JsonValue>,
  notice: (notice: RetryNotice) => void,
): Coro<JsonValue> {
  for (let attempt = 1; ; attempt++) {
    try {
      return yield* body();
    } catch (error) {
      if (attempt >= retry.attempts || !isRetryable(retry, error)) throw error;
      const delay = retryDelay(retry, attempt);
      notice({ attempt, error: toErrorInfo(error), delay });
      yield* sleep(delay);
    }
  }
}
