import { describe, expect, it } from 'vitest';
import {
  PlaceholderError,
  envNames,
  fetchTemplates,
  fillBody,
  fillHeaders,
  fillTemplate,
  fillUrl,
  hideEnvValues,
  missingEnvMessage,
  parsePlaceholders,
  resolvePlaceholder,
  type PlaceholderPart,
} from './placeholders';
import type { JsonValue } from './types';

function thrown(run: () => unknown): PlaceholderError {
  try {
    run();
  } catch (error) {
    if (error instanceof PlaceholderError) return error;
    throw error;
  }
  throw new Error('expected a PlaceholderError');
}

describe('parsePlaceholders', () => {
  it('splits text and placeholders, with paths and offsets', () => {
    expect(parsePlaceholders('http://h/{0}/x?{1.items.2}')).toEqual({
      ok: true,
      parts: [
        { kind: 'text', text: 'http://h/' },
        { kind: 'placeholder', index: 0, path: [], source: '{0}', offset: 9 },
        { kind: 'text', text: '/x?' },
        { kind: 'placeholder', index: 1, path: ['items', '2'], source: '{1.items.2}', offset: 15 },
      ],
    });
  });

  it('reads {{ and }} as literal braces', () => {
    expect(parsePlaceholders('{{"a": {0}}}')).toEqual({
      ok: true,
      parts: [
        { kind: 'text', text: '{"a": ' },
        { kind: 'placeholder', index: 0, path: [], source: '{0}', offset: 7 },
        { kind: 'text', text: '}' },
      ],
    });
    expect(parsePlaceholders('')).toEqual({ ok: true, parts: [] });
    expect(parsePlaceholders('{{0}}')).toEqual({ ok: true, parts: [{ kind: 'text', text: '{0}' }] });
  });

  it('refuses any other brace, saying where', () => {
    const hint =
      'write {0}, {1}, … for the arguments, {0.key} to reach inside one, and {{ or }} for a literal brace';
    expect(parsePlaceholders('a}b')).toEqual({
      ok: false,
      offset: 1,
      message: `has a single '}' at character 2: ${hint}`,
    });
    expect(parsePlaceholders('x{0')).toEqual({
      ok: false,
      offset: 1,
      message: `has a '{' at character 2 that is never closed: ${hint}`,
    });
    expect(parsePlaceholders('{a{0}}')).toMatchObject({ ok: false, offset: 0 });
    for (const bad of ['{}', '{name}', '{01}', '{-1}', '{0.}', '{0..a}', '{ 0 }', '{1234567890}']) {
      expect(parsePlaceholders(bad)).toMatchObject({
        ok: false,
        offset: 0,
        message: `has ${JSON.stringify(bad)} at character 1, which is not a placeholder: ${hint}`,
      });
    }
  });
});

describe('filling templates', () => {
  const args: JsonValue[] = [
    { id: 7, name: 'Ada Lovelace', items: ['x', { deep: true }, null] },
    'a b&c/d',
    42,
    null,
    [1, 'two'],
  ];

  it('inserts strings as they are and other values as compact JSON', () => {
    expect(fillTemplate('{0.name}|{1}|{2}|{3}|{4}|{0.items.1}|{{literal}}', args)).toBe(
      'Ada Lovelace|a b&c/d|42|null|[1,"two"]|{"deep":true}|{literal}',
    );
  });

  it('URL-encodes inserted values in a url, not the literal text', () => {
    expect(fillUrl('http://h/p?q={1}&id={0.id}&who={0.name}&v={4}', args)).toBe(
      'http://h/p?q=a%20b%26c%2Fd&id=7&who=Ada%20Lovelace&v=%5B1%2C%22two%22%5D',
    );
  });

  it('fills header values as text', () => {
    expect(fillHeaders({ Authorization: 'Bearer {1}', 'X-Id': '{0.id}' }, args)).toEqual({
      Authorization: 'Bearer a b&c/d',
      'X-Id': '7',
    });
  });

  it('replaces a body leaf that is exactly one placeholder by the value itself', () => {
    expect(
      fillBody(
        {
          whole: '{0}',
          id: '{0.id}',
          text: 'id={0.id}',
          list: ['{4}', '{3}', 'n{2}'],
          keep: 5,
          '{0}': 'key',
        },
        args,
      ),
    ).toEqual({
      whole: args[0],
      id: 7,
      text: 'id=7',
      list: [[1, 'two'], null, 'n42'],
      keep: 5,
      '{0}': 'key',
    });
    expect(fillBody('{2}', args)).toBe(42);
    expect(fillBody(null, args)).toBeNull();
  });

  it('keeps a __proto__ key of the body as data', () => {
    const body = JSON.parse('{"__proto__": "{2}"}') as JsonValue;
    const filled = fillBody(body, args) as Record<string, JsonValue>;
    expect(Object.getPrototypeOf(filled)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(filled, '__proto__')?.value).toBe(42);
  });

  it('fails with the Python error type a missing value would raise', () => {
    const place = (source: string) => {
      const parsed = parsePlaceholders(source);
      if (!parsed.ok) throw new Error(parsed.message);
      return parsed.parts[0] as PlaceholderPart;
    };
    const cases: [string, string, string][] = [
      ['{5}', 'IndexError', 'placeholder {5}: there is no argument 5 (the node has 5 arguments)'],
      ['{0.email}', 'KeyError', "placeholder {0.email}: argument 0 has no key 'email'"],
      [
        '{0.items.3}',
        'IndexError',
        'placeholder {0.items.3}: argument 0.items has 3 items, so there is no item 3',
      ],
      [
        '{0.items.first}',
        'TypeError',
        "placeholder {0.items.first}: argument 0.items is a list, and 'first' is not a list index",
      ],
      ['{1.length}', 'TypeError', 'placeholder {1.length}: argument 1 is a string, not an object or a list'],
      ['{3.x}', 'TypeError', 'placeholder {3.x}: argument 3 is null, not an object or a list'],
      ['{0.constructor}', 'KeyError', "placeholder {0.constructor}: argument 0 has no key 'constructor'"],
    ];
    for (const [source, type, message] of cases) {
      const error = thrown(() => resolvePlaceholder(place(source), args));
      expect([error.type, error.message]).toEqual([type, message]);
    }
    expect(thrown(() => fillTemplate('{0', args))).toMatchObject({ type: 'ValueError' });
    expect(thrown(() => fillUrl('http://h/{0}', ['\uD800']))).toMatchObject({ type: 'ValueError' });
  });
});

describe('fetchTemplates', () => {
  it('lists the url, each header value and each string leaf of the body, named for messages', () => {
    expect(
      fetchTemplates({
        url: 'http://h/{0}',
        headers: { Accept: 'text/{1}' },
        body: { a: ['x', 1, { 'b c': 'y' }], n: null },
      }),
    ).toEqual([
      { where: 'url', template: 'http://h/{0}' },
      { where: "header 'Accept'", template: 'text/{1}' },
      { where: 'body.a[0]', template: 'x' },
      { where: 'body.a[2]["b c"]', template: 'y' },
    ]);
    expect(fetchTemplates({ url: 'u', body: 'raw {0}' })).toEqual([
      { where: 'url', template: 'u' },
      { where: 'body', template: 'raw {0}' },
    ]);
  });
});

describe('{env.NAME} placeholders', () => {
  const env = (values: Record<string, string>) => (name: string) =>
    Object.hasOwn(values, name) ? values[name] : undefined;
  const secrets = env({ API_KEY: 's3cr3t k/y&', TOKEN: 'tok', EMPTY: '' });

  it('parse beside argument placeholders and literal braces', () => {
    expect(parsePlaceholders('http://h/{0}?key={env.API_KEY}&x={{env.NOT}}')).toEqual({
      ok: true,
      parts: [
        { kind: 'text', text: 'http://h/' },
        { kind: 'placeholder', index: 0, path: [], source: '{0}', offset: 9 },
        { kind: 'text', text: '?key=' },
        { kind: 'env', name: 'API_KEY', source: '{env.API_KEY}', offset: 17 },
        { kind: 'text', text: '&x={env.NOT}' },
      ],
    });
    expect(parsePlaceholders('{env._x9}')).toMatchObject({ ok: true, parts: [{ kind: 'env', name: '_x9' }] });
  });

  it('refuse a name that is not an identifier, saying so', () => {
    const hint = 'write {env.NAME}, where NAME is a letter or _ followed by letters, digits or _';
    for (const bad of ['{env.}', '{env.1X}', '{env}', '{env.A-B}', '{env.A.B}', '{env. A}', '{env.é}']) {
      expect(parsePlaceholders(`ab${bad}`)).toEqual({
        ok: false,
        offset: 2,
        message: `has ${JSON.stringify(bad)} at character 3, which is not an environment variable: ${hint}`,
      });
    }
    // Not env placeholders at all: the usual message.
    expect(parsePlaceholders('{environment}')).toMatchObject({
      ok: false,
      message: expect.stringContaining('which is not a placeholder') as unknown,
    });
  });

  it('fill from the lookup given at fill time: as text, URL-encoded in a url, the string itself as a whole body leaf', () => {
    expect(fillTemplate('Bearer {env.TOKEN}', [], undefined, secrets)).toBe('Bearer tok');
    expect(fillUrl('http://h/{0}?key={env.API_KEY}', ['a b'], secrets)).toBe(
      'http://h/a%20b?key=s3cr3t%20k%2Fy%26',
    );
    expect(fillHeaders({ Authorization: 'Bearer {env.TOKEN}' }, [], secrets)).toEqual({
      Authorization: 'Bearer tok',
    });
    expect(
      fillBody({ key: '{env.API_KEY}', text: 'k={env.TOKEN}', list: ['{env.EMPTY}'], n: 1 }, [], secrets),
    ).toEqual({ key: 's3cr3t k/y&', text: 'k=tok', list: [''], n: 1 });
    expect(fillBody('{env.TOKEN}', [], secrets)).toBe('tok');
  });

  it('fail with KeyError for a variable that is not set (none is, by default)', () => {
    expect(missingEnvMessage('NOPE')).toBe('environment variable NOPE is not set');
    for (const fill of [
      () => fillUrl('http://h/{env.NOPE}', [], secrets),
      () => fillBody({ a: '{env.NOPE}' }, [], secrets),
      () => fillHeaders({ A: '{env.NOPE}' }, [], secrets),
      () => fillTemplate('{env.API_KEY}', []),
    ]) {
      const error = thrown(fill);
      expect(error.type).toBe('KeyError');
      expect(error.message).toMatch(/^environment variable (NOPE|API_KEY) is not set$/);
    }
  });

  it('are listed once each, in the order they first appear', () => {
    expect(
      envNames({
        url: 'http://h/{env.B}/{0}',
        headers: { X: '{env.A}{env.B}' },
        body: { k: ['{env.C}', '{{env.D}}'] },
      }),
    ).toEqual(['B', 'A', 'C']);
    expect(envNames({ url: 'http://h/{0}' })).toEqual([]);
  });

  it('hide their values in a message: the URL-encoded form first, then the value, each as its placeholder', () => {
    const values: [string, string][] = [
      ['API_KEY', 's3cr3t k/y&'],
      ['TOKEN', 'tok'],
      ['EMPTY', ''],
    ];
    expect(
      hideEnvValues('GET http://h/?key=s3cr3t%20k%2Fy%26 answered 404; was s3cr3t k/y& tok tok', values),
    ).toBe('GET http://h/?key={env.API_KEY} answered 404; was {env.API_KEY} {env.TOKEN} {env.TOKEN}');
    expect(hideEnvValues('nothing here', values)).toBe('nothing here');
  });
});
