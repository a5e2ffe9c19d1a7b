import { describe, expect, it } from 'vitest';
import { countStates } from './state-counts';

describe('countStates', () => {
  it('counts each node once, nodes without a state as idle, states of removed nodes not at all', () => {
    const counts = countStates(['a', 'b', 'c', 'd'], {
      a: 'done',
      b: 'done',
      c: 'cancelled',
      gone: 'failed',
    });
    expect(counts).toEqual({ idle: 1, pending: 0, running: 0, done: 2, failed: 0, cancelled: 1 });
  });
});
