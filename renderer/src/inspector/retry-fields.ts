/**
 * The inspector's retry fields as text: what each field shows for a node's `retry`, why a draft
 * cannot be committed, and the retry a committed draft makes (docs/file-format.md, Retries).
 */
import type { Retry } from '../../../shared/graph/types';

export type RetryField = 'attempts' | 'delay' | 'backoff' | 'errors' | 'statuses';

/** A retry switched on from the inspector: three tries, half a second apart, then doubling. */
export const NEW_RETRY: Retry = { attempts: 3, delay: 0.5, backoff: 2 };

export function retryText(retry: Retry, field: RetryField): string {
  switch (field) {
    case 'attempts':
      return String(retry.attempts);
    case 'delay':
      return String(retry.delay ?? 0);
    case 'backoff':
      return String(retry.backoff ?? 1);
    case 'errors':
      return (retry.errors ?? []).join(', ');
    case 'statuses':
      return (retry.statuses ?? []).join(', ');
  }
}

const items = (text: string): string[] =>
  text
    .split(/[\s,]+/)
    .map((item) => item.trim())
    .filter((item) => item !== '');

/** Why `text` cannot be `field`'s value, or null. */
export function retryProblem(field: RetryField, text: string): string | null {
  const number = Number(text);
  switch (field) {
    case 'attempts':
      return Number.isInteger(number) && number >= 1 && number <= 100 && text.trim() !== ''
        ? null
        : 'A whole number from 1 to 100: the tries in all.';
    case 'delay':
      return text.trim() === '' || (Number.isFinite(number) && number >= 0) ? null : 'Seconds, 0 or more.';
    case 'backoff':
      return text.trim() === '' || (Number.isFinite(number) && number >= 1 && number <= 100)
        ? null
        : 'A number from 1 to 100 (1: the same wait each time).';
    case 'errors': {
      const bad = items(text).find((item) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(item));
      return bad === undefined ? null : `${bad} is not an error type (ConnectionError, TimeoutError, …).`;
    }
    case 'statuses': {
      const bad = items(text).find((item) => !/^[45]\d\d$/.test(item));
      return bad === undefined ? null : `${bad} is not an HTTP status from 400 to 599.`;
    }
  }
}

/** `retry` with `field` set from a draft retryProblem accepts; an emptied optional field is removed. */
export function withRetryText(retry: Retry, field: RetryField, text: string): Retry {
  const next: Retry = { ...retry };
  const empty = text.trim() === '';
  switch (field) {
    case 'attempts':
      next.attempts = Number(text);
      break;
    case 'delay':
      if (empty) delete next.delay;
      else next.delay = Number(text);
      break;
    case 'backoff':
      if (empty) delete next.backoff;
      else next.backoff = Number(text);
      break;
    case 'errors':
      if (empty) delete next.errors;
      else next.errors = items(text);
      break;
    case 'statuses':
      if (empty) delete next.statuses;
      else next.statuses = items(text).map(Number);
      break;
  }
  return next;
}
