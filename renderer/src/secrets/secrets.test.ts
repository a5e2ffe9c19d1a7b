import { describe, expect, it } from 'vitest';
import type { Graph } from '../../../shared/graph/types';
import { nodeEnvNames, workflowEnvNames } from './secrets';

describe('the variables a workflow reads', () => {
  it("lists each {env.NAME} of its fetch nodes once, in file order, and nothing else's", () => {
    const graph: Graph = {
      format: 'flowloop.graph/2',
      nodes: [
        { id: 'a', kind: 'fetch', params: { url: 'http://h/{env.B}?k={env.A}', headers: { X: '{env.C}' } } },
        { id: 'b', kind: 'value', params: { value: '{env.NOT_A_FETCH}' } },
        {
          id: 'c',
          kind: 'fetch',
          params: { url: 'http://h/', body: { t: '{env.A}', u: ['{env.D}', '{{env.E}}'] } },
        },
      ],
      edges: [],
    };
    expect(workflowEnvNames(graph)).toEqual(['B', 'A', 'C', 'D']);
    expect(workflowEnvNames(null)).toEqual([]);
    expect(nodeEnvNames({ url: 'http://h/{env.1X}' })).toEqual([]);
    expect(nodeEnvNames(null)).toEqual([]);
  });
});
