import { describe, expect, it } from 'vitest';
import { validateGraph } from '../../../shared/graph';
import { NEW_RETRY, retryProblem, retryText, withRetryText } from './retry-fields';

describe("the inspector's retry fields", () => {
  it('show a retry as text, defaults included', () => {
    expect(retryText(NEW_RETRY, 'attempts')).toBe('3');
    expect(retryText({ attempts: 2 }, 'delay')).toBe('0');
    expect(retryText({ attempts: 2 }, 'backoff')).toBe('1');
    expect(retryText({ attempts: 2, errors: ['A', 'B'], statuses: [502, 503] }, 'errors')).toBe('A, B');
    expect(retryText({ attempts: 2, statuses: [502, 503] }, 'statuses')).toBe('502, 503');
  });

  it('refuse drafts the file format refuses, saying why', () => {
    expect(retryProblem('attempts', '0')).toMatch(/from 1 to 100/);
    expect(retryProblem('attempts', '2.5')).toMatch(/whole number/);
    expect(retryProblem('attempts', '')).not.toBeNull();
    expect(retryProblem('delay', '-1')).toMatch(/0 or more/);
    expect(retryProblem('backoff', '0.5')).toMatch(/from 1 to 100/);
    expect(retryProblem('errors', 'ConnectionError, not-a-type')).toBe(
      'not-a-type is not an error type (ConnectionError, TimeoutError, …).',
    );
    expect(retryProblem('statuses', '503 200')).toBe('200 is not an HTTP status from 400 to 599.');
    for (const [field, text] of [
      ['attempts', '4'],
      ['delay', ''],
      ['backoff', '2'],
      ['errors', 'ConnectionError TimeoutError'],
      ['statuses', '502,503'],
    ] as const)
      expect(retryProblem(field, text)).toBeNull();
  });

  it('make retries the validator accepts, removing emptied optional fields', () => {
    let retry = withRetryText(NEW_RETRY, 'errors', 'ConnectionError, TimeoutError');
    retry = withRetryText(retry, 'statuses', '502 503');
    retry = withRetryText(retry, 'delay', '');
    expect(retry).toEqual({
      attempts: 3,
      backoff: 2,
      errors: ['ConnectionError', 'TimeoutError'],
      statuses: [502, 503],
    });
    expect(withRetryText(retry, 'errors', ' ')).not.toHaveProperty('errors');
    const checked = validateGraph({
      format: 'flowloop.graph/2',
      nodes: [{ id: 'page', kind: 'sleep', params: { seconds: 1 }, retry }],
    });
    expect(checked.ok).toBe(true);
  });
});
