/**
 * A workflow's inputs (its `input` nodes, docs/run-semantics.md): what they are, and whether the
 * values a run is given fit them. Checked before a run starts, so that a run never stops for a
 * missing input half-way.
 */
import type { JsonValue } from './json-value';
import type { Graph } from './types';

export interface WorkflowInput {
  name: string;
  /** Absent: the run must be given a value. */
  default?: JsonValue;
  description?: string;
}

/** The workflow's inputs, in file order. */
export function workflowInputs(graph: Graph): WorkflowInput[] {
  const inputs: WorkflowInput[] = [];
  for (const node of graph.nodes) {
    if (node.kind !== 'input') continue;
    const input: WorkflowInput = { name: node.id };
    if (node.params.default !== undefined) input.default = node.params.default;
    if (node.params.description !== undefined) input.description = node.params.description;
    inputs.push(input);
  }
  return inputs;
}

/**
 * What is wrong with the values given for a run of `graph`, one sentence each: a name that is not
 * an input, an input without default that has no value. `how` says how a value is given
 * ("--input user=JSON"), for the message.
 */
export function inputProblems(
  graph: Graph,
  given: Readonly<Record<string, JsonValue>>,
  how: (name: string) => string = (name) => `a value for ${name}`,
): string[] {
  const inputs = workflowInputs(graph);
  const names = new Set(inputs.map((input) => input.name));
  const problems: string[] = [];
  for (const name of Object.keys(given)) {
    if (names.has(name)) continue;
    const known = inputs.length === 0 ? 'it has no inputs' : `its inputs are ${[...names].join(', ')}`;
    problems.push(`${JSON.stringify(name)} is not an input of this workflow: ${known}`);
  }
  for (const input of inputs) {
    if (input.default === undefined && !Object.hasOwn(given, input.name))
      problems.push(`input ${input.name} has no default and no value was given: give ${how(input.name)}`);
  }
  return problems;
}
