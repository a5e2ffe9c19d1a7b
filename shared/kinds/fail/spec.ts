/** `fail`: raises `error(message)`, after `after` seconds (docs/run-semantics.md, coroutine kinds). */
import { z } from 'zod';
import { isIdentifier, reservedIn } from '../../graph/identifiers';
import { must, seconds } from '../../graph/param-schemas';
import type { KindSpec } from '../definition';

/** `fail`'s params. */
export interface FailParams {
  error?: string;
  message?: string;
  after?: number;
}

export const spec: KindSpec<'fail', FailParams> = {
  kind: 'fail',
  family: 'coroutine',
  ports: { min: 0, max: null },
  params: z.strictObject({
    error: z
      .string(must('an exception name such as RuntimeError'))
      .refine((name) => isIdentifier(name) && !reservedIn(name).includes('Python'), {
        error:
          'must be an exception name such as RuntimeError or ValueError (letters, digits and _, not starting with a digit)',
      })
      .optional(),
    message: z.string(must('a string')).optional(),
    after: seconds().optional(),
  }),
  defaults: { error: 'RuntimeError', message: '', after: 0 },
  newParams: { error: 'RuntimeError', message: '' },
  palette: 'raises an exception',
  summary: (params) =>
    `${params.error ?? 'RuntimeError'}${params.message ? `: ${params.message}` : ''}${params.after ? ` after ${params.after} s` : ''}`,
  inspector: [
    { type: 'text', param: 'error', label: 'Error type', fallback: 'RuntimeError', check: 'identifier' },
    { type: 'text', param: 'message', label: 'Message', fallback: '' },
    { type: 'seconds', param: 'after', label: 'After (seconds)', fallback: 0 },
  ],
};
