/** Turning zod issues into one-line messages that name the field and its node or edge. */
import type { z } from 'zod';
import { describeValue, showKey } from './problems';
import { didYouMean } from './suggest';

export type IssuePath = readonly PropertyKey[];

/** `headers["Content-Type"]`, `body.items[0]`, `seconds`. */
export function renderPath(path: IssuePath): string {
  let text = '';
  for (const step of path) {
    if (typeof step === 'number') text += `[${step}]`;
    else if (typeof step === 'string' && /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(step))
      text += text === '' ? step : `.${step}`;
    else text += `[${JSON.stringify(String(step))}]`;
  }
  return text;
}

function child(value: unknown, step: PropertyKey): { found: boolean; value: unknown } {
  if (value === null || typeof value !== 'object' || typeof step === 'symbol')
    return { found: false, value: undefined };
  const key = String(step);
  if (!Object.hasOwn(value, key)) return { found: false, value: undefined };
  return { found: true, value: (value as Record<string, unknown>)[key] };
}

function valueAt(root: unknown, path: IssuePath): { found: boolean; value: unknown } {
  let current: { found: boolean; value: unknown } = { found: true, value: root };
  for (const step of path) {
    if (!current.found) break;
    current = child(current.value, step);
  }
  return current;
}

export interface IssueContext {
  /** 'parameter' or 'field'. */
  noun: string;
  /** Where the thing sits: "on node nap (sleep)", "on edge #3 (a -> b, input 0)". */
  owner: string;
  /** The path of `root` itself in messages: [] for params, ['position'] for a node's position. */
  prefix: IssuePath;
  /** Names known at the root, for unknown-key messages. */
  known: readonly string[];
  /** Said instead of the known list when there are none: "race takes no parameters". */
  noneKnown?: string;
}

/** One message per issue (duplicates dropped). `root` is the value the schema checked. */
export function explainIssues(
  issues: readonly z.core.$ZodIssue[],
  root: unknown,
  context: IssueContext,
): string[] {
  const { noun, owner, prefix } = context;
  const messages = new Set<string>();
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    const location = renderPath(path);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        if (issue.path.length === 0 && prefix.length === 0) {
          const known =
            context.known.length > 0
              ? `known: ${context.known.join(', ')}`
              : (context.noneKnown ?? 'none are known');
          messages.add(`unknown ${noun} ${showKey(key)} ${owner}; ${known}${didYouMean(key, context.known)}`);
        } else {
          messages.add(`unknown key ${showKey(key)} in ${noun} '${location}' ${owner}`);
        }
      }
      continue;
    }
    if (issue.code === 'invalid_key') {
      const key = issue.path[issue.path.length - 1];
      const reason = issue.issues[0]?.message ?? 'is not allowed';
      messages.add(
        `${noun} '${renderPath(path.slice(0, -1))}' ${owner} has the key ${showKey(String(key))}, which ${reason}`,
      );
      continue;
    }
    const at = valueAt(root, issue.path);
    if (!at.found) {
      messages.add(`missing ${noun} '${location}' ${owner}: it ${issue.message}`);
    } else if (issue.code === 'custom' && issue.params?.saysAll === true) {
      messages.add(`${noun} '${location}' ${owner} ${issue.message}`);
    } else {
      messages.add(`${noun} '${location}' ${owner} ${issue.message}, got ${describeValue(at.value)}`);
    }
  }
  return [...messages];
}
