/** What is wrong with a workflow file: one Problem per fault, each naming its node or edge. */

export const PROBLEM_CODES = [
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
  /** The validator itself broke: a bug, reported instead of thrown. */
  'internal',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

export interface Problem {
  code: ProblemCode;
  /** One line, for people: names the node (id and kind) or the edge it is about. */
  message: string;
  /** The node's id, when the problem is about one node that has a string id. */
  node?: string;
  /** The edge's index in `edges`, when the problem is about one edge. */
  edge?: number;
  /** 1-based position in the text, for not-json. */
  line?: number;
  column?: number;
}

/** Shortens and quotes text from the document for a message, so that messages stay one readable line. */
export function quote(text: string, max = 60): string {
  const short = text.length > max ? `${text.slice(0, max - 1)}…` : text;
  // Long runs of spaces are escaped (still valid JSON) so that quoted text never looks like a stack frame.
  return JSON.stringify(short).replace(/ {4,}/g, (run) => ` ${'\\u0020'.repeat(run.length - 1)}`);
}

/** A name as written in the file: bare when it is a plain word, else quoted. */
export function showName(text: string): string {
  return /^[A-Za-z0-9_$-]{1,60}$/.test(text) ? text : quote(text);
}

/** A key in single quotes, as messages cite fields and params: 'secnds'. */
export function showKey(key: string): string {
  return /^[A-Za-z0-9_$-]{1,60}$/.test(key) ? `'${key}'` : quote(key);
}

/** A value from the document in a message: got "5" (a string), got -1, got a list. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return `${quote(value, 40)} (a string)`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return String(typeof value);
}

/** "node nap (sleep)", or "node #2 (sleep)" when the id is missing or not a string. */
export function nodeRef(index: number, id: unknown, kind: unknown): string {
  const name = typeof id === 'string' && id !== '' ? showName(id) : `#${index}`;
  return typeof kind === 'string' && kind !== '' ? `node ${name} (${showName(kind)})` : `node ${name}`;
}

/** "edge #3 (a -> b, input 0)", with ? for parts that are missing or of the wrong type. */
export function edgeRef(index: number, source: unknown, target: unknown, input: unknown): string {
  const end = (value: unknown) => (typeof value === 'string' && value !== '' ? showName(value) : '?');
  const slot = typeof input === 'number' ? String(input) : '?';
  return `edge #${index} (${end(source)} -> ${end(target)}, input ${slot})`;
}

/** Keeps a message on one line whatever text it quotes, so no output can look like a stack trace. */
export function oneLine(message: string): string {
  return message
    .replace(/\s*[\r\n\u2028\u2029]+\s*/g, ' ')
    .replace(/\s{4,}/g, ' ')
    .trim();
}
