/** How the TypeScript exporter lays out code: as the project's prettier settings would. */

export const INDENT = '  ';

/** Longest line the writer aims for, as the project's prettier settings. */
const WIDTH = 110;

function fits(text: string, depth: number): boolean {
  return INDENT.length * depth + text.length <= WIDTH;
}

/**
 * A call, array or object written as prettier would: on one line when it fits at `depth`, else
 * one argument per line. Each argument is given as its lines (one line when it fits).
 */
export function callLines(head: string, args: string[][], tail: string, depth: number): string[] {
  const flat = args.every((a) => a.length === 1) ? `${head}${args.map((a) => a[0]).join(', ')}${tail}` : null;
  if (flat !== null && fits(flat, depth)) return [flat];
  const inner = args.flatMap((lines) => {
    const last = lines.length - 1;
    return lines.map((line, i) => `${INDENT}${line}${i === last ? ',' : ''}`);
  });
  return [head, ...inner, tail];
}

export function arrayLines(items: string[], depth: number, head = '', tail = ''): string[] {
  const flat = `${head}[${items.join(', ')}]${tail}`;
  if (fits(flat, depth + 1)) return [flat];
  return [`${head}[`, ...items.map((item) => `${INDENT}${item},`), `]${tail}`];
}

export function objectLines(fields: string[], depth: number): string[] {
  const flat = `{ ${fields.join(', ')} }`;
  if (fits(flat, depth + 1)) return [flat];
  return ['{', ...fields.map((field) => `${INDENT}${field},`), '}'];
}
