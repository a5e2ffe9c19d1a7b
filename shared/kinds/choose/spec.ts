/**
 * `choose`: a condition on its first argument picks the branch it awaits, `if cond(subject): return
 * await then_branch() else: return await else_branch()`; the branch not taken is never demanded
 * (docs/run-semantics.md, combinator kinds).
 */
import { TRANSFORM_LANGUAGES, codeInLanguage } from '../../graph/param-schemas';
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
  params: codeInLanguage('condition', 'the condition', 'jmespath'),
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
