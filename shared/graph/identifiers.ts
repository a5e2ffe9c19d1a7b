/**
 * Node ids become function names in exported Python and TypeScript, so an id must be an identifier in
 * both languages and no reserved word in either.
 */

export const IDENTIFIER_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Python 3 keywords (soft keywords such as `match` and `type` are valid names), plus `__debug__`. */
// prettier-ignore
const PYTHON_RESERVED: ReadonlySet<string> = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def',
  'del', 'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is',
  'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield',
  '__debug__',
]);

/**
 * Words a strict-mode ES module cannot use as a function name: keywords, future reserved words, literals,
 * `await` (reserved in modules), `eval`/`arguments` (not bindable in strict mode), and the global
 * constants `undefined`, `NaN` and `Infinity`, which the exported code must not shadow.
 */
// prettier-ignore
const TYPESCRIPT_RESERVED: ReadonlySet<string> = new Set([
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else',
  'enum', 'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof',
  'new', 'null', 'return', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void',
  'while', 'with', 'yield', 'let', 'static', 'implements', 'interface', 'package', 'private',
  'protected', 'public', 'await', 'eval', 'arguments', 'undefined', 'NaN', 'Infinity',
]);

/** Which languages reserve `word`: [] when it is free in both. */
export function reservedIn(word: string): ('Python' | 'TypeScript')[] {
  const languages: ('Python' | 'TypeScript')[] = [];
  if (PYTHON_RESERVED.has(word)) languages.push('Python');
  if (TYPESCRIPT_RESERVED.has(word)) languages.push('TypeScript');
  return languages;
}

export function isIdentifier(text: string): boolean {
  return IDENTIFIER_PATTERN.test(text);
}

/** Words reserved in either language, for the check every node's id goes through (one lookup, no garbage). */
const RESERVED_IN_EITHER: ReadonlySet<string> = new Set([...PYTHON_RESERVED, ...TYPESCRIPT_RESERVED]);

/** An identifier that is free in Python and TypeScript alike: what a node id must be. */
export function isValidNodeId(text: string): boolean {
  return IDENTIFIER_PATTERN.test(text) && !RESERVED_IN_EITHER.has(text);
}

/** The reserved word lists, for documentation and tests. */
export const RESERVED_WORDS = {
  python: [...PYTHON_RESERVED].sort(),
  typescript: [...TYPESCRIPT_RESERVED].sort(),
} as const;
