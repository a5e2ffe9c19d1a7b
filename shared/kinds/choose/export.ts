/**
 * `choose` in the exported programs: an `if` on the condition's value, then an await of the branch
 * taken only. Python: `if jmespath.search(condition, subject):` (JavaScript conditions are refused,
 * as JavaScript transforms are). TypeScript: the runtime's truthy() (Python's rule) on JMESPath, or
 * on the JavaScript condition as written, in a function of its own before the node's.
 */
import { pyString } from '../../codegen/python-literal';
import { tsString } from '../../codegen/typescript-literal';
import type { KindExporter } from '../exporter';
import { javascriptFunction } from '../transform/export';

export const exporter: KindExporter<'choose'> = {
  python(params, ctx) {
    ctx.use('jmespath');
    const [subject, then, otherwise] = ctx.argIds.map((id) => ctx.name(id));
    return [
      `subject = await demand(${subject})`,
      `if jmespath.search(${pyString(params.condition)}, subject):`,
      `    return await demand(${then})`,
      otherwise === undefined ? 'return None' : `return await demand(${otherwise})`,
    ];
  },
  pythonRefusal: {
    refuses: (params) => (params.language ?? 'jmespath') === 'javascript',
    message: (ids) =>
      `JavaScript condition${ids.length === 1 ? '' : 's'} of ${ids.join(', ')} would have to be rewritten by hand (write the condition in JMESPath to export it)`,
  },
  typescript(params, ctx) {
    ctx.use('need');
    ctx.use('truthy');
    const [subject, then, otherwise] = ctx.argIds.map((id) => ctx.name(id));
    let condition: string;
    if ((params.language ?? 'jmespath') === 'jmespath') {
      ctx.use('jmespath');
      condition = `jmespath(${tsString(params.condition)}, subject)`;
    } else {
      ctx.use('javascript');
      condition = `transform(${ctx.ownName('condition')}, [subject])`;
    }
    return [
      `const subject = await need(${subject}, signal);`,
      `if (truthy(${condition})) return await need(${then}, signal);`,
      otherwise === undefined ? 'return null;' : `return await need(${otherwise}, signal);`,
    ];
  },
  typescriptBefore(params, ctx) {
    if ((params.language ?? 'jmespath') !== 'javascript') return null;
    return javascriptFunction(
      `The condition of choose node ${ctx.nodeId}`,
      ctx.ownName('condition'),
      params.condition,
    );
  },
};
