/**
 * The workflow file (docs/file-format.md) as TypeScript types; validate.ts checks a document against
 * them. The kinds and their params come from the kind registry (shared/kinds/).
 */
import type { NodeKind, ParamsByKind } from '../kinds/specs';
import type { JsonValue } from './json-value';
import type { Problem } from './problems';

export type { JsonValue } from './json-value';
export type { NodeKind, ParamsByKind } from '../kinds/specs';

/** The format this Flowloop writes; older ones are read through migrate.ts. */
export const GRAPH_FORMAT = 'flowloop.graph/2';

export interface Position {
  x: number;
  y: number;
}

/**
 * How a coroutine node retries its work when it fails (docs/run-semantics.md, "Retries"): up to
 * `attempts` tries in all, waiting `delay * backoff ** (n - 1)` seconds after the n-th failed one.
 * With `errors` or `statuses`, only failures of those types (or HTTPErrors with those statuses) are
 * retried; without either, every failure is. A cancellation never is.
 */
export interface Retry {
  attempts: number;
  /** Seconds; default 0. */
  delay?: number;
  /** Default 1 (the same delay each time). */
  backoff?: number;
  /** Error types (`ConnectionError`, `TimeoutError`, `HTTPError`, …) that are retried. */
  errors?: string[];
  /** HTTP statuses whose HTTPError is retried. */
  statuses?: number[];
}

interface NodeOf<K extends NodeKind> {
  id: string;
  kind: K;
  params: ParamsByKind[K];
  label?: string;
  position?: Position;
  /** Coroutine kinds only. */
  retry?: Retry;
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

/** The colours a note or a group may be given (the editor's palette); absent means the default look. */
export const ANNOTATION_COLORS = ['yellow', 'green', 'blue', 'purple', 'red', 'gray'] as const;
export type AnnotationColor = (typeof ANNOTATION_COLORS)[number];

export interface NoteSize {
  width: number;
  height: number;
}

/** A sticky note on the canvas: markdown text, editor-only (runs and exports ignore it). */
export interface Note {
  /** Unique among the notes. */
  id: string;
  /** Markdown. */
  text: string;
  position: Position;
  /** Absent: the editor's default size. */
  size?: NoteSize;
  color?: AnnotationColor;
  [extension: `x-${string}`]: JsonValue | undefined;
}

/**
 * A titled frame around some nodes, editor-only (runs and exports ignore it). Its geometry is not
 * stored: the editor draws it around its nodes, so it never goes stale.
 */
export interface Group {
  /** Unique among the groups. */
  id: string;
  title: string;
  /** Node ids, at least one; a node is in one group at most. */
  nodes: string[];
  color?: AnnotationColor;
  [extension: `x-${string}`]: JsonValue | undefined;
}

export interface Graph {
  format: typeof GRAPH_FORMAT;
  name?: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
  view?: Viewport;
  /** Sticky notes (editor-only). */
  notes?: Note[];
  /** Titled frames around nodes (editor-only). */
  groups?: Group[];
  [extension: `x-${string}`]: JsonValue | undefined;
}

/** What parseGraph and validateGraph answer: the graph, or every problem found. */
export type ParseResult = { ok: true; graph: Graph; problems: [] } | { ok: false; problems: Problem[] };
