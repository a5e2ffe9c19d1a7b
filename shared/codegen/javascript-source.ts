/**
 * How a JavaScript transform's code reads: one expression, or a function body. The sandbox
 * decides by compiling `return (code)` first and the code as a body when that fails
 * (runtime/transform/sandbox-driver.ts); an exporter cannot compile, so this scanner makes the
 * same decision from the tokens: the code is a body when, outside every bracket, it has a `;`
 * between statements, a statement keyword (`return`, `const`, `if`…), or a line break where
 * JavaScript would end a statement.
 */

/** Keywords that begin a statement and can never stand inside an expression. */
const STATEMENT_KEYWORDS = new Set([
  'break',
  'const',
  'continue',
  'debugger',
  'do',
  'for',
  'if',
  'import',
  'export',
  'return',
  'switch',
  'throw',
  'try',
  'var',
  'while',
  'with',
]);

/** Words after which a `/` starts a regular expression rather than a division. */
const OPERATOR_WORDS = new Set([
  'return',
  'typeof',
  'instanceof',
  'in',
  'of',
  'new',
  'delete',
  'void',
  'throw',
  'case',
  'do',
  'else',
  'yield',
  'await',
]);

/** Words that begin an expression and cannot continue one (so a line break before them ends a statement). */
const CONTINUING_WORDS = new Set(['in', 'instanceof', 'of']);

type Token = { kind: 'word'; text: string } | { kind: 'value' } | { kind: 'punct'; text: string };

/** The code without trailing semicolons and space, as the sandbox compiles an expression. */
export function expressionText(code: string): string {
  return code.replace(/[\s;]+$/, '');
}

export function isExpressionCode(code: string): boolean {
  const text = expressionText(code);
  let depth = 0;
  let previous: Token | null = null;
  let lineBreak = false;
  let i = 0;
  const startsExpression = (token: Token): boolean =>
    token.kind === 'value' ||
    (token.kind === 'word' && !CONTINUING_WORDS.has(token.text)) ||
    (token.kind === 'punct' && ['{', '!', '~', '++', '--'].includes(token.text));
  const endsExpression = (token: Token | null): boolean =>
    token !== null &&
    (token.kind === 'value' ||
      (token.kind === 'word' && !OPERATOR_WORDS.has(token.text)) ||
      (token.kind === 'punct' && [')', ']', '}'].includes(token.text)));
  const regexAllowed = (): boolean =>
    previous === null ||
    (previous.kind === 'word' && OPERATOR_WORDS.has(previous.text)) ||
    (previous.kind === 'punct' && ![')', ']', '}'].includes(previous.text));

  /** Checks a token against the statement rules, then makes it the previous one. */
  const accept = (token: Token): boolean => {
    if (depth === 0) {
      const afterDot = previous?.kind === 'punct' && (previous.text === '.' || previous.text === '?.');
      if (token.kind === 'word' && STATEMENT_KEYWORDS.has(token.text) && !afterDot) return false;
      if (token.kind === 'punct' && token.text === ';') return false;
      if (lineBreak && endsExpression(previous) && startsExpression(token)) return false;
    }
    previous = token;
    lineBreak = false;
    return true;
  };

  while (i < text.length) {
    const char = text[i] as string;
    const next = text[i + 1];
    if (char === '\n' || char === '\r' || char === '\u2028' || char === '\u2029') {
      lineBreak = true;
      i++;
    } else if (/\s/.test(char)) {
      i++;
    } else if (char === '/' && next === '/') {
      while (i < text.length && !/[\n\r\u2028\u2029]/.test(text[i] as string)) i++;
    } else if (char === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      const comment = text.slice(i, end === -1 ? text.length : end + 2);
      if (/[\n\r\u2028\u2029]/.test(comment)) lineBreak = true;
      i += comment.length;
    } else if (char === '"' || char === "'") {
      i = skipQuoted(text, i);
      if (!accept({ kind: 'value' })) return false;
    } else if (char === '`') {
      i = skipTemplate(text, i);
      if (!accept({ kind: 'value' })) return false;
    } else if (char === '/' && regexAllowed()) {
      i = skipRegex(text, i);
      if (!accept({ kind: 'value' })) return false;
    } else if (/[A-Za-z_$\\\u0080-\uffff]/.test(char)) {
      const word = /^(?:[A-Za-z0-9_$\u0080-\uffff]|\\u[0-9A-Fa-f{}]+)+/.exec(text.slice(i))?.[0] ?? char;
      i += word.length;
      if (!accept({ kind: 'word', text: word })) return false;
    } else if (/[0-9]/.test(char) || (char === '.' && next !== undefined && /[0-9]/.test(next))) {
      i += /^[0-9A-Za-z_.]+/.exec(text.slice(i))?.[0].length ?? 1;
      if (!accept({ kind: 'value' })) return false;
    } else {
      const punct = /^(?:\?\.(?![0-9])|\+\+|--|=>|[^\s])/.exec(text.slice(i))?.[0] ?? char;
      i += punct.length;
      if ('([{'.includes(punct)) {
        if (!accept({ kind: 'punct', text: punct })) return false;
        depth++;
      } else if (')]}'.includes(punct)) {
        depth = Math.max(0, depth - 1);
        if (!accept({ kind: 'punct', text: punct })) return false;
      } else if (!accept({ kind: 'punct', text: punct })) {
        return false;
      }
    }
  }
  return true;
}

function skipQuoted(text: string, start: number): number {
  const quote = text[start];
  let i = start + 1;
  while (i < text.length && text[i] !== quote) i += text[i] === '\\' ? 2 : 1;
  return i + 1;
}

/** Skips a template literal, its `${…}` parts included (they may hold templates of their own). */
function skipTemplate(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length && text[i] !== '`') {
    if (text[i] === '\\') i += 2;
    else if (text[i] === '$' && text[i + 1] === '{') i = skipBraces(text, i + 1);
    else i++;
  }
  return i + 1;
}

/** From a `{`, past its matching `}`, skipping strings and templates inside. */
function skipBraces(text: string, open: number): number {
  let depth = 0;
  let i = open;
  while (i < text.length) {
    const char = text[i];
    if (char === '"' || char === "'") i = skipQuoted(text, i);
    else if (char === '`') i = skipTemplate(text, i);
    else {
      if (char === '{') depth++;
      else if (char === '}' && --depth === 0) return i + 1;
      i++;
    }
  }
  return i;
}

function skipRegex(text: string, start: number): number {
  let i = start + 1;
  let inClass = false;
  while (i < text.length) {
    const char = text[i];
    if (char === '\\') i += 2;
    else if (char === '\n') return i;
    else {
      if (char === '[') inClass = true;
      else if (char === ']') inClass = false;
      else if (char === '/' && !inClass) break;
      i++;
    }
  }
  i++;
  while (i < text.length && /[A-Za-z]/.test(text[i] as string)) i++;
  return i;
}
