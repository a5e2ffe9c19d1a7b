/**
 * The `transform` kind. JavaScript runs synchronously in the sandbox, inside the node's task
 * step: a transform that computes holds the loop, exactly as CPU-bound code holds asyncio's.
 */
import type { JsonValue, TransformParams } from '../../graph/types';
import type { TransformSandbox } from '../services';
import { evaluateJmespath, TransformError } from '../transform';

export function transformNode(
  params: TransformParams,
  args: JsonValue[],
  sandbox: TransformSandbox | null,
): JsonValue {
  if ((params.language ?? 'javascript') === 'jmespath') return evaluateJmespath(params.code, args);
  if (sandbox === null) throw new TransformError('no JavaScript sandbox is available in this run');
  return sandbox.runJavaScript(params.code, args);
}
