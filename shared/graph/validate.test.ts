import { describe, expect, it } from 'vitest';
import { PROBLEM_CODES, type Problem } from './problems';
import { validateGraph } from './validate';
import { parseGraph } from './parse';

const FORMAT = 'flowloop.graph/2';

function doc(
  nodes: unknown[],
  edges: unknown[] = [],
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return { format: FORMAT, nodes, edges, ...extra };
}

function problemsOf(value: unknown): Problem[] {
  const result = validateGraph(value);
  if (result.ok) throw new Error('expected problems, got a valid graph');
  return result.problems;
}

/** The only problem of a document that has exactly one. */
function onlyProblem(value: unknown): Problem {
  const problems = problemsOf(value);
  expect(problems).toHaveLength(1);
  return problems[0] as Problem;
}

describe('validateGraph: valid documents', () => {
  it('accepts a document using every kind, keeping exactly what was written', () => {
    const value = doc(
      [
        { id: 'v', kind: 'value', params: { value: { a: [1, 'two', null, true] } } },
        { id: 'nap', kind: 'sleep', params: { seconds: 0.5, result: 'late' } },
        {
          id: 'page',
          kind: 'fetch',
          params: {
            url: 'https://example.com/items/{0.id}?q={1}',
            method: 'post',
            headers: { 'X-Trace': 'run-{1}' },
            body: { item: '{0}', note: 'for {0.name}' },
            responseType: 'status',
            timeout: null,
          },
        },
        { id: 'pick', kind: 'transform', params: { language: 'jmespath', code: 'items[?ok].name' } },
        { id: 'js', kind: 'transform', params: { code: 'return input + 1' } },
        { id: 'boom', kind: 'fail', params: { error: 'ValueError', message: 'no', after: 1 } },
        { id: 'seq', kind: 'sequence', params: {} },
        { id: 'g', kind: 'gather', params: { returnExceptions: true } },
        { id: 'w', kind: 'wait', params: { timeout: 2, returnWhen: 'FIRST_EXCEPTION' } },
        { id: 'wf', kind: 'wait_for', params: { timeout: 3 } },
        { id: 'r', kind: 'race' },
        { id: 'ac', kind: 'as_completed', params: {} },
        { id: 'sh', kind: 'shield', params: {} },
      ],
      [
        { source: 'v', target: 'page', input: 0 },
        { source: 'nap', target: 'page', input: 5 },
        { source: 'page', target: 'pick', input: 0 },
        { source: 'pick', target: 'js', input: 0 },
        { source: 'js', target: 'w', input: 0 },
        { source: 'boom', target: 'wf', input: 0 },
        { source: 'wf', target: 'r', input: 0 },
        { source: 'w', target: 'r', input: 1 },
        { source: 'r', target: 'sh', input: 0 },
        { source: 'sh', target: 'g', input: 0 },
        { source: 'seq', target: 'g', input: 1 },
        { source: 'ac', target: 'g', input: 2 },
      ],
    );
    const result = validateGraph(value);
    expect(result).toMatchObject({ ok: true, problems: [] });
    if (!result.ok) return;
    // Defaults are not filled in; only the absent params of `r` become {}.
    const expected = structuredClone(value) as { nodes: Record<string, unknown>[] };
    (expected.nodes[10] as Record<string, unknown>).params = {};
    expect(result.graph).toEqual(expected);
    expect(result.graph).not.toBe(value);
  });

  it('keeps x- keys, view, label and position through parse', () => {
    const text = JSON.stringify({
      format: FORMAT,
      name: 'kept',
      'x-editor': { theme: 'dark' },
      view: { x: 10, y: -4.5, zoom: 1.25 },
      nodes: [
        {
          id: 'a',
          kind: 'value',
          params: { value: 1 },
          label: 'the answer',
          position: { x: 1, y: 2 },
          'x-color': 'red',
        },
      ],
      edges: [],
    });
    const result = parseGraph(text);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.graph).toEqual(JSON.parse(text));
    expect(JSON.stringify(result.graph)).toBe(text);
  });

  it('reads a missing edges list as no edges, an empty graph included', () => {
    const result = validateGraph({ format: FORMAT, nodes: [] });
    expect(result).toEqual({ ok: true, graph: { format: FORMAT, nodes: [], edges: [] }, problems: [] });
  });

  it('keeps __proto__ and constructor keys as ordinary data', () => {
    const text = `{"format":"${FORMAT}","nodes":[{"id":"v","kind":"value","params":{"value":{"__proto__":{"polluted":1},"constructor":2}}}],"edges":[]}`;
    const result = parseGraph(text);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const value = (result.graph.nodes[0]?.params as { value: Record<string, unknown> }).value;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['__proto__', 'constructor']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('accepts http methods in any letter case and gaps between inputs', () => {
    const result = validateGraph(
      doc(
        [
          { id: 'a', kind: 'value', params: { value: 1 } },
          { id: 'b', kind: 'value', params: { value: 2 } },
          { id: 'get', kind: 'fetch', params: { url: 'http://127.0.0.1:8080/{0}/{1}', method: 'Delete' } },
        ],
        [
          { source: 'a', target: 'get', input: 3 },
          { source: 'b', target: 'get', input: 7 },
        ],
      ),
    );
    expect(result.ok).toBe(true);
  });
});

describe('validateGraph: one test per problem code', () => {
  it('not-object', () => {
    expect(onlyProblem([1, 2])).toEqual({
      code: 'not-object',
      message:
        'a workflow must be a JSON object like { "format": "flowloop.graph/2", "nodes": [...], "edges": [...] }, but this is a list',
    });
  });

  it('format-missing', () => {
    expect(onlyProblem({ nodes: [], edges: [] })).toEqual({
      code: 'format-missing',
      message: 'missing "format": a workflow starts with "format": "flowloop.graph/2"',
    });
    expect(onlyProblem({ name: 'package' }).message).toBe(
      'this is not a Flowloop workflow: it has no "format" (expected "flowloop.graph/2") and no "nodes"',
    );
  });

  it('format-unknown: a newer major version is refused, saying which version this Flowloop reads', () => {
    expect(onlyProblem({ format: 'flowloop.graph/3', nodes: [{ anything: true }] })).toEqual({
      code: 'format-unknown',
      message:
        'this workflow is in format "flowloop.graph/3", made by a newer Flowloop: this Flowloop reads "flowloop.graph/1" and "flowloop.graph/2" files only',
    });
    expect(onlyProblem({ format: 'flowloop.graph/2.1', nodes: [] }).message).toBe(
      'format "flowloop.graph/2.1" is not a version this Flowloop knows: this Flowloop reads "flowloop.graph/1" and "flowloop.graph/2" files only',
    );
    expect(onlyProblem({ format: 'vendor.flow', nodes: [] }).message).toBe(
      'format "vendor.flow" is not a Flowloop workflow format: this Flowloop reads "flowloop.graph/1" and "flowloop.graph/2" files only',
    );
    expect(onlyProblem({ format: 1, nodes: [] })).toMatchObject({
      code: 'format-unknown',
      message: '"format" must be the string "flowloop.graph/2", got 1',
    });
  });

  it('schema: wrong field types, unknown fields, missing fields', () => {
    const problems = problemsOf({
      format: FORMAT,
      name: 7,
      nodez: [],
      nodes: [
        { id: 'a', kind: 'value', params: { value: 1 }, label: 3, position: { x: 'left' } },
        { id: 5, kind: 'value', params: [] },
        'node',
      ],
      edges: [{ source: 'a', target: 'a', input: -1, weight: 2 }],
    });
    expect(problems).toEqual([
      {
        code: 'schema',
        message:
          "unknown top-level field 'nodez'; known: format, name, nodes, edges, view, notes, groups, and any key starting with x-; did you mean 'nodes'?",
      },
      { code: 'schema', message: "field 'name' of the workflow must be a string (the workflow name), got 7" },
      {
        code: 'schema',
        message: "field 'label' on node a (value) must be a string (free text), got 3",
        node: 'a',
      },
      {
        code: 'schema',
        message: 'field \'position.x\' on node a (value) must be a number, got "left" (a string)',
        node: 'a',
      },
      {
        code: 'schema',
        message: "missing field 'position.y' on node a (value): it must be a number",
        node: 'a',
      },
      { code: 'schema', message: "field 'id' on node #1 (value) must be a string, got 5" },
      {
        code: 'schema',
        message: "field 'params' on node #1 (value) must be an object (use {} for none), got a list",
      },
      {
        code: 'schema',
        message:
          'node #2 must be an object like { "id": "nap", "kind": "sleep", "params": { "seconds": 1 } }, got "node" (a string)',
      },
      {
        code: 'schema',
        message:
          "field 'input' on edge #0 (a -> a, input -1) must be a whole number >= 0 (the argument number), got -1",
        edge: 0,
      },
      {
        code: 'schema',
        message:
          "unknown field 'weight' on edge #0 (a -> a, input -1); known: source, target, input, and any key starting with x-",
        edge: 0,
      },
      // The edge's input is wrong, but it still ties a to itself.
      {
        code: 'cycle',
        message:
          'cycle: a (value) -> a; a workflow must be acyclic, since a node cannot wait for its own result',
        node: 'a',
      },
    ]);
  });

  it('unknown-kind', () => {
    expect(onlyProblem(doc([{ id: 'page', kind: 'fecth', params: {} }]))).toEqual({
      code: 'unknown-kind',
      message:
        'node page (fecth) has an unknown kind "fecth"; known kinds: value, sleep, fetch, transform, fail, input, sequence, gather, wait, wait_for, race, as_completed, shield, choose; did you mean \'fetch\'?',
      node: 'page',
    });
  });

  it('bad-params: an unknown parameter names the known ones', () => {
    expect(onlyProblem(doc([{ id: 'nap', kind: 'sleep', params: { seconds: 1, secnds: 5 } }]))).toEqual({
      code: 'bad-params',
      message:
        "unknown parameter 'secnds' on node nap (sleep); known: seconds, result; did you mean 'seconds'?",
      node: 'nap',
    });
    expect(
      onlyProblem(
        doc(
          [
            { id: 'r', kind: 'race', params: { timeout: 1 } },
            { id: 'v', kind: 'value', params: { value: 1 } },
          ],
          [{ source: 'v', target: 'r', input: 0 }],
        ),
      ).message,
    ).toBe("unknown parameter 'timeout' on node r (race); race takes no parameters");
    expect(onlyProblem(doc([{ id: 'v', kind: 'value', params: { value: 1, 'x-note': 'no' } }])).message).toBe(
      "unknown parameter 'x-note' on node v (value); known: value",
    );
  });

  it('bad-params: missing params are read as {}, so required ones are reported missing', () => {
    const problems = problemsOf(
      doc([
        { id: 'nap', kind: 'sleep' },
        { id: 'v', kind: 'value' },
        { id: 'page', kind: 'fetch' },
        { id: 'code', kind: 'transform' },
        { id: 'limit', kind: 'wait_for', params: {} },
      ]),
    );
    expect(problems.map((p) => [p.code, p.message])).toEqual([
      ['bad-params', "missing parameter 'seconds' on node nap (sleep): it must be a number >= 0 (seconds)"],
      [
        'bad-params',
        "missing parameter 'value' on node v (value): it must be JSON data (the value the node returns)",
      ],
      [
        'bad-params',
        "missing parameter 'url' on node page (fetch): it must be a string (an http:// or https:// URL)",
      ],
      [
        'bad-params',
        "missing parameter 'code' on node code (transform): it must be a string (the code to run)",
      ],
      [
        'bad-params',
        "missing parameter 'timeout' on node limit (wait_for): it must be null (no limit) or a number >= 0 (seconds)",
      ],
      ['input-count', 'node limit (wait_for) takes exactly one argument, but has none'],
    ]);
  });

  it('bad-params: each rule of each kind', () => {
    const messages = problemsOf(
      doc([
        { id: 's', kind: 'sleep', params: { seconds: -1 } },
        { id: 'f', kind: 'fail', params: { error: 'bad name', after: -0.5, message: 3 } },
        { id: 'g', kind: 'fail', params: { error: 'class' } },
        {
          id: 'p',
          kind: 'fetch',
          params: {
            url: 'ftp://example.com/',
            method: 'FETCH',
            headers: { 'Bad Name': 'x', Ok: 3, Multi: 'a\nb' },
            responseType: 'xml',
            timeout: -1,
          },
        },
        { id: 'q', kind: 'fetch', params: { url: 'http://host/{name}', body: { a: ['x {1'] } } },
        { id: 't', kind: 'transform', params: { language: 'jmespath', code: 'items[' } },
        { id: 'u', kind: 'transform', params: { language: 'lua', code: '   ' } },
        { id: 'ga', kind: 'gather', params: { returnExceptions: 'yes' } },
        { id: 'w', kind: 'wait', params: { timeout: 'soon', returnWhen: 'FIRST' } },
        { id: 'wf', kind: 'wait_for', params: { timeout: Infinity } },
      ]),
    )
      .filter((p) => p.code === 'bad-params')
      .map((p) => p.message);
    expect(messages).toEqual([
      "parameter 'seconds' on node s (sleep) must be a number >= 0 (seconds), got -1",
      'parameter \'error\' on node f (fail) must be an exception name such as RuntimeError or ValueError (letters, digits and _, not starting with a digit), got "bad name" (a string)',
      "parameter 'message' on node f (fail) must be a string, got 3",
      "parameter 'after' on node f (fail) must be a number >= 0 (seconds), got -0.5",
      'parameter \'error\' on node g (fail) must be an exception name such as RuntimeError or ValueError (letters, digits and _, not starting with a digit), got "class" (a string)',
      'parameter \'url\' on node p (fetch) must be an absolute http:// or https:// URL (placeholders allowed after the scheme), got "ftp://example.com/"',
      'parameter \'method\' on node p (fetch) must be one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS (any letter case), got "FETCH" (a string)',
      "parameter 'headers' on node p (fetch) has the key \"Bad Name\", which is not a valid HTTP header name (letters, digits and !#$%&'*+-.^_`|~)",
      "parameter 'headers.Ok' on node p (fetch) must be a string, got 3",
      'parameter \'headers.Multi\' on node p (fetch) must not contain line breaks or NUL characters, got "a\\nb" (a string)',
      'parameter \'responseType\' on node p (fetch) must be json, text, status or omitted (json), got "xml" (a string)',
      "parameter 'timeout' on node p (fetch) must be null (no limit) or a number >= 0 (seconds), got -1",
      'parameter \'url\' on node q (fetch) has "{name}" at character 13, which is not a placeholder: write {0}, {1}, … for the arguments, {0.key} to reach inside one, and {{ or }} for a literal brace',
      "parameter 'body' on node q (fetch) at body.a[0] has a '{' at character 3 that is never closed: write {0}, {1}, … for the arguments, {0.key} to reach inside one, and {{ or }} for a literal brace",
      "parameter 'code' on node t (transform) is not a valid JMESPath expression: Syntax error: expected Star, got: EOF",
      'parameter \'language\' on node u (transform) must be javascript or jmespath, got "lua" (a string)',
      'parameter \'code\' on node u (transform) must not be empty, got "   " (a string)',
      'parameter \'returnExceptions\' on node ga (gather) must be true or false, got "yes" (a string)',
      'parameter \'timeout\' on node w (wait) must be null (no limit) or a number >= 0 (seconds), got "soon" (a string)',
      'parameter \'returnWhen\' on node w (wait) must be ALL_COMPLETED, FIRST_COMPLETED, FIRST_EXCEPTION, got "FIRST" (a string)',
      "parameter 'timeout' on node wf (wait_for) must be null (no limit) or a number >= 0 (seconds), got Infinity",
    ]);
  });

  it('bad-params: a placeholder beyond the node’s inputs', () => {
    const value = doc(
      [
        { id: 'a', kind: 'value', params: { value: 'x' } },
        { id: 'b', kind: 'value', params: { value: 'y' } },
        {
          id: 'page_a',
          kind: 'fetch',
          params: {
            url: 'http://127.0.0.1:8080/{0}/{2}',
            headers: { 'X-Id': '{3.id}' },
            body: ['{1}', { deep: 'n={4}' }],
          },
        },
      ],
      [
        { source: 'a', target: 'page_a', input: 0 },
        { source: 'b', target: 'page_a', input: 1 },
      ],
    );
    expect(problemsOf(value)).toEqual([
      {
        code: 'bad-params',
        message: 'url uses {2} but node page_a (fetch) has 2 inputs (placeholders count from {0} to {1})',
        node: 'page_a',
      },
      {
        code: 'bad-params',
        message:
          "header 'X-Id' uses {3.id} but node page_a (fetch) has 2 inputs (placeholders count from {0} to {1})",
        node: 'page_a',
      },
      {
        code: 'bad-params',
        message:
          'body[1].deep uses {4} but node page_a (fetch) has 2 inputs (placeholders count from {0} to {1})',
        node: 'page_a',
      },
    ]);
    expect(onlyProblem(doc([{ id: 'p', kind: 'fetch', params: { url: 'http://h/{0}' } }])).message).toBe(
      'url uses {0} but node p (fetch) has no inputs',
    );
  });

  it('duplicate-id', () => {
    expect(
      onlyProblem(
        doc([
          { id: 'a', kind: 'value', params: { value: 1 } },
          { id: 'a', kind: 'sleep', params: { seconds: 1 } },
        ]),
      ),
    ).toEqual({
      code: 'duplicate-id',
      message: 'the id a is used by two nodes: node #0 (value) and node #1 (sleep); ids must be unique',
      node: 'a',
    });
  });

  it('bad-id: not an identifier, and reserved words of Python and TypeScript', () => {
    const problems = problemsOf(
      doc([
        { id: 'my node', kind: 'value', params: { value: 1 } },
        { id: '2fast', kind: 'value', params: { value: 1 } },
        { id: 'class', kind: 'value', params: { value: 1 } },
        { id: 'None', kind: 'value', params: { value: 1 } },
        { id: 'function', kind: 'value', params: { value: 1 } },
        { id: '', kind: 'value', params: { value: 1 } },
      ]),
    );
    expect(problems.map((p) => [p.code, p.node, p.message])).toEqual([
      [
        'bad-id',
        'my node',
        'node id "my node" (value) is not an identifier: ids must match [A-Za-z_][A-Za-z0-9_]* (letters, digits and _, not starting with a digit), because ids become function names in exported Python and TypeScript; try my_node',
      ],
      [
        'bad-id',
        '2fast',
        'node id "2fast" (value) is not an identifier: ids must match [A-Za-z_][A-Za-z0-9_]* (letters, digits and _, not starting with a digit), because ids become function names in exported Python and TypeScript; try _2fast',
      ],
      [
        'bad-id',
        'class',
        'node id "class" (value) is a reserved word in Python and TypeScript: ids cannot be reserved words, because ids become function names in exported Python and TypeScript; try class_',
      ],
      [
        'bad-id',
        'None',
        'node id "None" (value) is a reserved word in Python: ids cannot be reserved words, because ids become function names in exported Python and TypeScript; try None_',
      ],
      [
        'bad-id',
        'function',
        'node id "function" (value) is a reserved word in TypeScript: ids cannot be reserved words, because ids become function names in exported Python and TypeScript; try function_',
      ],
      [
        'bad-id',
        '',
        'node #5 (value) has an empty id: ids must match [A-Za-z_][A-Za-z0-9_]*, because ids become function names in exported Python and TypeScript',
      ],
    ]);
  });

  it('dangling-edge', () => {
    const problems = problemsOf(
      doc(
        [
          { id: 'fetch_page', kind: 'value', params: { value: 1 } },
          { id: 'all', kind: 'gather' },
        ],
        [
          { source: 'fetch_pag', target: 'all', input: 0 },
          { source: 'ghost', target: 'nowhere', input: 0 },
        ],
      ),
    );
    expect(problems).toEqual([
      {
        code: 'dangling-edge',
        message:
          "edge #0 (fetch_pag -> all, input 0): its source fetch_pag (did you mean 'fetch_page'?) is not a node of this workflow",
        edge: 0,
      },
      {
        code: 'dangling-edge',
        message:
          'edge #1 (ghost -> nowhere, input 0): its source ghost is not a node of this workflow, and its target nowhere is not a node of this workflow',
        edge: 1,
      },
    ]);
  });

  it('duplicate-input', () => {
    expect(
      onlyProblem(
        doc(
          [
            { id: 'a', kind: 'value', params: { value: 1 } },
            { id: 'b', kind: 'value', params: { value: 2 } },
            { id: 'all', kind: 'gather' },
          ],
          [
            { source: 'a', target: 'all', input: 0 },
            { source: 'b', target: 'all', input: 0 },
          ],
        ),
      ),
    ).toEqual({
      code: 'duplicate-input',
      message:
        'edge #1 (b -> all, input 0): input 0 of node all (gather) is already taken by edge #0 (a -> all, input 0); each input takes one edge at most',
      node: 'all',
      edge: 1,
    });
  });

  it('cycle: names the nodes around it, self-loops included', () => {
    const problems = problemsOf(
      doc(
        [
          { id: 'a', kind: 'sleep', params: { seconds: 1 } },
          { id: 'b', kind: 'gather' },
          { id: 'c', kind: 'sequence' },
          { id: 'me', kind: 'sleep', params: { seconds: 0 } },
          { id: 'd', kind: 'sequence' },
        ],
        [
          { source: 'a', target: 'b', input: 0 },
          { source: 'b', target: 'c', input: 0 },
          { source: 'c', target: 'a', input: 0 },
          { source: 'me', target: 'me', input: 0 },
          { source: 'c', target: 'd', input: 0 },
          { source: 'd', target: 'b', input: 1 },
        ],
      ),
    );
    expect(problems).toEqual([
      {
        code: 'cycle',
        message:
          'cycle: a (sleep) -> b (gather) -> c (sequence) -> a; a workflow must be acyclic, since a node cannot wait for its own result; also caught in it: d',
        node: 'a',
      },
      {
        code: 'cycle',
        message:
          'cycle: me (sleep) -> me; a workflow must be acyclic, since a node cannot wait for its own result',
        node: 'me',
      },
    ]);
  });

  it('input-count: wait_for and shield take one argument, wait and race at least one', () => {
    const problems = problemsOf(
      doc(
        [
          { id: 'a', kind: 'value', params: { value: 1 } },
          { id: 'b', kind: 'value', params: { value: 2 } },
          { id: 'limit', kind: 'wait_for', params: { timeout: 1 } },
          { id: 'guard', kind: 'shield' },
          { id: 'first', kind: 'race' },
          { id: 'some', kind: 'wait' },
        ],
        [
          { source: 'a', target: 'limit', input: 0 },
          { source: 'b', target: 'limit', input: 4 },
        ],
      ),
    );
    expect(problems).toEqual([
      {
        code: 'input-count',
        message: 'node limit (wait_for) takes exactly one argument, but has 2 (inputs 0, 4)',
        node: 'limit',
      },
      {
        code: 'input-count',
        message: 'node guard (shield) takes exactly one argument, but has none',
        node: 'guard',
      },
      {
        code: 'input-count',
        message: 'node first (race) needs at least one argument, but has none',
        node: 'first',
      },
      {
        code: 'input-count',
        message: 'node some (wait) needs at least one argument, but has none',
        node: 'some',
      },
    ]);
  });

  it('not-json (through parseGraph) gives line and column', () => {
    expect(parseGraph('{\n  "format": "flowloop.graph/2",\n  "nodes": [,]\n}').problems).toEqual([
      {
        code: 'not-json',
        message: "not valid JSON at line 3, column 13: unexpected ',': expected a value",
        line: 3,
        column: 13,
      },
    ]);
  });

  it('internal is never produced by ordinary documents, and every other code has a test above', () => {
    expect(PROBLEM_CODES).toEqual([
      'not-json',
      'not-object',
      'format-missing',
      'format-unknown',
      'schema',
      'unknown-kind',
      'bad-params',
      'duplicate-id',
      'bad-id',
      'dangling-edge',
      'duplicate-input',
      'cycle',
      'input-count',
      'internal',
    ]);
  });
});

describe('validateGraph: retries', () => {
  const node = (extra: object) => ({ id: 'page', kind: 'sleep', params: { seconds: 1 }, ...extra });
  it('accepts a retry on a coroutine node and keeps it as written', () => {
    const retry = { attempts: 3, delay: 0.5, backoff: 2, errors: ['ConnectionError'], statuses: [502, 503] };
    const checked = validateGraph({
      format: FORMAT,
      nodes: [node({ retry }), node({ id: 'b', retry: { attempts: 1 } })],
    });
    expect(checked.ok).toBe(true);
    expect(checked.ok && checked.graph.nodes[0]?.retry).toEqual(retry);
  });

  it('names each wrong field of a retry, and refuses a retry on a combinator', () => {
    const messages = problemsOf({
      format: FORMAT,
      nodes: [
        node({
          retry: { attempts: 0, delay: -1, backoff: 0.5, errors: ['not a type'], statuses: [200], tries: 3 },
        }),
        node({ id: 'b', retry: 3 }),
        { id: 'all', kind: 'gather', params: {}, retry: { attempts: 2 } },
      ],
    }).map((p) => p.message);
    expect(
      messages.some((m) =>
        m.includes("'retry.attempts' on node page (sleep) must be a whole number from 1 to 100"),
      ),
    ).toBe(true);
    expect(messages.some((m) => m.includes("'retry.delay' on node page (sleep) must be a number >= 0"))).toBe(
      true,
    );
    expect(
      messages.some((m) => m.includes("'retry.backoff' on node page (sleep) must be a number >= 1")),
    ).toBe(true);
    expect(
      messages.some((m) => m.includes("'retry.errors[0]' on node page (sleep) must be an error type")),
    ).toBe(true);
    expect(
      messages.some((m) =>
        m.includes("'retry.statuses[0]' on node page (sleep) must be an HTTP status from 400 to 599"),
      ),
    ).toBe(true);
    expect(messages.some((m) => m.includes("'tries'"))).toBe(true);
    expect(messages.some((m) => m.includes("field 'retry' on node b (sleep) must be an object"))).toBe(true);
    expect(messages).toContain(
      "field 'retry' on node all (gather): only coroutine nodes retry (value, sleep, fetch, transform, fail, input); a combinator gives its arguments' outcome",
    );
  });
});

describe('validateGraph: several problems at once', () => {
  it('reports every problem of a broken document, in document order, each naming its node or edge', () => {
    const problems = problemsOf({
      format: FORMAT,
      nodes: [
        { id: 'nap', kind: 'sleep', params: { secnds: 5 } },
        { id: 'nap', kind: 'shield' },
        { id: 'for', kind: 'value', params: { value: 1 } },
        { id: 'x', kind: 'teleport' },
      ],
      edges: [
        { source: 'nap', target: 'ghost', input: 0 },
        { source: 'for', target: 'x', input: 0 },
        { source: 'x', target: 'for', input: 0 },
      ],
    });
    expect(problems.map((p) => p.code)).toEqual([
      'bad-params',
      'bad-params',
      'bad-id',
      'unknown-kind',
      'duplicate-id',
      'dangling-edge',
      'input-count',
      'cycle',
    ]);
    expect(problems.map((p) => p.node ?? `#${p.edge}`)).toEqual([
      'nap',
      'nap',
      'for',
      'x',
      'nap',
      '#0',
      'nap',
      'for',
    ]);
  });

  it('refuses in-memory values that are not JSON data, naming where they are', () => {
    const problems = problemsOf(
      doc([{ id: 'v', kind: 'value', params: { value: { when: new Date(0), run: () => 1 } } }], [], {
        'x-n': 10n,
      }),
    );
    expect(problems).toEqual([
      {
        code: 'schema',
        message: "'params.value.when' on node v (value) is a Date object, not plain JSON data",
        node: 'v',
      },
      {
        code: 'schema',
        message: "'params.value.run' on node v (value) is a function, which is not JSON data",
        node: 'v',
      },
      { code: 'schema', message: "top-level 'x-n' is a BigInt, which is not JSON data" },
    ]);
    const looped: Record<string, unknown> = { id: 'v', kind: 'value', params: {} };
    (looped.params as Record<string, unknown>).value = looped;
    expect(problemsOf(doc([looped]))[0]?.message).toBe(
      "'params.value' on node v (value) contains itself (a reference cycle), which JSON cannot hold",
    );
  });

  it('refuses non-finite numbers inside JSON values', () => {
    expect(onlyProblem(doc([{ id: 'v', kind: 'value', params: { value: { n: Number.NaN } } }])).message).toBe(
      "parameter 'value' on node v (value) must be JSON data: it contains NaN, which JSON cannot hold (numbers must be finite)",
    );
    const parsed = parseGraph(
      `{"format":"${FORMAT}","nodes":[{"id":"v","kind":"value","params":{"value":[1e999]}}],"edges":[],"x-big":-1e400}`,
    );
    expect(parsed.problems.map((p) => p.message)).toEqual([
      "field 'x-big' of the workflow contains -Infinity, which JSON cannot hold (numbers must be finite)",
      "parameter 'value' on node v (value) must be JSON data: it contains Infinity, which JSON cannot hold (numbers must be finite)",
    ]);
  });

  it('refuses nesting deeper than 200 levels, showing where it starts', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 300; i++) deep = [deep];
    expect(onlyProblem(doc([{ id: 'd', kind: 'value', params: { value: deep } }]))).toEqual({
      code: 'schema',
      message: "'params.value[0][0]…[0][0]' on node d (value) is nested more than 200 levels deep",
      node: 'd',
    });
  });
});
