/**
 * `fetch` in the exported programs: the url, headers and body with their placeholders filled from
 * the arguments, sent by the file's fetch (Python, aiohttp) or request (TypeScript) helper.
 */
import { parsePlaceholders, type PlaceholderPart, type TemplatePart } from '../../graph/placeholders';
import type { JsonValue } from '../../graph/types';
import { pyLiteral, pyNumber, pyString } from '../../codegen/python-literal';
import { callLines, objectLines } from '../../codegen/typescript-layout';
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
      usesArgs = true;
      return parsed.parts
        .map((part) => {
          if (part.kind === 'text') return pyString(part.text);
          ctx.use('asText');
          const value = `as_text(${argumentExpression(part)})`;
          if (!encode) return value;
          ctx.use('quote');
          return `quote(${value}, safe="!~*'()")`;
        })
        .join(' + ');
    };
    const bodyValue = (value: JsonValue): string => {
      if (typeof value === 'string') {
        const parsed = parsePlaceholders(value);
        if (parsed.ok && parsed.parts.length === 1 && parsed.parts[0]!.kind === 'placeholder') {
          usesArgs = true;
          return argumentExpression(parsed.parts[0] as PlaceholderPart);
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
    const request = `return await fetch(${call.join(', ')})`;
    return [...ctx.awaitArguments(usesArgs), request];
  },

  typescript(params, ctx) {
    ctx.use('fetch');
    const used = new Set<number>();
    const placeholder = (part: TemplatePart & { kind: 'placeholder' }): string => {
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
        if (only !== undefined && only.kind === 'placeholder') return placeholder(only);
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
    const call = callLines('return await request(', [objectLines(fields, 1), ['signal']], ');', 1);
    return [...ctx.awaitArguments(used), ...call];
  },
};

/** `args[0]`, `args[0]["name"]`, `args[0]["items"][2]` for a placeholder. */
function argumentExpression(part: PlaceholderPart): string {
  return `args[${part.index}]${part.path.map((step) => (/^(0|[1-9][0-9]*)$/.test(step) ? `[${step}]` : `[${pyString(step)}]`)).join('')}`;
}
