/** Every node kind's two exporters (exporter.ts), from its folder. Typed by NodeKind, so a kind without them does not compile. */
import type { NodeKind } from '../graph/types';
import type { KindExporter } from './exporter';
import { exporter as value } from './value/export';
import { exporter as sleep } from './sleep/export';
import { exporter as fetch } from './fetch/export';
import { exporter as transform } from './transform/export';
import { exporter as fail } from './fail/export';
import { exporter as sequence } from './sequence/export';
import { exporter as gather } from './gather/export';
import { exporter as wait } from './wait/export';
import { exporter as waitFor } from './wait-for/export';
import { exporter as race } from './race/export';
import { exporter as asCompleted } from './as-completed/export';
import { exporter as shield } from './shield/export';
import { exporter as choose } from './choose/export';
import { exporter as input } from './input/export';

export type KindExporters = { readonly [K in NodeKind]: KindExporter<K> };

export const KIND_EXPORTERS: KindExporters = {
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
