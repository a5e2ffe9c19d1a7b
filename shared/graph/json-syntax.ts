/**
 * Where JSON text goes wrong, in words a person can act on.
 *
 * JSON.parse does the parsing; its error messages differ between engines and give an offset at best.
 * When it fails, this scanner walks the text once (iteratively, so deep nesting cannot overflow the stack)
 * and names the first problem with its line and column.
 */

export interface JsonSyntaxError {
  /** 0-based offset in UTF-16 code units. */
  offset: number;
  /** 1-based line and column; columns count characters (code points). */
  line: number;
  column: number;
  reason: string;
}

type State = 'value' | 'first-value' | 'first-key' | 'key' | 'after';

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const SIMPLE_ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  let column = 1;
  for (let i = lineStart; i < offset; i++) {
    const code = text.charCodeAt(i);
    // The second half of a surrogate pair belongs to the same character.
    if (!(code >= 0xdc00 && code <= 0xdfff && i > lineStart && isHighSurrogate(text.charCodeAt(i - 1))))
      column++;
  }
  return { line, column };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function show(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  if (code < 0x20 || code === 0x7f)
    return `control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `'${char}'`;
}

function unexpected(char: string, expected: string): string {
  if (char === '/') return 'comments are not allowed in JSON';
  if (char === "'") return 'strings must be in double quotes (") in JSON';
  return `unexpected ${show(char)}: expected ${expected}`;
}

/** The first syntax error in `text`, or null when it is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  const at = (offset: number, reason: string): JsonSyntaxError => ({
    offset,
    ...lineAndColumn(text, offset),
    reason,
  });
  const n = text.length;
  const stack: ('array' | 'object')[] = [];
  let i = 0;
  let state: State = 'value';
  let afterComma = false;

  const skipWhitespace = (): void => {
    while (i < n && WHITESPACE.has(text[i] as string)) i++;
  };
  /** Scans a string starting at its opening quote; returns an error or null with `i` past the closing quote. */
  const scanString = (): JsonSyntaxError | null => {
    const start = i;
    i++;
    for (;;) {
      if (i >= n) return at(start, 'this string is never closed (missing ")');
      const char = text[i] as string;
      if (char === '"') {
        i++;
        return null;
      }
      if (char === '\\') {
        const next = text[i + 1];
        if (next === undefined) return at(start, 'this string is never closed (missing ")');
        if (SIMPLE_ESCAPES.has(next)) {
          i += 2;
        } else if (next === 'u') {
          if (!/^[0-9A-Fa-f]{4}$/.test(text.slice(i + 2, i + 6))) {
            return at(i, 'bad escape: \\u must be followed by four hexadecimal digits');
          }
          i += 6;
        } else {
          return at(
            i,
            `bad escape \\${next} in a string (allowed: \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)`,
          );
        }
        continue;
      }
      if (char.charCodeAt(0) < 0x20)
        return at(i, `${show(char)} inside a string (write it escaped, e.g. \\n)`);
      i++;
    }
  };
  const scanNumber = (): JsonSyntaxError | null => {
    const start = i;
    if (text[i] === '-') i++;
    if (text[i] === '0') {
      i++;
      if (/[0-9]/.test(text[i] ?? '')) return at(start, 'numbers must not start with 0 in JSON');
    } else if (/[1-9]/.test(text[i] ?? '')) {
      while (/[0-9]/.test(text[i] ?? '')) i++;
    } else {
      return at(
        i,
        i >= n ? 'unexpected end of text: expected a digit' : unexpected(text[i] as string, 'a digit'),
      );
    }
    if (text[i] === '.') {
      i++;
      if (!/[0-9]/.test(text[i] ?? '')) return at(i, 'expected a digit after the decimal point');
      while (/[0-9]/.test(text[i] ?? '')) i++;
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      if (!/[0-9]/.test(text[i] ?? '')) return at(i, 'expected a digit in the exponent');
      while (/[0-9]/.test(text[i] ?? '')) i++;
    }
    return null;
  };

  for (;;) {
    skipWhitespace();
    const char = text[i];
    switch (state) {
      case 'first-value':
      case 'first-key': {
        const close = state === 'first-value' ? ']' : '}';
        if (char === close) {
          i++;
          stack.pop();
          state = 'after';
        } else {
          state = state === 'first-value' ? 'value' : 'key';
        }
        afterComma = false;
        continue;
      }
      case 'value': {
        if (char === undefined) return at(i, 'unexpected end of text: expected a value');
        if (char === '{' || char === '[') {
          stack.push(char === '{' ? 'object' : 'array');
          i++;
          state = char === '{' ? 'first-key' : 'first-value';
          continue;
        }
        let error: JsonSyntaxError | null = null;
        if (char === '"') error = scanString();
        else if (char === '-' || (char >= '0' && char <= '9')) error = scanNumber();
        else {
          const word = ['true', 'false', 'null'].find((literal) => text.startsWith(literal, i));
          if (word !== undefined) i += word.length;
          else if (char === ']' && afterComma)
            return at(i, "a trailing comma before ']' is not allowed in JSON");
          else {
            const bare = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(text.slice(i, i + 40))?.[0];
            if (bare !== undefined)
              return at(
                i,
                `unexpected word '${bare}': expected a value (strings need double quotes; only true, false and null are bare words)`,
              );
            return at(i, unexpected(char, 'a value'));
          }
        }
        if (error !== null) return error;
        state = 'after';
        afterComma = false;
        continue;
      }
      case 'key': {
        if (char === undefined) return at(i, 'unexpected end of text: expected a property name');
        if (char === '}' && afterComma) return at(i, "a trailing comma before '}' is not allowed in JSON");
        if (char !== '"') return at(i, unexpected(char, 'a property name in double quotes'));
        const error = scanString();
        if (error !== null) return error;
        skipWhitespace();
        if (text[i] !== ':') {
          const found = text[i];
          if (found === undefined) return at(i, "unexpected end of text: expected ':' after a property name");
          return at(i, unexpected(found, "':' after a property name"));
        }
        i++;
        state = 'value';
        afterComma = false;
        continue;
      }
      case 'after': {
        const top = stack[stack.length - 1];
        if (top === undefined) {
          if (char === undefined) return null;
          return at(
            i,
            char === '/' ? unexpected(char, '') : `unexpected ${show(char)} after the end of the JSON value`,
          );
        }
        const close = top === 'array' ? ']' : '}';
        const expected =
          top === 'array' ? "',' or ']' after a list item" : "',' or '}' after a property value";
        if (char === undefined) {
          return at(
            i,
            `unexpected end of text: ${top === 'array' ? "a list ('[')" : "an object ('{')"} is not closed`,
          );
        }
        if (char === ',') {
          i++;
          state = top === 'array' ? 'value' : 'key';
          afterComma = true;
        } else if (char === close) {
          i++;
          stack.pop();
        } else {
          return at(i, unexpected(char, expected));
        }
        continue;
      }
    }
  }
}
