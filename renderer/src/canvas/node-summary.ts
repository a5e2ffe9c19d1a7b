/** The key params of a node, one short line, for the canvas. */
import type { GraphNode, JsonValue } from '../../../shared/graph';

export function preview(value: JsonValue | undefined, max = 32): string {
  const text = value === undefined ? '' : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function urlHost(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url.length > 28 ? `${url.slice(0, 27)}…` : url;
  }
}

const seconds = (value: number | null | undefined) =>
  value === null || value === undefined ? 'none' : `${value} s`;

export function nodeSummary(node: GraphNode): string {
  switch (node.kind) {
    case 'value':
      return preview(node.params.value);
    case 'sleep':
      return `sleep ${seconds(node.params.seconds)}`;
    case 'fetch':
      return `${node.params.method ?? 'GET'} ${urlHost(node.params.url)}`;
    case 'transform':
      return node.params.language === 'jmespath' ? 'JMESPath' : 'JavaScript';
    case 'fail':
      return `${node.params.error ?? 'RuntimeError'}${node.params.message ? `: ${node.params.message}` : ''}${node.params.after ? ` after ${node.params.after} s` : ''}`;
    case 'gather':
      return node.params.returnExceptions ? 'return_exceptions' : '';
    case 'wait':
      return `timeout ${seconds(node.params.timeout)} · ${node.params.returnWhen ?? 'ALL_COMPLETED'}`;
    case 'wait_for':
      return `timeout ${seconds(node.params.timeout)}`;
    default:
      return '';
  }
}
