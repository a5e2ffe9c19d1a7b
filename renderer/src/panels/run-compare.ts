/**
 * Compares two runs of one file node by node: which nodes ended differently (state, end time,
 * result or error), and which exist in only one of the runs because the graph changed between them.
 */
import type { JsonValue } from '../../../shared/graph/types';
import type { ErrorInfo, NodeReport, NodeState } from '../../../shared/runtime/types';

export type NodeChange = 'state' | 'endedAt' | 'result' | 'error';

export interface NodeDifference {
  node: string;
  /** 'both', or the one run the node is in. */
  presence: 'both' | 'only-a' | 'only-b';
  a: NodeReport | null;
  b: NodeReport | null;
  /** What differs when the node is in both runs (empty for a node in only one). */
  changes: NodeChange[];
}

export interface CompareOptions {
  /** End times closer than this (loop seconds) count as equal: real clocks jitter by a few ms. */
  timeTolerance?: number;
}

/** Nodes that differ between run a and run b: b's nodes in their order, then those only in a. */
export function compareRuns(
  a: Readonly<Record<string, NodeReport>>,
  b: Readonly<Record<string, NodeReport>>,
  options: CompareOptions = {},
): NodeDifference[] {
  const tolerance = options.timeTolerance ?? 0;
  const differences: NodeDifference[] = [];
  for (const [node, inB] of Object.entries(b)) {
    const inA = Object.hasOwn(a, node) ? a[node] : undefined;
    if (inA === undefined) {
      differences.push({ node, presence: 'only-b', a: null, b: inB, changes: [] });
      continue;
    }
    const changes = nodeChanges(inA, inB, tolerance);
    if (changes.length > 0) differences.push({ node, presence: 'both', a: inA, b: inB, changes });
  }
  for (const [node, inA] of Object.entries(a)) {
    if (!Object.hasOwn(b, node)) differences.push({ node, presence: 'only-a', a: inA, b: null, changes: [] });
  }
  return differences;
}

function nodeChanges(a: NodeReport, b: NodeReport, tolerance: number): NodeChange[] {
  const changes: NodeChange[] = [];
  if (a.state !== b.state) changes.push('state');
  if (!sameTime(a.endedAt, b.endedAt, tolerance)) changes.push('endedAt');
  if (!sameJson(a.result, b.result)) changes.push('result');
  if (!sameError(a.error, b.error)) changes.push('error');
  return changes;
}

function sameTime(a: number | null, b: number | null, tolerance: number): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= tolerance;
}

function sameError(a: ErrorInfo | null, b: ErrorInfo | null): boolean {
  if (a === null || b === null) return a === b;
  return a.type === b.type && a.message === b.message;
}

/** Deep equality of JSON values; key order does not matter. */
export function sameJson(a: JsonValue | null, b: JsonValue | null): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((v, i) => sameJson(v, b[i] ?? null))
    );
  }
  const keysA = Object.keys(a);
  if (keysA.length !== Object.keys(b).length) return false;
  return keysA.every((k) => Object.hasOwn(b, k) && sameJson(a[k] ?? null, b[k] ?? null));
}

/** The final states of a run, as the canvas shows them (a replay of the run's end). */
export function finalStates(nodes: Readonly<Record<string, NodeReport>>): Record<string, NodeState> {
  return Object.fromEntries(Object.entries(nodes).map(([id, n]) => [id, n.state]));
}
