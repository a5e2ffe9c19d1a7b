/**
 * A node kind's two exporters (each kind's python.ts and typescript.ts): the body of the node's
 * function in the exported Python and TypeScript programs (shared/codegen/). Each is given a small
 * context by the writer: the node's arguments, the names of the node functions, the ways of awaiting
 * arguments the file uses, and a way to ask for the file's helpers it needs.
 */
import type { JsonValue } from '../graph/json-value';
import type { NodeKind, ParamsByKind } from '../graph/types';
import type { PythonHelper } from '../codegen/python-runtime';
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
  /** The file holds this shared part (shared/codegen/python-runtime.ts). */
  use(part: PythonHelper): void;
  /** The node raises this exception class by name: the file defines it unless Python or a part does. */
  raises(error: string): void;
  /** The file reads this input of the workflow from its command line (`--NAME JSON`) into INPUTS. */
  input(name: string, input: WorkflowInputParams): void;
}

/** An input as the exporters declare it: its default (absent: required) and what it is. */
export interface WorkflowInputParams {
  default?: JsonValue;
  description?: string;
}

export type { PythonHelper };

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
  /** The return_when modes the file's wait serves, as the nodes' plans said (typescriptPlan). */
  waitModes: ReadonlySet<ReturnWhen>;
  /** A top-level name of this node's own, `<its function's name>_<suffix>`, unique in the file. */
  ownName(suffix: string): string;
  /** The file reads this input of the workflow from its command line (`--NAME JSON`) into INPUTS. */
  input(name: string, input: WorkflowInputParams): void;
}

/** What a node tells the TypeScript writer before any function is written (typescriptPlan). */
export interface TypeScriptPlan {
  /** The file's wait serves this return_when mode. */
  waitMode(mode: ReturnWhen): void;
  /** Some wait of the file has a timeout. */
  waitTimeout(): void;
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
  | 'javascript'
  | 'truthy'
  | 'retrying'
  | 'readInputs';

export interface KindExporter<K extends NodeKind> {
  /** The lines of the node's `async def` body. */
  python(params: ParamsByKind[K], ctx: PythonContext): string[];
  /**
   * The nodes of this kind the Python export cannot hold (`refuses`), and why, named together:
   * "cannot export to Python: " + message(their ids).
   */
  pythonRefusal?: {
    refuses(params: ParamsByKind[K]): boolean;
    message(ids: readonly string[]): string;
  };
  /** The lines of the node's `async function` body. */
  typescript(params: ParamsByKind[K], ctx: TypeScriptContext): string[];
  /** Called for every node, in file order, before any function is written. */
  typescriptPlan?(params: ParamsByKind[K], plan: TypeScriptPlan): void;
  /** A top-level definition the TypeScript file puts before the node's function, if any. */
  typescriptBefore?(params: ParamsByKind[K], ctx: TypeScriptContext): string | null;
}
