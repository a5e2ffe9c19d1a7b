/** parseGraph: workflow file text to a graph, or every problem with it. */
import { findJsonSyntaxError } from './json-syntax';
import { oneLine } from './problems';
import type { ParseResult } from './types';
import { validateParsedGraph } from './validate';

const BYTE_ORDER_MARK = '\uFEFF';

export function parseGraph(text: string): ParseResult {
  if (typeof text !== 'string') {
    return { ok: false, problems: [{ code: 'not-json', message: 'a workflow file must be given as text' }] };
  }
  // Some editors start UTF-8 files with a byte order mark; JSON.parse would refuse it.
  const body = text.startsWith(BYTE_ORDER_MARK) ? text.slice(1) : text;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    const syntax = findJsonSyntaxError(body);
    if (syntax === null) {
      // The scanner and the engine disagree: still say something useful, without a position.
      const reason = error instanceof Error ? error.message : String(error);
      return {
        ok: false,
        problems: [{ code: 'not-json', message: oneLine(`not valid JSON: ${reason}`), line: 1, column: 1 }],
      };
    }
    const { line, column, reason } = syntax;
    return {
      ok: false,
      problems: [
        {
          code: 'not-json',
          message: oneLine(`not valid JSON at line ${line}, column ${column}: ${reason}`),
          line,
          column,
        },
      ],
    };
  }
  // The parsed value is ours alone: validated in place rather than copied.
  return validateParsedGraph(value);
}
