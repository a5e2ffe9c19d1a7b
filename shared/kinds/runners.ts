/** Every node kind's coroutine (runner.ts), from its folder. Typed by NodeKind, so a kind without one does not compile. */
import type { NodeKind } from '../graph/types';
import type { KindRunner } from './runner';
import { runner as value } from './value/run';
import { runner as sleep } from './sleep/run';
import { runner as fetch } from './fetch/run';
import { runner as transform } from './transform/run';
import { runner as fail } from './fail/run';
import { runner as sequence } from './sequence/run';
import { runner as gather } from './gather/run';
import { runner as wait } from './wait/run';
import { runner as waitFor } from './wait-for/run';
import { runner as race } from './race/run';
import { runner as asCompleted } from './as-completed/run';
import { runner as shield } from './shield/run';
import { runner as choose } from './choose/run';
import { runner as input } from './input/run';

export type KindRunners = { readonly [K in NodeKind]: KindRunner<K> };

export const KIND_RUNNERS: KindRunners = {
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
  choose: choose,
  input: input,
};
