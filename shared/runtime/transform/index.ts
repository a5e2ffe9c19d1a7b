/** The `transform` node's evaluators: JavaScript in a QuickJS sandbox, and JMESPath. */
export { TransformError } from './transform-error';
export {
  createQuickJsSandbox,
  DEFAULT_TRANSFORM_LIMITS,
  DEFAULT_TRANSFORM_MEMORY_BYTES,
  DEFAULT_TRANSFORM_TIME_MS,
  QuickJsSandbox,
} from './quickjs-sandbox';
export { evaluateJmespath } from './jmespath';
