/**
 * `transform` in the exported programs. Python: JMESPath through the jmespath package (JavaScript
 * transforms are refused). TypeScript: JMESPath through @jmespath-community/jmespath, or the
 * JavaScript code as written, in a function of its own before the node's.
 */
import { expressionText, isExpressionCode } from '../../codegen/javascript-source';
import { pyString } from '../../codegen/python-literal';
import { INDENT } from '../../codegen/typescript-layout';
import { tsString } from '../../codegen/typescript-literal';
import type { KindExporter } from '../exporter';

export const exporter: KindExporter<'transform'> = {
  python(params, ctx) {
    ctx.use('jmespath');
    const count = ctx.argIds.length;
    const subject = count === 1 ? 'args[0]' : count === 0 ? '[]' : 'args';
    return [...ctx.awaitArguments(count > 0), `return jmespath.search(${pyString(params.code)}, ${subject})`];
  },
  pythonRefusal: {
    refuses: (params) => (params.language ?? 'javascript') === 'javascript',
    message: (ids) =>
      `JavaScript transform${ids.length === 1 ? '' : 's'} ${ids.join(', ')} would have to be rewritten by hand (write the transform in JMESPath to export it)`,
  },
  typescript(params, ctx) {
    const awaits = ctx.awaitArguments(new Set(ctx.argIds.map((_, i) => i)));
    const list = `[${ctx.argIds.map((_, i) => `arg${i}`).join(', ')}]`;
    if ((params.language ?? 'javascript') === 'jmespath') {
      ctx.use('jmespath');
      const subject = ctx.argIds.length === 1 ? 'arg0' : list;
      return [...awaits, `return jmespath(${tsString(params.code)}, ${subject});`];
    }
    ctx.use('javascript');
    return [...awaits, `return transform(${ctx.ownName('code')}, ${list});`];
  },
  /** A JavaScript transform's code, as a plain function of `args` and `input`. */
  typescriptBefore(params, ctx) {
    if ((params.language ?? 'javascript') !== 'javascript') return null;
    return javascriptFunction(`The code of transform node ${ctx.nodeId}`, ctx.ownName('code'), params.code);
  },
};

/**
 * JavaScript code from a node (a transform's code, a choose's condition) as a top-level function
 * of `args` and `input`, documented as `what`.
 */
export function javascriptFunction(what: string, name: string, code: string): string {
  return [
    `/** ${what}, as written in Flowloop (plain JavaScript, so its values are typed \`any\`). */`,
    '// eslint-disable-next-line @typescript-eslint/no-explicit-any',
    `function ${name}(${unusedUnderscore('args', code)}: any[], ${unusedUnderscore('input', code)}: any): any {`,
    transformFunctionBody(code),
    '}',
  ].join('\n');
}

/** A transform's code as a function body: an expression is returned, statements are kept as written. */
function transformFunctionBody(code: string): string {
  // Lines are indented only when no template literal could span them (indenting would change it).
  const indent = (lines: string): string =>
    code.includes('`')
      ? lines
      : lines
          .split('\n')
          .map((line) => (line.trim() === '' ? '' : INDENT + line))
          .join('\n');
  if (!isExpressionCode(code)) return indent(code.replace(/^\s*\n|\s+$/g, ''));
  const expression = expressionText(code).replace(/^\s*\n/, '');
  if (!expression.includes('\n') && !expression.includes('//'))
    return `${INDENT}return (${expression.trim()});`;
  return `${INDENT}return (\n${indent(indent(expression))}\n${INDENT});`;
}

/** A parameter the code never names gets a leading underscore, as linters expect of unused ones. */
function unusedUnderscore(parameter: string, code: string): string {
  return new RegExp(`\\b${parameter}\\b`).test(code) ? parameter : `_${parameter}`;
}
