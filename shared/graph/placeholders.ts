/**
 * Placeholders place a fetch node's arguments into its url, header values and body (docs/file-format.md).
 *
 *   {0}, {1}, …          argument 0, 1, … (in input order)
 *   {0.name}, {0.items.2} a key of an object argument, an index of a list argument, chained with dots
 *   {env.NAME}           environment variable NAME, read when the node runs (a secret: errors show
 *                        the placeholder, never the value; see hideEnvValues)
 *   {{ and }}            a literal { and }
 *
 * Any other brace is an error, as in Python's str.format. Pure functions: the validator checks templates
 * with parsePlaceholders, the fetch node fills them with fillUrl, fillHeaders and fillBody.
 */
import { quote } from './problems';
import type { JsonValue } from './json-value';

/** The parts of fetch params that hold templates. */
export interface FetchTemplateParams {
  url: string;
  headers?: Readonly<Record<string, string>> | undefined;
  body?: JsonValue | undefined;
}

export interface TextPart {
  kind: 'text';
  text: string;
}
export interface PlaceholderPart {
  kind: 'placeholder';
  /** The argument number: `{2.name}` → 2. */
  index: number;
  /** Keys and indices after the argument number: `{2.items.0}` → ['items', '0']. */
  path: string[];
  /** The placeholder as written, braces included. */
  source: string;
  /** 0-based offset of its `{` in the template. */
  offset: number;
}
/** `{env.NAME}`: an environment variable, read when the node runs. */
export interface EnvPart {
  kind: 'env';
  /** The variable's name: `{env.API_KEY}` → 'API_KEY'. */
  name: string;
  /** The placeholder as written, braces included. */
  source: string;
  /** 0-based offset of its `{` in the template. */
  offset: number;
}
export type TemplatePart = TextPart | PlaceholderPart | EnvPart;

export type TemplateParse =
  | { ok: true; parts: TemplatePart[] }
  | { ok: false; /** 0-based offset of the bad brace */ offset: number; message: string };

const PLACEHOLDER_BODY = /^(0|[1-9][0-9]{0,8})((?:\.[^.{}]+)*)$/;
/** An environment variable's name, as POSIX shells take it. */
export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const ENV_HINT = 'write {env.NAME}, where NAME is a letter or _ followed by letters, digits or _';
const BRACE_HINT =
  'write {0}, {1}, … for the arguments, {0.key} to reach inside one, and {{ or }} for a literal brace';

export function parsePlaceholders(template: string): TemplateParse {
  const parts: TemplatePart[] = [];
  let text = '';
  const flushText = (): void => {
    if (text !== '') parts.push({ kind: 'text', text });
    text = '';
  };
  let i = 0;
  while (i < template.length) {
    const char = template[i] as string;
    if (char === '}') {
      if (template[i + 1] !== '}') {
        return { ok: false, offset: i, message: `has a single '}' at character ${i + 1}: ${BRACE_HINT}` };
      }
      text += '}';
      i += 2;
      continue;
    }
    if (char !== '{') {
      text += char;
      i++;
      continue;
    }
    if (template[i + 1] === '{') {
      text += '{';
      i += 2;
      continue;
    }
    const close = template.indexOf('}', i + 1);
    const nextOpen = template.indexOf('{', i + 1);
    if (close === -1 || (nextOpen !== -1 && nextOpen < close)) {
      return {
        ok: false,
        offset: i,
        message: `has a '{' at character ${i + 1} that is never closed: ${BRACE_HINT}`,
      };
    }
    const source = template.slice(i, close + 1);
    const inside = template.slice(i + 1, close);
    if (inside === 'env' || inside.startsWith('env.')) {
      const name = inside.slice(4);
      if (!ENV_NAME.test(name)) {
        return {
          ok: false,
          offset: i,
          message: `has ${quote(source, 40)} at character ${i + 1}, which is not an environment variable: ${ENV_HINT}`,
        };
      }
      flushText();
      parts.push({ kind: 'env', name, source, offset: i });
      i = close + 1;
      continue;
    }
    const match = PLACEHOLDER_BODY.exec(inside);
    if (match === null) {
      return {
        ok: false,
        offset: i,
        message: `has ${quote(source, 40)} at character ${i + 1}, which is not a placeholder: ${BRACE_HINT}`,
      };
    }
    flushText();
    const path = (match[2] ?? '').split('.').slice(1);
    parts.push({ kind: 'placeholder', index: Number(match[1]), path, source, offset: i });
    i = close + 1;
  }
  flushText();
  return { ok: true, parts };
}

/** The Python exception a failed placeholder corresponds to, so runs and exported code agree. */
export type PlaceholderErrorType = 'ValueError' | 'IndexError' | 'KeyError' | 'TypeError';

export class PlaceholderError extends Error {
  override readonly name = 'PlaceholderError';
  constructor(
    readonly type: PlaceholderErrorType,
    message: string,
  ) {
    super(message);
  }
}

function describeKind(value: JsonValue): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

/** The value a placeholder stands for; throws PlaceholderError when it does not exist. */
export function resolvePlaceholder(placeholder: PlaceholderPart, args: readonly JsonValue[]): JsonValue {
  const { index, path, source } = placeholder;
  let current = args[index];
  if (current === undefined) {
    const count = args.length === 1 ? '1 argument' : `${args.length} arguments`;
    throw new PlaceholderError(
      'IndexError',
      `placeholder ${source}: there is no argument ${index} (the node has ${count})`,
    );
  }
  let where = `argument ${index}`;
  for (const step of path) {
    if (Array.isArray(current)) {
      if (!/^(0|[1-9][0-9]*)$/.test(step)) {
        throw new PlaceholderError(
          'TypeError',
          `placeholder ${source}: ${where} is a list, and '${step}' is not a list index`,
        );
      }
      const element: JsonValue | undefined = current[Number(step)];
      if (element === undefined) {
        throw new PlaceholderError(
          'IndexError',
          `placeholder ${source}: ${where} has ${current.length} items, so there is no item ${step}`,
        );
      }
      current = element;
    } else if (current !== null && typeof current === 'object') {
      if (!Object.hasOwn(current, step)) {
        throw new PlaceholderError('KeyError', `placeholder ${source}: ${where} has no key '${step}'`);
      }
      current = current[step] as JsonValue;
    } else {
      throw new PlaceholderError(
        'TypeError',
        `placeholder ${source}: ${where} is ${describeKind(current)}, not an object or a list`,
      );
    }
    where += `.${step}`;
  }
  return current;
}

/** Reads an environment variable when a template is filled; undefined when it is not set. */
export type EnvLookup = (name: string) => string | undefined;

/** No variable is set. */
const NO_ENV: EnvLookup = () => undefined;

/** The message of the KeyError a missing variable fails with, the same in the engine and both exports. */
export function missingEnvMessage(name: string): string {
  return `environment variable ${name} is not set`;
}

/** The value `{env.NAME}` stands for; throws PlaceholderError (KeyError) when the variable is not set. */
export function resolveEnv(part: EnvPart, env: EnvLookup): string {
  const value = env(part.name);
  if (value === undefined) throw new PlaceholderError('KeyError', missingEnvMessage(part.name));
  return value;
}

/** The environment variables of fetch params, each once, in the order they first appear (url, headers, body). */
export function envNames(params: FetchTemplateParams): string[] {
  const names = new Set<string>();
  for (const { template } of fetchTemplates(params)) {
    const parsed = parsePlaceholders(template);
    if (!parsed.ok) continue;
    for (const part of parsed.parts) if (part.kind === 'env') names.add(part.name);
  }
  return [...names];
}

/**
 * `text` with each variable's value replaced by its placeholder `{env.NAME}`: what an error's message
 * shows. Variables in the order given; for each, its URL-encoded form first (as the url holds it), then
 * the value as it is; every occurrence, left to right. The exports do exactly this (Python's
 * `str.replace`), so their messages are the engine's.
 */
export function hideEnvValues(text: string, values: Iterable<readonly [string, string]>): string {
  let hidden = text;
  for (const [name, value] of values) {
    const placeholder = `{env.${name}}`;
    for (const form of [urlEncodedOrNull(value), value]) {
      if (form !== null && form !== '') hidden = hidden.split(form).join(placeholder);
    }
  }
  return hidden;
}

function urlEncodedOrNull(text: string): string | null {
  try {
    return encodeURIComponent(text);
  } catch {
    return null;
  }
}

/** How a value reads inside text: strings as they are, anything else as compact JSON. */
export function placeholderText(value: JsonValue): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function parseOrThrow(template: string): TemplatePart[] {
  const parsed = parsePlaceholders(template);
  if (!parsed.ok) throw new PlaceholderError('ValueError', `the template ${parsed.message}`);
  return parsed.parts;
}

/** A part's text: the literal text, an argument as text, or a variable's value. */
function partText(part: TemplatePart, args: readonly JsonValue[], env: EnvLookup): string {
  if (part.kind === 'text') return part.text;
  if (part.kind === 'env') return resolveEnv(part, env);
  return placeholderText(resolvePlaceholder(part, args));
}

/**
 * Fills a template as text; `encode` is applied to each inserted value (not to the literal text).
 * `env` reads the `{env.NAME}` variables (by default none is set).
 */
export function fillTemplate(
  template: string,
  args: readonly JsonValue[],
  encode: (text: string) => string = (text) => text,
  env: EnvLookup = NO_ENV,
): string {
  return parseOrThrow(template)
    .map((part) => (part.kind === 'text' ? part.text : encode(partText(part, args, env))))
    .join('');
}

/** Fills a url: inserted values (arguments and variables) are URL-encoded with encodeURIComponent. */
export function fillUrl(template: string, args: readonly JsonValue[], env: EnvLookup = NO_ENV): string {
  return fillTemplate(
    template,
    args,
    (text) => {
      try {
        return encodeURIComponent(text);
      } catch {
        throw new PlaceholderError(
          'ValueError',
          'a value placed into the url holds an unpaired surrogate and cannot be URL-encoded',
        );
      }
    },
    env,
  );
}

export function fillHeaders(
  headers: Readonly<Record<string, string>>,
  args: readonly JsonValue[],
  env: EnvLookup = NO_ENV,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name, fillTemplate(value, args, undefined, env)]),
  );
}

/**
 * Fills the string leaves of a body. A leaf that is exactly one placeholder becomes the argument value
 * itself (any JSON), or the variable's value (a string) for `{env.NAME}`; other leaves get values
 * inserted as text. Keys are not templates.
 */
export function fillBody(body: JsonValue, args: readonly JsonValue[], env: EnvLookup = NO_ENV): JsonValue {
  if (typeof body === 'string') {
    const parts = parseOrThrow(body);
    const only = parts[0];
    if (parts.length === 1 && only !== undefined && only.kind === 'placeholder')
      return resolvePlaceholder(only, args);
    return parts.map((part) => partText(part, args, env)).join('');
  }
  if (Array.isArray(body)) return body.map((item) => fillBody(item, args, env));
  if (body !== null && typeof body === 'object') {
    // fromEntries defines own properties, so a "__proto__" key stays an ordinary key.
    return Object.fromEntries(Object.entries(body).map(([key, value]) => [key, fillBody(value, args, env)]));
  }
  return body;
}

/** A template inside fetch params, named the way messages name it: url, header 'Accept', body.items[0]. */
export interface FetchTemplate {
  where: string;
  template: string;
}

/** Every template of a fetch node's params, in a stable order: url, header values, body string leaves. */
export function fetchTemplates(params: FetchTemplateParams): FetchTemplate[] {
  const templates: FetchTemplate[] = [{ where: 'url', template: params.url }];
  for (const [name, value] of Object.entries(params.headers ?? {})) {
    templates.push({ where: `header '${name}'`, template: value });
  }
  const walk = (value: JsonValue, where: string): void => {
    if (typeof value === 'string') templates.push({ where, template: value });
    else if (Array.isArray(value)) value.forEach((item, i) => walk(item, `${where}[${i}]`));
    else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        walk(
          item,
          /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `${where}.${key}` : `${where}[${JSON.stringify(key)}]`,
        );
      }
    }
  };
  if (params.body !== undefined) walk(params.body, 'body');
  return templates;
}
