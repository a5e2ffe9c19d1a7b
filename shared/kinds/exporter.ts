/**
 * A node kind's two exporters (each kind's python.ts and typescript.ts): the body of the node's
 * function in the exported Python and TypeScript programs (shared/codegen/). Each is given a small
 * context by the writer: the node's arguments, the names of the node functions, the ways of awaiting
 * arguments the file uses, and a way to ask for the file's helpers it needs.
 */
import type { NodeKind, ParamsByKind } from '../graph/types';
import type { ReturnWhen } from './wait/spec';

/** What a node function of the Python export may use. */
export interface PythonContext {
  nodeId: string;
  /** The argument nodes, in input order. */
  argIds: readonly string[];
  /** The Python function name of a node. */
  name(id: string): string;
  /** `args = [await demand(a), …]` when the values are used, else the awaits alone: one at a time, in order. */
  awaitArguments(valuesUsed: boolean): string[];
  /** `demand(a), demand(b)`: every argument's task, in order. */
  demands(): string;
  /** The file defines this helper. */
  use(helper: PythonHelper): void;
}

export type PythonHelper = 'asText' | 'quote' | 'errorInfo';

/** What a node function of the TypeScript export may use. */
export interface TypeScriptContext {
  nodeId: string;
  argIds: readonly string[];
  /** The TypeScript function name of a node. */
  name(id: string): string;
  /** Awaits the arguments one at a time, in order: `const argN = …` for those whose values are used. */
  awaitArguments(used: ReadonlySet<number>): string[];
  /** `<head>helper([demand(a), …], signal, …);`, wrapped when too long. */
  combinatorCall(head: string, helper: string, options?: string[]): string[];
  /** The file holds this part of the runtime (typescript-runtime.ts). */
  use(part: TypeScriptUse): void;
  /** The return_when modes the file's wait serves (a race uses FIRST_COMPLETED). */
  waitModes: ReadonlySet<ReturnWhen>;
  /** The name of a JavaScript transform's code function. */
  transformName(id: string): string;
}

/** The parts of the exported TypeScript runtime a node function may need. */
export type TypeScriptUse =
  | 'need'
  | 'sleep'
  | 'errorNamed'
  | 'gather'
  | 'gatherOutcomes'
  | 'wait'
  | 'waitFor'
  | 'race'
  | 'asCompleted'
  | 'shield'
  | 'fetch'
  | 'fetchTimeout'
  | 'bodyWithGet'
  | 'asText'
  | 'lookup'
  | 'jmespath'
  | 'javascript';

export interface KindExporter<K extends NodeKind> {
  /** The lines of the node's `async def` body. */
  python(params: ParamsByKind[K], ctx: PythonContext): string[];
  /** The lines of the node's `async function` body. */
  typescript(params: ParamsByKind[K], ctx: TypeScriptContext): string[];
  /** A top-level definition the TypeScript file puts before the node's function, if any. */
  typescriptBefore?(params: ParamsByKind[K], ctx: TypeScriptContext): string | null;
}
