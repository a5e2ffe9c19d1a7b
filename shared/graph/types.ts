/** The workflow file (docs/file-format.md) as TypeScript types. The schema in schema.ts checks a document against them. */

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export const GRAPH_FORMAT = 'flowloop.graph/1';

export const COROUTINE_KINDS = ['value', 'sleep', 'fetch', 'transform', 'fail'] as const;
export const COMBINATOR_KINDS = [
  'sequence',
  'gather',
  'wait',
  'wait_for',
  'race',
  'as_completed',
  'shield',
] as const;
export type CoroutineKind = (typeof COROUTINE_KINDS)[number];
export type CombinatorKind = (typeof COMBINATOR_KINDS)[number];
export type NodeKind = CoroutineKind | CombinatorKind;

export interface ValueParams {
  value: JsonValue;
}
export interface SleepParams {
  seconds: number;
  /** Absent means: return args[0] if any, else null. */
  result?: JsonValue;
}
export type ResponseType = 'json' | 'text' | 'status';
export interface FetchParams {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: JsonValue;
  responseType?: ResponseType;
  /** Seconds; null means no limit. */
  timeout?: number | null;
}
export type TransformLanguage = 'javascript' | 'jmespath';
export interface TransformParams {
  language?: TransformLanguage;
  code: string;
}
export interface FailParams {
  error?: string;
  message?: string;
  after?: number;
}
export type EmptyParams = Record<string, never>;
export interface GatherParams {
  returnExceptions?: boolean;
}
export type ReturnWhen = 'ALL_COMPLETED' | 'FIRST_COMPLETED' | 'FIRST_EXCEPTION';
export interface WaitParams {
  timeout?: number | null;
  returnWhen?: ReturnWhen;
}
export interface WaitForParams {
  timeout: number | null;
}

export interface ParamsByKind {
  value: ValueParams;
  sleep: SleepParams;
  fetch: FetchParams;
  transform: TransformParams;
  fail: FailParams;
  sequence: EmptyParams;
  gather: GatherParams;
  wait: WaitParams;
  wait_for: WaitForParams;
  race: EmptyParams;
  as_completed: EmptyParams;
  shield: EmptyParams;
}

export interface Position {
  x: number;
  y: number;
}

interface NodeOf<K extends NodeKind> {
  id: string;
  kind: K;
  params: ParamsByKind[K];
  label?: string;
  position?: Position;
  /** `x-` keys are kept on save and ignored by runs. */
  [extension: `x-${string}`]: JsonValue | undefined;
}

/** A node of any kind; narrow on `kind` to get its params. */
export type GraphNode = { [K in NodeKind]: NodeOf<K> }[NodeKind];

export interface GraphEdge {
  source: string;
  target: string;
  input: number;
  [extension: `x-${string}`]: JsonValue | undefined;
}

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

export interface Graph {
  format: typeof GRAPH_FORMAT;
  name?: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
  view?: Viewport;
  [extension: `x-${string}`]: JsonValue | undefined;
}

export function isCombinatorKind(kind: NodeKind): kind is CombinatorKind {
  return (COMBINATOR_KINDS as readonly string[]).includes(kind);
}
