/**
 * Every node kind's spec (definition.ts), from its folder: what the file, validation and the editor
 * know of it. Typed by NodeKind, so a kind without an entry does not compile.
 */
import type { NodeKind } from '../graph/types';
import type { KindSpec } from './definition';
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

export type KindSpecs = { readonly [K in NodeKind]: KindSpec<K> };

/** In palette order: the coroutine kinds, then the combinators. */
export const KIND_SPECS: KindSpecs = {
  value: value,
  sleep: sleep,
  fetch: fetch,
  transform: transform,
  fail: fail,
  sequence: sequence,
  gather: gather,
  wait: wait,
  wait_for: waitFor,
  race: race,
  as_completed: asCompleted,
  shield: shield,
};
