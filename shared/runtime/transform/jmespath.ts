/**
 * The `transform` node in JMESPath (docs/run-semantics.md): the expression is evaluated on `args[0]` when
 * there is exactly one argument, else on the `args` array. Evaluation is pure and quick (no
 * sandbox needed); compiled expressions are cached. Semantics follow Python's jmespath, the
 * library the Python export calls (see jmespath-python.ts).
 */
import { compile } from '@jmespath-community/jmespath';
import type { JsonValue } from '../../graph/types';
import { checkPythonSyntax, PythonJmespathInterpreter, type ExpressionNode } from './jmespath-python';
import { TransformError } from './transform-error';

const CACHE_SIZE = 256;
const cache = new Map<string, ExpressionNode>();
const interpreter = new PythonJmespathInterpreter();

export function evaluateJmespath(expression: string, args: JsonValue[]): JsonValue {
  const node = compiled(expression);
  const subject: JsonValue = args.length === 1 ? (args[0] as JsonValue) : args;
  if (node.type === 'ExpressionReference') {
    throw new TransformError(
      'JMESPath expression is an expression reference (&...), whose value is not JSON',
    );
  }
  try {
    return interpreter.search(node, subject) as JsonValue;
  } catch (error) {
    throw new TransformError(`JMESPath expression failed: ${messageOf(error)}`);
  }
}

function compiled(expression: string): ExpressionNode {
  const hit = cache.get(expression);
  if (hit !== undefined) {
    // Most recently used last, so the oldest is the first to go.
    cache.delete(expression);
    cache.set(expression, hit);
    return hit;
  }
  let node: ExpressionNode;
  try {
    // Legacy literals (`foo` for "foo") as Python's jmespath still accepts them.
    node = checkPythonSyntax(compile(expression, { enable_legacy_literals: true }));
  } catch (error) {
    throw new TransformError(`JMESPath expression has a syntax error: ${messageOf(error)}`);
  }
  cache.set(expression, node);
  if (cache.size > CACHE_SIZE) {
    const oldest = cache.keys().next();
    if (oldest.done !== true) cache.delete(oldest.value);
  }
  return node;
}

function messageOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // The library prefixes its own parse errors; one prefix is enough.
  return message.replace(/^Syntax error: /i, '');
}
