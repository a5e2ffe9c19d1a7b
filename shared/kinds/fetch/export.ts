/**
 * `fetch` in the exported programs: the url, headers and body with their placeholders filled from
 * the arguments, sent by the file's fetch (Python, aiohttp) or request (TypeScript) helper.
 *
 * `{env.NAME}` placeholders read the environment when the node runs, after its arguments and before
 * anything is filled, as the engine does (shared/kinds/fetch/run.ts): Python through the file's
 * with_env helper (os.environ), TypeScript through a function of the node's own (process.env). Both
 * fail with KeyError (missingEnvMessage) for a variable that is not set, and show an error's message
 * with each value replaced by its placeholder (hideEnvValues), so the three agree to the letter.
 */
import {
  envNames,
  missingEnvMessage,
  parsePlaceholders,
  type PlaceholderPart,
  type TemplatePart,
} from '../../graph/placeholders';
import type { JsonValue } from '../../graph/types';
import { pyLiteral, pyNumber, pyString } from '../../codegen/python-literal';
import { INDENT, callLines, objectLines } from '../../codegen/typescript-layout';
import { tsKey, tsLiteral, tsNumber, tsString, tsTemplateText } from '../../codegen/typescript-literal';
import type { KindExporter } from '../exporter';

export const exporter: KindExporter<'fetch'> = {
  python(params, ctx) {
    ctx.use('fetch');
    let usesArgs = false;
    const text = (template: string, encode: boolean): string => {
      const parsed = parsePlaceholders(template);
      if (!parsed.ok || parsed.parts.every((p) => p.kind === 'text'))
        return pyString(template.replace(/\{\{/g, '{').replace(/\}\}/g, '}'));
      return parsed.parts
        .map((part) => {
          if (part.kind === 'text') return pyString(part.text);
          let value: string;
          if (part.kind === 'env') value = `env[${pyString(part.name)}]`;
          else {
            usesArgs = true;
            ctx.use('asText');
            value = `as_text(${argumentExpression(part)})`;
          }
          if (!encode) return value;
          ctx.use('quote');
          return `quote(${value}, safe="!~*'()")`;
        })
        .join(' + ');
    };
    const bodyValue = (value: JsonValue): string => {
      if (typeof value === 'string') {
        const parsed = parsePlaceholders(value);
        const only = parsed.ok && parsed.parts.length === 1 ? parsed.parts[0] : undefined;
        if (only?.kind === 'env') return `env[${pyString(only.name)}]`;
        if (only?.kind === 'placeholder') {
          usesArgs = true;
          return argumentExpression(only);
        }
        return text(value, false);
      }
      if (Array.isArray(value)) return `[${value.map(bodyValue).join(', ')}]`;
      if (value !== null && typeof value === 'object') {
        return `{${Object.entries(value)
          .map(([k, v]) => `${pyString(k)}: ${bodyValue(v)}`)
          .join(', ')}}`;
      }
      return pyLiteral(value);
    };

    const call = [pyString((params.method ?? 'GET').toUpperCase()), text(params.url, true)];
    const headers = Object.entries(params.headers ?? {});
    if (headers.length > 0)
      call.push(`headers={${headers.map(([k, v]) => `${pyString(k)}: ${text(v, false)}`).join(', ')}}`);
    const body = params.body ?? null;
    if (typeof body === 'string') call.push(`data=${text(body, false)}`);
    else if (body !== null) call.push(`json_body=${bodyValue(body)}`);
    const responseType = params.responseType ?? 'json';
    if (responseType !== 'json') call.push(`response_type=${pyString(responseType)}`);
    if (params.timeout !== undefined && params.timeout !== null)
      call.push(`timeout=${pyNumber(params.timeout)}`);
    const names = envNames(params);
    if (names.length === 0)
      return [...ctx.awaitArguments(usesArgs), `return await fetch(${call.join(', ')})`];
    // Read the variables, then fill and send: with_env (python-runtime.ts) hides their values in errors.
    ctx.use('withEnv');
    ctx.use('quote');
    const list = `(${names.map(pyString).join(', ')}${names.length === 1 ? ',' : ''})`;
    return [
      ...ctx.awaitArguments(usesArgs),
      `return await with_env(${list}, lambda env: fetch(${call.join(', ')}))`,
    ];
  },

  typescript(params, ctx) {
    ctx.use('fetch');
    const used = new Set<number>();
    const names = envNames(params);
    const placeholder = (part: TemplatePart & { kind: 'placeholder' | 'env' }): string => {
      if (part.kind === 'env') return `env.${part.name}`;
      used.add(part.index);
      if (part.path.length === 0) return `arg${part.index}`;
      ctx.use('lookup');
      return `lookup(arg${part.index}, ${tsString(part.source)})`;
    };
    const text = (template: string, encode: boolean): string => {
      const parsed = parsePlaceholders(template);
      if (!parsed.ok || parsed.parts.every((p) => p.kind === 'text')) {
        return tsString(
          parsed.ok ? parsed.parts.map((p) => (p.kind === 'text' ? p.text : '')).join('') : template,
        );
      }
      const pieces = parsed.parts.map((part) => {
        if (part.kind === 'text') return tsTemplateText(part.text);
        if (part.kind === 'env')
          return `\${${encode ? `encodeURIComponent(env.${part.name})` : `env.${part.name}`}}`;
        ctx.use('asText');
        const value = `asText(${placeholder(part)})`;
        return `\${${encode ? `encodeURIComponent(${value})` : value}}`;
      });
      return `\`${pieces.join('')}\``;
    };
    const bodyValue = (value: JsonValue): string => {
      if (typeof value === 'string') {
        const parsed = parsePlaceholders(value);
        const only = parsed.ok && parsed.parts.length === 1 ? parsed.parts[0] : undefined;
        if (only !== undefined && only.kind !== 'text') return placeholder(only);
        return text(value, false);
      }
      if (Array.isArray(value)) return `[${value.map(bodyValue).join(', ')}]`;
      if (value !== null && typeof value === 'object') {
        const entries = Object.entries(value).map(([k, v]) => `${tsKey(k)}: ${bodyValue(v)}`);
        return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
      }
      return tsLiteral(value);
    };

    const method = (params.method ?? 'GET').toUpperCase();
    const fields = [`method: ${tsString(method)}`, `url: ${text(params.url, true)}`];
    const headers = Object.entries(params.headers ?? {}).map(([k, v]) => `${tsKey(k)}: ${text(v, false)}`);
    const body = params.body ?? null;
    if (
      body !== null &&
      typeof body !== 'string' &&
      !Object.keys(params.headers ?? {}).some((k) => k.toLowerCase() === 'content-type')
    ) {
      headers.push(`'content-type': 'application/json'`);
    }
    if (headers.length > 0) fields.push(`headers: { ${headers.join(', ')} }`);
    if (typeof body === 'string') fields.push(`body: ${text(body, false)}`);
    else if (body !== null) fields.push(`body: JSON.stringify(${bodyValue(body)})`);
    if (body !== null && (method === 'GET' || method === 'HEAD')) ctx.use('bodyWithGet');
    const responseType = params.responseType ?? 'json';
    if (responseType !== 'json') fields.push(`responseType: ${tsString(responseType)}`);
    if (params.timeout !== undefined && params.timeout !== null) {
      ctx.use('fetchTimeout');
      fields.push(`timeout: ${tsNumber(params.timeout)}`);
    }
    if (names.length === 0) {
      const call = callLines('return await request(', [objectLines(fields, 1), ['signal']], ');', 1);
      return [...ctx.awaitArguments(used), ...call];
    }
    // The node's own function reads the variables and hides their values in errors (typescriptBefore).
    const head = `return await ${ctx.ownName('env')}([${names.map(tsString).join(', ')}], (env) =>`;
    const inner = callLines('request(', [objectLines(fields, 2), ['signal']], ')', 2);
    const call =
      inner.length === 1 && INDENT.length + head.length + inner[0]!.length + 3 <= 110
        ? [`${head} ${inner[0]!});`]
        : [head, ...inner.map((line, n) => `${INDENT}${line}${n === inner.length - 1 ? ',' : ''}`), ');'];
    return [...ctx.awaitArguments(used), ...call];
  },

  typescriptBefore(params, ctx) {
    const names = envNames(params);
    if (names.length === 0) return null;
    ctx.use('errorNamed');
    return [
      `/**`,
      ` * Reads the environment variables node ${ctx.nodeId} uses ({env.NAME}) from process.env, then calls send`,
      ` * with their values: KeyError for one that is not set. In the message of an error the request fails`,
      ` * with, each value shows as its placeholder, as in Flowloop's own run: the values stay out of what`,
      ` * is printed.`,
      ` */`,
      `async function ${ctx.ownName('env')}<Name extends string>(`,
      `  names: readonly Name[],`,
      `  send: (env: Record<Name, string>) => Promise<Json>,`,
      `): Promise<Json> {`,
      `  const env = Object.create(null) as Record<Name, string>;`,
      `  for (const name of names) {`,
      `    const value = Object.hasOwn(process.env, name) ? process.env[name] : undefined;`,
      `    if (value === undefined) throw errorNamed('KeyError', ${missingEnvTemplate()});`,
      `    env[name] = value;`,
      `  }`,
      `  try {`,
      `    return await send(env);`,
      `  } catch (error) {`,
      `    if (error instanceof Error) {`,
      `      for (const name of names) {`,
      `        for (const form of [encodeURIComponent(env[name]), env[name]]) {`,
      "          if (form !== '') error.message = error.message.split(form).join(`{env.${name}}`);",
      `        }`,
      `      }`,
      `    }`,
      `    throw error;`,
      `  }`,
      `}`,
    ].join('\n');
  },
};

/** The missing variable's message as a TypeScript template literal over \`name\` (missingEnvMessage). */
function missingEnvTemplate(): string {
  const marker = '\u0000';
  return `\`${missingEnvMessage(marker).split(marker).map(tsTemplateText).join('${name}')}\``;
}

/** `args[0]`, `args[0]["name"]`, `args[0]["items"][2]` for a placeholder. */
function argumentExpression(part: PlaceholderPart): string {
  return `args[${part.index}]${part.path.map((step) => (/^(0|[1-9][0-9]*)$/.test(step) ? `[${step}]` : `[${pyString(step)}]`)).join('')}`;
}
