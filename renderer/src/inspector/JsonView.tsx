/**
 * A JSON value as a tree that folds: objects and arrays unfold with a button (aria-expanded), long
 * strings show their start and a button for the rest, large containers show their children a page at a
 * time. Copy puts the whole value on the clipboard as indented JSON.
 */
import { useState } from 'react';
import type { JsonValue } from '../../../shared/graph';
import {
  CHILD_PAGE,
  childrenOf,
  countLabel,
  isContainer,
  kindLabel,
  prettyJson,
  scalarText,
  sizeOf,
  startsOpen,
  summary,
  truncated,
  type JsonContainer,
} from './json-shape';
import './json-view.css';

function Key({ name }: { name: string | null }) {
  return name === null ? null : <span className="json-key">{name}: </span>;
}

function StringValue({ text }: { text: string }) {
  const [whole, setWhole] = useState(false);
  const { shown, hidden } = truncated(text);
  if (hidden === 0 || whole) {
    return (
      <>
        <span className="json-string">{scalarText(text)}</span>
        {hidden > 0 && (
          <button
            type="button"
            className="json-more"
            data-testid="json-string-less"
            onClick={() => setWhole(false)}
          >
            show less
          </button>
        )}
      </>
    );
  }
  return (
    <>
      <span className="json-string">{scalarText(shown).slice(0, -1)}…</span>
      <button
        type="button"
        className="json-more"
        data-testid="json-string-more"
        onClick={() => setWhole(true)}
      >
        +{hidden.toLocaleString('en-US')} characters
      </button>
    </>
  );
}

function Scalar({ value }: { value: Exclude<JsonValue, JsonContainer> }) {
  if (typeof value === 'string') return <StringValue text={value} />;
  const kind = value === null ? 'null' : typeof value;
  return <span className={`json-${kind}`}>{scalarText(value)}</span>;
}

function ContainerNode({
  name,
  value,
  path,
  depth,
}: {
  name: string | null;
  value: JsonContainer;
  path: string;
  depth: number;
}) {
  const [open, setOpen] = useState(() => startsOpen(value, depth));
  const [limit, setLimit] = useState(CHILD_PAGE);
  const size = sizeOf(value);
  const array = Array.isArray(value);
  if (size === 0) {
    return (
      <div className="json-line">
        <span className="json-toggle-space" aria-hidden="true" />
        <Key name={name} />
        <span className="json-summary">{summary(value)}</span>
      </div>
    );
  }
  const children = open ? childrenOf(value) : [];
  return (
    <div className="json-container" data-json-path={path}>
      <button
        type="button"
        className="json-toggle json-line"
        aria-expanded={open}
        data-testid="json-toggle"
        data-json-path={path}
        onClick={() => setOpen(!open)}
      >
        <span className="json-caret" aria-hidden="true">
          {open ? '▾' : '▸'}
        </span>
        <Key name={name} />
        {open ? (
          <>
            <span className="json-bracket">{array ? '[' : '{'}</span>
            <span className="json-count">{countLabel(value)}</span>
          </>
        ) : (
          <span className="json-summary">{summary(value)}</span>
        )}
      </button>
      {open && (
        <ul className="json-children">
          {children.slice(0, limit).map(([key, child]) => (
            <li key={key}>
              <JsonNode
                name={array ? key : JSON.stringify(key)}
                value={child}
                path={`${path}.${key}`}
                depth={depth + 1}
              />
            </li>
          ))}
          {size > limit && (
            <li>
              <button type="button" className="json-more" onClick={() => setLimit(limit + CHILD_PAGE)}>
                show {Math.min(CHILD_PAGE, size - limit)} more of {(size - limit).toLocaleString('en-US')}
              </button>
            </li>
          )}
        </ul>
      )}
      {open && <div className="json-line json-close">{array ? ']' : '}'}</div>}
    </div>
  );
}

function JsonNode({
  name,
  value,
  path,
  depth,
}: {
  name: string | null;
  value: JsonValue;
  path: string;
  depth: number;
}) {
  if (isContainer(value)) return <ContainerNode name={name} value={value} path={path} depth={depth} />;
  return (
    <div className="json-line">
      <span className="json-toggle-space" aria-hidden="true" />
      <Key name={name} />
      <Scalar value={value} />
    </div>
  );
}

type CopyState = 'idle' | 'copied' | 'failed';

/** `label` names the value for the Copy button and the region (e.g. "Result of fetch_a"). */
export function JsonView({ value, label }: { value: JsonValue; label: string }) {
  const [copy, setCopy] = useState<CopyState>('idle');
  const onCopy = async () => {
    try {
      await navigator.clipboard.writeText(prettyJson(value));
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
    setTimeout(() => setCopy('idle'), 1500);
  };
  return (
    <div className="json-view" role="group" aria-label={label} data-testid="json-view">
      <div className="json-view-bar">
        <span className="json-view-type muted">{kindLabel(value)}</span>
        <span className="json-view-status muted" role="status">
          {copy === 'copied' ? 'Copied' : copy === 'failed' ? 'Could not copy' : ''}
        </span>
        <button
          type="button"
          className="json-copy"
          data-testid="json-copy"
          aria-label={`Copy ${label} as JSON`}
          onClick={() => void onCopy()}
        >
          Copy
        </button>
      </div>
      <div className="json-view-body">
        <JsonNode name={null} value={value} path="$" depth={0} />
      </div>
    </div>
  );
}
