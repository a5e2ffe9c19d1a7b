/** What the editor knows about each kind: palette group, a short description, the params a new node starts with. */
import {
  COMBINATOR_KINDS,
  COROUTINE_KINDS,
  type GraphNode,
  type NodeKind,
  type ParamsByKind,
} from '../../../shared/graph';

export const KIND_GROUPS: readonly { title: string; kinds: readonly NodeKind[] }[] = [
  { title: 'Coroutines', kinds: COROUTINE_KINDS },
  { title: 'Combinators', kinds: COMBINATOR_KINDS },
];

export const KIND_DESCRIPTIONS: Record<NodeKind, string> = {
  value: 'returns a constant JSON value',
  sleep: 'asyncio.sleep(seconds)',
  fetch: 'one HTTP request',
  transform: 'JavaScript or JMESPath over the arguments',
  fail: 'raises an exception',
  sequence: 'awaits each argument in turn',
  gather: 'asyncio.gather(*args)',
  wait: 'asyncio.wait(args)',
  wait_for: 'asyncio.wait_for(arg, timeout)',
  race: 'first done wins, the rest are cancelled',
  as_completed: 'results in completion order',
  shield: 'asyncio.shield(arg)',
};

const NEW_PARAMS: { [K in NodeKind]: ParamsByKind[K] } = {
  value: { value: null },
  sleep: { seconds: 1 },
  fetch: { url: 'https://example.com/', responseType: 'status' },
  transform: { language: 'javascript', code: 'input' },
  fail: { error: 'RuntimeError', message: '' },
  sequence: {},
  gather: {},
  wait: {},
  wait_for: { timeout: 1 },
  race: {},
  as_completed: {},
  shield: {},
};

export function newNode(kind: NodeKind, id: string, position: { x: number; y: number }): GraphNode {
  const params = structuredClone(NEW_PARAMS[kind]);
  return { id, kind, params, position } as GraphNode;
}
