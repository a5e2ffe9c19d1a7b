/** The Run dialog of a workflow with inputs: one JSON field per input, checked as it is typed. */
import { useId, useState } from 'react';
import type { WorkflowInput } from '../../../shared/graph/inputs';
import './run-inputs.css';
import { readInputTexts, runInputsStore, useRunInputs, type InputValues } from '../app/run-inputs';

export function RunInputsDialog() {
  const request = useRunInputs((s) => s.request);
  if (!request) return null;
  return (
    <RunInputsBody
      key={request.inputs.map((i) => i.name).join(',')}
      inputs={request.inputs}
      initial={request.initial}
    />
  );
}

function finish(values: InputValues | null): void {
  const request = runInputsStore.getState().request;
  runInputsStore.setState({ request: null });
  request?.resolve(values);
}

function RunInputsBody({
  inputs,
  initial,
}: {
  inputs: readonly WorkflowInput[];
  initial: Readonly<Record<string, string>>;
}) {
  const [texts, setTexts] = useState<Record<string, string>>({ ...initial });
  const [tried, setTried] = useState(false);
  const { values, problems } = readInputTexts(inputs, texts);
  const count = Object.keys(problems).length;
  return (
    <div className="modal-backdrop">
      <form
        className="modal run-inputs"
        role="dialog"
        aria-modal="true"
        aria-label="Run with inputs"
        onSubmit={(event) => {
          event.preventDefault();
          setTried(true);
          if (count === 0) finish(values);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape') finish(null);
        }}
      >
        <h2>Run with inputs</h2>
        <p className="muted">
          Each value is JSON: a string in quotes ("ada"), a number, true, null, a list or an object.
        </p>
        {inputs.map((input, index) => (
          <InputField
            key={input.name}
            input={input}
            text={texts[input.name] ?? ''}
            problem={
              tried || (texts[input.name] ?? '') !== (initial[input.name] ?? '')
                ? problems[input.name]
                : undefined
            }
            autoFocus={index === 0}
            onChange={(text) => setTexts((current) => ({ ...current, [input.name]: text }))}
          />
        ))}
        <div className="modal-buttons">
          <button type="button" onClick={() => finish(null)}>
            Cancel
          </button>
          <button type="submit" aria-disabled={count > 0}>
            Run
          </button>
        </div>
      </form>
    </div>
  );
}

function InputField({
  input,
  text,
  problem,
  autoFocus,
  onChange,
}: {
  input: WorkflowInput;
  text: string;
  problem: string | undefined;
  autoFocus: boolean;
  onChange(text: string): void;
}) {
  const id = useId();
  const fallback = input.default === undefined ? 'required' : `default ${JSON.stringify(input.default)}`;
  return (
    <div className="run-input">
      <label htmlFor={id}>
        <code>{input.name}</code> <span className="muted">{fallback}</span>
        {input.description !== undefined && input.description !== '' && (
          <span className="run-input-about">{input.description}</span>
        )}
      </label>
      <input
        id={id}
        type="text"
        spellCheck={false}
        autoFocus={autoFocus}
        value={text}
        placeholder={input.default === undefined ? 'a JSON value' : JSON.stringify(input.default)}
        aria-invalid={problem !== undefined}
        aria-describedby={problem !== undefined ? `${id}-problem` : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      {problem !== undefined && (
        <span id={`${id}-problem`} className="field-error" role="alert">
          {problem}
        </span>
      )}
    </div>
  );
}
