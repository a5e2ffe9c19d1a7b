/** The inspector's Retry section for a coroutine node: on or off, and its tries, waits and filter. */
import { isCombinatorKind, type GraphNode } from '../../../shared/graph';
import { editorStore } from '../store/use-editor';
import { CheckboxField, TextField } from './fields';
import { NEW_RETRY, retryProblem, retryText, withRetryText, type RetryField } from './retry-fields';

const FIELDS: readonly { field: RetryField; label: string; placeholder?: string }[] = [
  { field: 'attempts', label: 'Tries in all' },
  { field: 'delay', label: 'Wait after the first failed try (seconds)', placeholder: '0' },
  { field: 'backoff', label: 'Backoff (each wait times this)', placeholder: '1' },
  {
    field: 'errors',
    label: 'Only these error types (empty: any)',
    placeholder: 'ConnectionError, TimeoutError',
  },
  { field: 'statuses', label: 'Or HTTPErrors with these statuses', placeholder: '502, 503' },
];

export function RetryForm({ node }: { node: GraphNode }) {
  if (isCombinatorKind(node.kind)) return null;
  const { retry } = node;
  const set = (next: GraphNode['retry']) => editorStore.getState().setRetry(node.id, next);
  return (
    <section className="retry-form" aria-label={`Retry of ${node.id}`}>
      <CheckboxField
        label="Retry when it fails"
        value={retry !== undefined}
        onCommit={(on) => set(on ? NEW_RETRY : undefined)}
      />
      {retry !== undefined &&
        FIELDS.map(({ field, label, placeholder }) => {
          const text = retryText(retry, field);
          return (
            <TextField
              key={`${node.id}:${field}:${text}`}
              label={label}
              value={text}
              placeholder={placeholder}
              check={(draft) => retryProblem(field, draft)}
              onCommit={(draft) => set(withRetryText(retry, field, draft))}
            />
          );
        })}
    </section>
  );
}
