import { describe, expect, it } from 'vitest';
import type { WorkflowInput } from '../../../shared/graph/inputs';
import { askInputs, initialTexts, readInputTexts, runInputsStore } from './run-inputs';

const inputs: WorkflowInput[] = [
  { name: 'user', description: 'who' },
  { name: 'limit', default: 3 },
  { name: 'tags', default: ['a'] },
];

describe('the Run dialog of a workflow with inputs', () => {
  it('starts each field from the value last given, else the default, else empty', () => {
    expect(initialTexts(inputs, null)).toEqual({ user: '', limit: '3', tags: '["a"]' });
    expect(initialTexts(inputs, { user: 'ada', tags: null, gone: 1 })).toEqual({
      user: '"ada"',
      limit: '3',
      tags: 'null',
    });
  });

  it('reads each field as JSON; an empty one takes the default, and is a problem when there is none', () => {
    expect(readInputTexts(inputs, { user: ' {"n": 1} ', limit: '', tags: '[]' })).toEqual({
      values: { user: { n: 1 }, tags: [] },
      problems: {},
    });
    const read = readInputTexts(inputs, { user: '', limit: 'ten', tags: '[1,' });
    expect(read.values).toEqual({});
    expect(read.problems.user).toBe('required: write a JSON value');
    expect(read.problems.limit).toMatch(/^not JSON \(a string is written in quotes: "ten"\): /);
    expect(read.problems.tags).toMatch(/^not JSON: /);
  });

  it('asks through the store and resolves with what the dialog gives', async () => {
    const asked = askInputs(inputs, { user: 'bob' });
    const request = runInputsStore.getState().request;
    expect(request?.initial.user).toBe('"bob"');
    request?.resolve({ user: 'carol' });
    await expect(asked).resolves.toEqual({ user: 'carol' });
  });
});
