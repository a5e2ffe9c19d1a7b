/**
 * What a node kind is to the file, the editor and validation (docs/architecture.md, "Where to add
 * things"): its family, how many arguments it takes, its params schema and defaults, the params a new
 * node starts with, its palette text, its one-line canvas summary and its inspector fields (as data:
 * the page renders them). Each kind's folder holds its spec (spec.ts), its coroutine (run.ts, see
 * runner.ts) and its exporters (export.ts, see exporter.ts); specs.ts, runners.ts, exporters.ts and
 * registry.ts gather them, typed so that a kind or a piece missing does not compile. Nothing here
 * runs a node, so the page loads specs without the runtime.
 */
import type { z } from 'zod';

export type KindFamily = 'coroutine' | 'combinator';

/** How many arguments a node of the kind takes (docs/file-format.md, "Numbers of arguments"). */
export interface Ports {
  min: number;
  /** null: no limit. */
  max: number | null;
  /** The kind awaits its arguments but ignores their values: the canvas shows only the inputs a file wires. */
  valuesIgnored?: boolean;
  /** What each input is, for the canvas's handles ("subject", "then", …); unnamed inputs are numbered. */
  names?: readonly string[];
}

/** The params of a kind that takes none. */
export type NoParams = Record<string, never>;

/** A param's name. */
type ParamOf<P> = keyof P & string;

/**
 * One inspector field. `empty` says what an emptied field means: `omit` removes the param, `null` sets
 * it to null; without it the field refuses to be empty. `fallback` is shown when the param is absent.
 */
export type InspectorField<P> =
  | { type: 'json'; param: ParamOf<P>; label: string; empty?: 'omit' }
  | { type: 'seconds'; param: ParamOf<P>; label: string; empty?: 'omit' | 'null'; fallback?: number }
  | {
      type: 'text';
      param: ParamOf<P>;
      label: string;
      fallback?: string;
      /** A check the page knows by name: `url` (an http(s) URL with placeholders), `identifier`. */
      check?: 'url' | 'identifier';
    }
  | { type: 'select'; param: ParamOf<P>; label: string; options: readonly string[]; fallback: string }
  | { type: 'checkbox'; param: ParamOf<P>; label: string; fallback: boolean }
  | {
      type: 'code';
      param: ParamOf<P>;
      label: string;
      /** The param naming the code's language, its default, and a hint per language after the label. */
      languageParam: ParamOf<P>;
      fallback: string;
      hints: Readonly<Record<string, string>>;
    };

/**
 * Kind K, whose params are P (an interface declared beside the spec). The registry's kinds are the
 * keys of KIND_SPECS (specs.ts), so NodeKind and ParamsByKind come from there.
 */
export interface KindSpec<K extends string, P> {
  kind: K;
  family: KindFamily;
  ports: Ports;
  /** Strict (unknown params are errors) and fills no defaults; its `shape` lists the params in documentation order. */
  params: z.ZodType<P, unknown> & { shape: z.ZodRawShape };
  /** The defaults the runtime and the exporters apply to absent params. */
  defaults: Partial<P>;
  /** The params of a node added from the palette. */
  newParams: P;
  /** The palette's and the inspector's one-line description. */
  palette: string;
  /** The key params in one short line, for the canvas. */
  summary(params: P): string;
  inspector: readonly InspectorField<P>[];
  /**
   * Problems of params that depend on how many arguments the node has (fetch: a placeholder past the
   * last one), found before a run. `params` is as written: its fields may have any type (faults of
   * type are reported apart); `ref` names the node ("node page (fetch)").
   */
  /**
   * A cheap test that accepts only params the schema accepts (validate-fast.test.ts tries it on many
   * values), sparing the schema the common case at every run start. Without one, only {} is spared, and
   * only where the schema takes it.
   */
  surelyValidParams?(params: Readonly<Record<string, unknown>>): boolean;
  argumentProblems?(params: Readonly<Record<string, unknown>>, count: number, ref: () => string): string[];
}
