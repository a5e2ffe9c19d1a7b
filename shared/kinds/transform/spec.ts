/** `transform`: JavaScript or JMESPath over the arguments (docs/run-semantics.md, coroutine kinds). */
import { TRANSFORM_LANGUAGES, codeInLanguage } from '../../graph/param-schemas';
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
  params: codeInLanguage('code', 'the code to run', 'javascript'),
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
