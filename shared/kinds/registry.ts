/**
 * A node kind whole: its spec (definition.ts), its coroutine (runner.ts) and its two exporters
 * (exporter.ts), each kind from its folder. Typed by NodeKind: a kind without an entry, or an entry without a piece, does not compile;
 * registry.test.ts checks the rest (the docs and the CPython scenarios name every kind).
 */
import type { NodeKind, ParamsByKind } from '../graph/types';
import type { KindSpec } from './definition';
import type { KindExporter } from './exporter';
import { KIND_EXPORTERS } from './exporters';
import type { KindRunner } from './runner';
import { KIND_RUNNERS } from './runners';
import { KIND_SPECS } from './specs';

export type KindDefinition<K extends NodeKind> = KindSpec<K, ParamsByKind[K]> &
  KindRunner<K> &
  KindExporter<K>;
export type KindRegistry = { readonly [K in NodeKind]: KindDefinition<K> };

function definitionOf<K extends NodeKind>(kind: K): KindDefinition<K> {
  return { ...KIND_SPECS[kind], ...KIND_RUNNERS[kind], ...KIND_EXPORTERS[kind] } as KindDefinition<K>;
}

export const KINDS = Object.fromEntries(
  (Object.keys(KIND_SPECS) as NodeKind[]).map((kind) => [kind, definitionOf(kind)]),
) as unknown as KindRegistry;
