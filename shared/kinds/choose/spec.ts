/**
 * `choose`: a condition on its first argument picks the branch it awaits, `if cond(subject): return
 * await then_branch() else: return await else_branch()`; the branch not taken is never demanded
 * (docs/run-semantics.md, combinator kinds).
 */
import { compile } from '@jmespath-community/jmespath';
import { z } from 'zod';
import { SAYS_ALL, TRANSFORM_LANGUAGES, must } from '../../graph/param-schemas';
import type { KindSpec } from '../definition';
import type { TransformLanguage } from '../transform/spec';

/** `choose`'s params. */
export interface ChooseParams {
  /** JMESPath (the default) or JavaScript, on the first argument's value. */
  language?: TransformLanguage;
  condition: string;
}

export const spec: KindSpec<'choose', ChooseParams> = {
  kind: 'choose',
  family: 'combinator',
  // The subject, the branch taken when the condition holds, and (optionally) the one taken when not.
  ports: { min: 2, max: 3, names: ['subject', 'then', 'else'] },
  params: z
    .strictObject({
      language: z.enum(TRANSFORM_LANGUAGES, must(`${TRANSFORM_LANGUAGES.join(' or ')}`)).optional(),
      condition: z
        .string(must('a string (the condition)'))
        .refine((code) => code.trim() !== '', { error: 'must not be empty' }),
    })
    .superRefine((params, ctx) => {
      if ((params.language ?? 'jmespath') !== 'jmespath') return;
      try {
        compile(params.condition);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        ctx.addIssue({
          code: 'custom',
          params: SAYS_ALL,
          path: ['condition'],
          message: `is not a valid JMESPath expression: ${reason}`,
        });
      }
    }),
  defaults: { language: 'jmespath' },
  newParams: { language: 'jmespath', condition: '@' },
  palette: 'if: awaits input 1 or input 2, as input 0 says',
  summary: (params) =>
    `if ${params.condition.length > 24 ? `${params.condition.slice(0, 23)}…` : params.condition}`,
  inspector: [
    {
      type: 'select',
      param: 'language',
      label: 'Language',
      options: TRANSFORM_LANGUAGES,
      fallback: 'jmespath',
    },
    {
      type: 'code',
      param: 'condition',
      label: 'Condition',
      languageParam: 'language',
      fallback: 'jmespath',
      hints: {
        javascript: '(sees input, the value of input 0; true as Python counts it)',
        jmespath: '(on the value of input 0; true as Python counts it)',
      },
    },
  ],
};
