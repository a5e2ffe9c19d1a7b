/** Inspector fields: a draft while typing, committed on blur or Enter, with an inline message when the draft is not valid. */
import { useId, useState } from 'react';
import type { JsonValue } from '../../../shared/graph';

interface TextFieldProps {
  label: string;
  value: string;
  /** A message when the text cannot be committed, else null. */
  check?: (text: string) => string | null;
  onCommit(text: string): void;
  multiline?: boolean;
  placeholder?: string;
}

/** Keyed by its value by the caller's `key`, so an undo shows through. */
export function TextField({ label, value, check, onCommit, multiline, placeholder }: TextFieldProps) {
  const id = useId();
  const [draft, setDraft] = useState(value);
  const message = check ? check(draft) : null;
  const commit = () => {
    if (message === null && draft !== value) onCommit(draft);
  };
  const common = {
    id,
    value: draft,
    placeholder,
    'aria-invalid': message !== null,
    'aria-describedby': message !== null ? `${id}-message` : undefined,
    onBlur: commit,
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea
          {...common}
          rows={4}
          spellCheck={false}
          onChange={(event) => setDraft(event.target.value)}
        />
      ) : (
        <input
          {...common}
          type="text"
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') commit();
            if (event.key === 'Escape') setDraft(value);
          }}
        />
      )}
      {message !== null && (
        <p className="field-message" id={`${id}-message`} role="alert">
          {message}
        </p>
      )}
    </div>
  );
}

/** Seconds: `allowEmpty` makes an empty field mean none (null). */
export function SecondsField({
  label,
  value,
  allowEmpty,
  onCommit,
}: {
  label: string;
  value: number | null | undefined;
  allowEmpty: boolean;
  onCommit(value: number | null): void;
}) {
  const text = value === null || value === undefined ? '' : String(value);
  return (
    <TextField
      key={text}
      label={label}
      value={text}
      placeholder={allowEmpty ? 'none' : undefined}
      check={(draft) => secondsProblem(draft, allowEmpty)}
      onCommit={(draft) => onCommit(draft.trim() === '' ? null : Number(draft))}
    />
  );
}

export function secondsProblem(text: string, allowEmpty: boolean): string | null {
  if (text.trim() === '') return allowEmpty ? null : 'A timeout in seconds is needed.';
  const number = Number(text);
  if (!Number.isFinite(number)) return 'Seconds must be a number.';
  if (number < 0) return 'Seconds cannot be negative.';
  return null;
}

export function JsonField({
  label,
  value,
  allowEmpty,
  onCommit,
}: {
  label: string;
  value: JsonValue | undefined;
  allowEmpty: boolean;
  onCommit(value: JsonValue | undefined): void;
}) {
  const text = value === undefined ? '' : JSON.stringify(value, null, 2);
  return (
    <TextField
      key={text}
      label={label}
      value={text}
      multiline
      placeholder={allowEmpty ? 'absent' : 'JSON'}
      check={(draft) => {
        if (draft.trim() === '')
          return allowEmpty ? null : 'A JSON value is needed (null, a number, "text", [..], {..}).';
        try {
          JSON.parse(draft);
          return null;
        } catch (error) {
          return `Not JSON: ${error instanceof Error ? error.message : String(error)}`;
        }
      }}
      onCommit={(draft) => onCommit(draft.trim() === '' ? undefined : (JSON.parse(draft) as JsonValue))}
    />
  );
}

export function SelectField<T extends string>({
  label,
  value,
  options,
  onCommit,
}: {
  label: string;
  value: T;
  options: readonly T[];
  onCommit(value: T): void;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onCommit(event.target.value as T)}>
        {options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    </div>
  );
}

export function CheckboxField({
  label,
  value,
  onCommit,
}: {
  label: string;
  value: boolean;
  onCommit(value: boolean): void;
}) {
  const id = useId();
  return (
    <div className="field field-inline">
      <input id={id} type="checkbox" checked={value} onChange={(event) => onCommit(event.target.checked)} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}
