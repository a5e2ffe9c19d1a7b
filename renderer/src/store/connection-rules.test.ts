import { describe, expect, it } from 'vitest';
import type { Graph } from '../../../shared/graph';
import { connectionRefusal, inputHandleCount, inputName } from './connection-rules';

const graph: Graph = {
  format: 'flowloop.graph/2',
  nodes: [
    { id: 'subject', kind: 'value', params: { value: 1 } },
    { id: 'yes', kind: 'value', params: { value: 'yes' } },
    { id: 'no', kind: 'value', params: { value: 'no' } },
    { id: 'extra', kind: 'value', params: { value: 0 } },
    { id: 'pick', kind: 'choose', params: { condition: '@' } },
    { id: 'all', kind: 'gather', params: {} },
  ],
  edges: [
    { source: 'subject', target: 'pick', input: 0 },
    { source: 'yes', target: 'pick', input: 1 },
    { source: 'no', target: 'pick', input: 2 },
  ],
};

describe('a kind with a largest number of arguments (choose: subject, then, else)', () => {
  it('shows at most that many inputs, one free slot until then', () => {
    expect(inputHandleCount('choose', graph.edges, 'pick')).toBe(3);
    expect(inputHandleCount('choose', graph.edges.slice(0, 1), 'pick')).toBe(2);
    expect(inputHandleCount('choose', [], 'pick')).toBe(1);
    expect(inputHandleCount('gather', graph.edges, 'all')).toBe(1);
  });

  it('refuses an input past the last, saying which inputs there are', () => {
    expect(connectionRefusal(graph, { source: 'extra', target: 'pick', input: 3 })).toBe(
      'pick (choose) takes at most 3 arguments: inputs 0 to 2.',
    );
    expect(connectionRefusal(graph, { source: 'extra', target: 'all', input: 7 })).toBeNull();
  });

  it('names its inputs on the canvas', () => {
    expect(inputName('choose', 0)).toBe('input 0 (subject)');
    expect(inputName('choose', 2)).toBe('input 2 (else)');
    expect(inputName('gather', 4)).toBe('input 4');
  });
});
