import { describe, expect, it } from 'vitest';
import { PARAM_DEFAULTS, paramNames, paramsSchemas, withDefaults, NODE_KINDS } from './schema';
import { validateGraph } from './validate';

const example = {
  format: 'flowloop.graph/2',
  name: 'three pages',
  'x-owner': 'me',
  nodes: [
    {
      id: 'page_a',
      kind: 'fetch',
      params: { url: 'http://127.0.0.1:8080/a', responseType: 'text' },
      position: { x: 0, y: 0 },
    },
    { id: 'nap', kind: 'sleep', params: { seconds: 5 } },
    { id: 'all', kind: 'gather', params: {}, 'x-color': 'blue' },
  ],
  edges: [
    { source: 'page_a', target: 'all', input: 0 },
    { source: 'nap', target: 'all', input: 1 },
  ],
};

describe('schemas', () => {
  it('validateGraph, built on the field schemas, accepts a document and fills in no defaults', () => {
    const checked = validateGraph(example);
    expect(checked.ok).toBe(true);
    expect(checked.ok && checked.graph).toEqual(example);
  });

  it('validateGraph refuses field-level faults', () => {
    const cases: unknown[] = [
      { ...example, format: 'flowloop.graph/3' },
      { ...example, nodez: [] },
      { ...example, nodes: [{ id: 'class', kind: 'value', params: { value: 1 } }] },
      { ...example, nodes: [{ id: 'a', kind: 'sleep', params: { seconds: -1 } }] },
      { ...example, nodes: [{ id: 'a', kind: 'teleport', params: {} }] },
      { ...example, edges: [{ source: 'a', target: 'b', input: 0.5 }] },
    ];
    for (const value of cases) {
      expect(validateGraph(value).ok).toBe(false);
    }
  });

  it('every kind has a strict params schema and a defaults entry', () => {
    expect(Object.keys(paramsSchemas)).toEqual([...NODE_KINDS]);
    for (const kind of NODE_KINDS) {
      expect(paramsSchemas[kind].safeParse({ surely_unknown: 1 }).success, kind).toBe(false);
      for (const name of Object.keys(PARAM_DEFAULTS[kind])) expect(paramNames(kind), kind).toContain(name);
    }
    expect(paramNames('fetch')).toEqual(['url', 'method', 'headers', 'body', 'responseType', 'timeout']);
  });

  it('withDefaults applies the documented defaults (docs/file-format.md) without touching the params given', () => {
    const params = { url: 'http://h/', method: 'post' };
    expect(withDefaults('fetch', params)).toEqual({
      url: 'http://h/',
      method: 'post',
      headers: {},
      body: null,
      responseType: 'json',
      timeout: null,
    });
    expect(params).toEqual({ url: 'http://h/', method: 'post' });
    expect(withDefaults('fail', {})).toEqual({ error: 'RuntimeError', message: '', after: 0 });
    expect(withDefaults('wait', { timeout: 1 })).toEqual({ timeout: 1, returnWhen: 'ALL_COMPLETED' });
    expect(withDefaults('transform', { code: 'input' })).toEqual({ language: 'javascript', code: 'input' });
    expect(withDefaults('gather', {})).toEqual({ returnExceptions: false });
  });

  it('checks fetch urls once their placeholders are filled', () => {
    const url = (value: string) => paramsSchemas.fetch.safeParse({ url: value }).success;
    expect(url('http://127.0.0.1:{0}/a')).toBe(true);
    expect(url('https://{0}.example.com/{1.path}?q={2}')).toBe(true);
    expect(url('HTTPS://example.com')).toBe(true);
    expect(url('{0}')).toBe(false);
    expect(url('/relative/path')).toBe(false);
    expect(url('http://')).toBe(false);
    expect(url('file:///etc/passwd')).toBe(false);
    expect(url('http://exa mple.com/')).toBe(false);
  });
});
