/**
 * Every node kind's spec (definition.ts), from its folder: what the file, validation and the editor
 * know of it. The kinds are this table's keys: NodeKind and ParamsByKind are read from it, so a kind
 * is added here and in its folder, and nowhere else in the graph's types.
 */
import type { KindFamily, KindSpec } from './definition';
import { spec as value } from './value/spec';
import { spec as sleep } from './sleep/spec';
import { spec as fetch } from './fetch/spec';
import { spec as transform } from './transform/spec';
import { spec as fail } from './fail/spec';
import { spec as sequence } from './sequence/spec';
import { spec as gather } from './gather/spec';
import { spec as wait } from './wait/spec';
import { spec as waitFor } from './wait-for/spec';
import { spec as race } from './race/spec';
import { spec as asCompleted } from './as-completed/spec';
import { spec as shield } from './shield/spec';
import { spec as choose } from './choose/spec';
import { spec as input } from './input/spec';

/** In palette order: the coroutine kinds, then the combinators (messages list them so too). */
const specs = {
  value: value,
  sleep: sleep,
  fetch: fetch,
  transform: transform,
  fail: fail,
  input: input,
  sequence: sequence,
  gather: gather,
  wait: wait,
  wait_for: waitFor,
  race: race,
  as_completed: asCompleted,
  shield: shield,
  choose: choose,
};

/** A node kind's name, as the file writes it. */
export type NodeKind = keyof typeof specs;

type ParamsOf<S> = S extends KindSpec<string, infer P> ? P : never;

/** Each kind's params (declared beside its spec). */
export type ParamsByKind = { [K in NodeKind]: ParamsOf<(typeof specs)[K]> };

export type KindSpecs = { readonly [K in NodeKind]: KindSpec<K, ParamsByKind[K]> };

/** Any kind's spec, for code that handles a node of any kind (its params as a union). */
export type AnyKindSpec = KindSpec<NodeKind, ParamsByKind[NodeKind]>;

/** Each entry's key is its kind: a spec filed under another kind's name does not compile. */
export const KIND_SPECS: KindSpecs = specs;

/** The kinds in palette order. */
export const NODE_KINDS = Object.keys(KIND_SPECS) as readonly NodeKind[];

const inFamily = (family: KindFamily): readonly NodeKind[] =>
  NODE_KINDS.filter((kind) => KIND_SPECS[kind].family === family);

/** The coroutine kinds and the combinators, each in palette order. */
export const COROUTINE_KINDS = inFamily('coroutine');
export const COMBINATOR_KINDS = inFamily('combinator');

export function isNodeKind(kind: string): kind is NodeKind {
  return Object.hasOwn(KIND_SPECS, kind);
}

export function isCombinatorKind(kind: NodeKind): boolean {
  return KIND_SPECS[kind].family === 'combinator';
}
