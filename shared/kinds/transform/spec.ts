/** `transform`: JavaScript or JMESPath over the arguments (docs/run-semantics.md, coroutine kinds). */
import { compile } from '@jmespath-community/jmespath';
import { z } from 'zod';
import { SAYS_ALL, TRANSFORM_LANGUAGES, must } from '../../graph/param-schemas';
import type { KindSpec } from '../definition';

export type TransformLanguage = 'javascript' | 'jmespath';

/** `transform`'s params. */
export interface TransformParams {
  language?: TransformLanguage;
  code: string;
}

export const spec: KindSpec<'transform', TransformParams> = {
  kind: 'transform',
  family: 'coroutine',
  ports: { min: 0, max: null },
  params: z
    .strictObject({
      language: z.enum(TRANSFORM_LANGUAGES, must(`${TRANSFORM_LANGUAGES.join(' or ')}`)).optional(),
      code: z
        .string(must('a string (the code to run)'))
        .refine((code) => code.trim() !== '', { error: 'must not be empty' }),
    })
    .superRefine((params, ctx) => {
      if (params.language !== 'jmespath') return;
      try {
        compile(params.code);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        ctx.addIssue({
          code: 'custom',
          params: SAYS_ALL,
          path: ['code'],
          message: `is not a valid JMESPath expression: ${reason}`,
        });
      }
    }),
  defaults: { language: 'javascript' },
  newParams: { language: 'javascript', code: 'input' },
  palette: 'JavaScript or JMESPath over the arguments',
  summary: (params) => (params.language === 'jmespath' ? 'JMESPath' : 'JavaScript'),
  inspector: [
    {
      type: 'select',
      param: 'language',
      label: 'Language',
      options: TRANSFORM_LANGUAGES,
      fallback: 'javascript',
    },
    {
      type: 'code',
      param: 'code',
      label: 'Code',
      languageParam: 'language',
      fallback: 'javascript',
      hints: {
        javascript: '(sees args and input = args[0])',
        jmespath: '(on args[0], or on args when several)',
      },
    },
  ],
};
