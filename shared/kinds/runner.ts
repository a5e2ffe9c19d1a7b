/** A node kind's coroutine (each kind's run.ts): how it awaits its arguments and does its work (docs/run-semantics.md). */
import type { Coro, EventLoop, Future } from '../loop';
import type { JsonValue, NodeKind, ParamsByKind } from '../graph/types';
import type { RetryNotice } from '../runtime/retry';
import type { HttpClient, TransformSandbox } from '../runtime/services';

/** Starts (once) the task of a node and gives its future: how a node awaits its arguments. */
export type Demand = (nodeId: string) => Future<JsonValue>;

/** What node kinds may use from the run. */
export interface NodeServices {
  loop: EventLoop;
  http: HttpClient | null;
  sandbox: TransformSandbox | null;
  maxResponseBytes: number;
  /** The values the run was given for the workflow's inputs, by name (absent: none). */
  inputs?: Readonly<Record<string, JsonValue>>;
  /** Reads an environment variable for a fetch's `{env.NAME}` placeholders; undefined when it is not set (absent: none is). */
  env?: (name: string) => string | undefined;
  /** A node's try failed and it will try again after `notice.delay` seconds (its `retry`). */
  onRetry?(nodeId: string, notice: RetryNotice): void;
}

/** What a node's coroutine is given besides its params. */
export interface RunContext {
  nodeId: string;
  /** The argument nodes, in input order. */
  argIds: readonly string[];
  demand: Demand;
  services: NodeServices;
}

export interface KindRunner<K extends NodeKind> {
  /** The node's coroutine: awaits its arguments as the kind says, then does its work. */
  run(params: ParamsByKind[K], ctx: RunContext): Coro<JsonValue>;
  /** The node runs JavaScript (so the run needs the sandbox). */
  usesSandbox?(params: ParamsByKind[K]): boolean;
}

/** A coroutine node awaits its arguments one at a time, in order: synchronous code is ordered. */
export function* awaitArguments(ctx: RunContext): Coro<JsonValue[]> {
  const args: JsonValue[] = [];
  if (ctx.argIds.length === 0) return args;
  for (const id of ctx.argIds) args.push(yield* ctx.demand(id));
  return args;
}

/** A combinator other than sequence demands all its arguments at once, in order. */
export function demandAll(ctx: RunContext): Future<JsonValue>[] {
  return ctx.argIds.map(ctx.demand);
}
