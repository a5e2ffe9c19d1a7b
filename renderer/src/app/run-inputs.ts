/**
 * The Run dialog's state: a workflow with inputs asks for their values before it runs (filled in
 * with the values last given for the document, else the defaults), and gives them to the run.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { JsonValue } from '../../../shared/graph/json-value';
import type { WorkflowInput } from '../../../shared/graph/inputs';

export type InputValues = Record<string, JsonValue>;

export interface RunInputsRequest {
  inputs: readonly WorkflowInput[];
  /** Each field's starting text: the last value given, else the default, as JSON; '' for a required input. */
  initial: Readonly<Record<string, string>>;
  resolve(values: InputValues | null): void;
}

export const runInputsStore = createStore<{ request: RunInputsRequest | null }>(() => ({ request: null }));

export function useRunInputs<T>(selector: (state: { request: RunInputsRequest | null }) => T): T {
  return useStore(runInputsStore, selector);
}

/** The starting text of each input's field. */
export function initialTexts(
  inputs: readonly WorkflowInput[],
  last: Readonly<InputValues> | null,
): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const input of inputs) {
    const value = last !== null && Object.hasOwn(last, input.name) ? last[input.name] : input.default;
    texts[input.name] = value === undefined ? '' : JSON.stringify(value);
  }
  return texts;
}

/**
 * Each field's text read as JSON: the values, or for each field that cannot be read, why. An empty
 * field takes the input's default, and is a problem for an input without one.
 */
export function readInputTexts(
  inputs: readonly WorkflowInput[],
  texts: Readonly<Record<string, string>>,
): { values: InputValues; problems: Record<string, string> } {
  const values: InputValues = {};
  const problems: Record<string, string> = {};
  for (const input of inputs) {
    const text = (texts[input.name] ?? '').trim();
    if (text === '') {
      if (input.default === undefined) problems[input.name] = 'required: write a JSON value';
      continue;
    }
    try {
      values[input.name] = JSON.parse(text) as JsonValue;
    } catch (error) {
      const hint = /^[A-Za-z]/.test(text) ? ` (a string is written in quotes: "${text}")` : '';
      problems[input.name] = `not JSON${hint}: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  return { values, problems };
}

/** Asks for the inputs' values; null when the person cancels. */
export function askInputs(
  inputs: readonly WorkflowInput[],
  last: Readonly<InputValues> | null,
): Promise<InputValues | null> {
  return new Promise((resolve) =>
    runInputsStore.setState({ request: { inputs, initial: initialTexts(inputs, last), resolve } }),
  );
}
