/** The inspector: a form for the selected node's kind, its problems and its run (NodeRun). */
import {
  HTTP_METHODS,
  isValidNodeId,
  RESPONSE_TYPES,
  RETURN_WHEN,
  type GraphNode,
  type NodeKind,
  type ParamsByKind,
} from '../../../shared/graph';
import { KIND_DESCRIPTIONS } from '../store/kinds';
import { useEditor, editorStore } from '../store/use-editor';
import { CodeEditor } from './CodeEditor';
import { NodeRun } from './NodeRun';
import { CheckboxField, JsonField, SecondsField, SelectField, TextField } from './fields';

/** Why a fetch url cannot be used, with sample text in its placeholders; null when it can. */
export function urlProblem(url: string): string | null {
  if (url.trim() === '') return 'A URL is needed.';
  const sample = url.replace(/\{\{|\}\}/g, '').replace(/\{[^{}]*\}/g, 'x');
  let parsed: URL;
  try {
    parsed = new URL(sample);
  } catch {
    return 'Not a URL: write an absolute http:// or https:// address.';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    return 'The URL must start with http:// or https://.';
  if (parsed.host === '') return 'The URL needs a host.';
  return null;
}

function without<T extends object>(params: T, key: keyof T): T {
  const copy = { ...params };
  delete copy[key];
  return copy;
}

function ParamsForm({ node }: { node: GraphNode }) {
  const update = <K extends NodeKind>(params: ParamsByKind[K]) => {
    if (JSON.stringify(params) !== JSON.stringify(node.params))
      editorStore.getState().setParams(node.id, params);
  };
  switch (node.kind) {
    case 'value': {
      const p = node.params;
      return (
        <JsonField
          label="Value (JSON)"
          value={p.value}
          allowEmpty={false}
          onCommit={(value) => update({ ...p, value: value ?? null })}
        />
      );
    }
    case 'sleep': {
      const p = node.params;
      return (
        <>
          <SecondsField
            label="Seconds"
            value={p.seconds}
            allowEmpty={false}
            onCommit={(seconds) => update({ ...p, seconds: seconds ?? 0 })}
          />
          <JsonField
            label="Result (JSON; empty: its first argument, else null)"
            value={p.result}
            allowEmpty
            onCommit={(result) => update(result === undefined ? without(p, 'result') : { ...p, result })}
          />
        </>
      );
    }
    case 'fetch': {
      const p = node.params;
      return (
        <>
          <TextField
            key={p.url}
            label="URL ({0} places argument 0)"
            value={p.url}
            check={urlProblem}
            onCommit={(url) => update({ ...p, url })}
          />
          <SelectField
            label="Method"
            value={(p.method ?? 'GET') as (typeof HTTP_METHODS)[number]}
            options={HTTP_METHODS}
            onCommit={(method) => update({ ...p, method })}
          />
          <SelectField
            label="Response"
            value={p.responseType ?? 'json'}
            options={RESPONSE_TYPES}
            onCommit={(responseType) => update({ ...p, responseType })}
          />
          <SecondsField
            label="Timeout (seconds; empty: none)"
            value={p.timeout}
            allowEmpty
            onCommit={(timeout) => update(timeout === null ? without(p, 'timeout') : { ...p, timeout })}
          />
          <JsonField
            label="Headers (JSON object)"
            value={p.headers}
            allowEmpty
            onCommit={(headers) =>
              update(
                headers === undefined
                  ? without(p, 'headers')
                  : { ...p, headers: headers as Record<string, string> },
              )
            }
          />
          <JsonField
            label="Body (JSON)"
            value={p.body}
            allowEmpty
            onCommit={(body) => update(body === undefined ? without(p, 'body') : { ...p, body })}
          />
        </>
      );
    }
    case 'transform': {
      const p = node.params;
      const language = p.language ?? 'javascript';
      return (
        <>
          <SelectField
            label="Language"
            value={language}
            options={['javascript', 'jmespath'] as const}
            onCommit={(next) => update({ ...p, language: next })}
          />
          <div className="field">
            <span className="field-label" id={`code-${node.id}`}>
              Code{' '}
              {language === 'javascript'
                ? '(sees args and input = args[0])'
                : '(on args[0], or on args when several)'}
            </span>
            <CodeEditor
              key={`${node.id}:${language}:${p.code}`}
              value={p.code}
              language={language}
              label={`${language} code of ${node.id}`}
              onCommit={(code) => update({ ...p, code })}
            />
          </div>
        </>
      );
    }
    case 'fail': {
      const p = node.params;
      return (
        <>
          <TextField
            key={`e:${p.error ?? ''}`}
            label="Error type"
            value={p.error ?? 'RuntimeError'}
            check={(text) =>
              /^[A-Za-z_][A-Za-z0-9_]*$/.test(text) ? null : 'An exception name: letters, digits and _.'
            }
            onCommit={(error) => update({ ...p, error })}
          />
          <TextField
            key={`m:${p.message ?? ''}`}
            label="Message"
            value={p.message ?? ''}
            onCommit={(message) => update({ ...p, message })}
          />
          <SecondsField
            label="After (seconds)"
            value={p.after ?? 0}
            allowEmpty={false}
            onCommit={(after) => update({ ...p, after: after ?? 0 })}
          />
        </>
      );
    }
    case 'gather': {
      const p = node.params;
      return (
        <CheckboxField
          label="return_exceptions"
          value={p.returnExceptions ?? false}
          onCommit={(returnExceptions) => update({ ...p, returnExceptions })}
        />
      );
    }
    case 'wait': {
      const p = node.params;
      return (
        <>
          <SecondsField
            label="Timeout (seconds; empty: none)"
            value={p.timeout}
            allowEmpty
            onCommit={(timeout) => update({ ...p, timeout })}
          />
          <SelectField
            label="return_when"
            value={p.returnWhen ?? 'ALL_COMPLETED'}
            options={RETURN_WHEN}
            onCommit={(returnWhen) => update({ ...p, returnWhen })}
          />
        </>
      );
    }
    case 'wait_for': {
      const p = node.params;
      return (
        <SecondsField
          label="Timeout (seconds)"
          value={p.timeout}
          allowEmpty={false}
          onCommit={(timeout) => update({ ...p, timeout })}
        />
      );
    }
    default:
      return <p className="muted">{node.kind} takes no parameters.</p>;
  }
}

export function Inspector() {
  const selectedId = useEditor((s) => (s.selection.nodes.length === 1 ? s.selection.nodes[0] : undefined));
  const node = useEditor((s) => s.graph?.nodes.find((n) => n.id === selectedId));
  const problems = useEditor((s) => s.problems);
  const count = useEditor((s) => s.selection.nodes.length);
  if (!node) {
    return (
      <aside className="inspector" aria-label="Inspector">
        <p className="muted">{count > 1 ? `${count} nodes selected.` : 'Select a node to edit it.'}</p>
      </aside>
    );
  }
  const own = problems.filter((p) => p.node === node.id);
  return (
    <aside className="inspector" aria-label={`Inspector: ${node.id}`}>
      <h2>
        {node.id} <span className="muted">({node.kind})</span>
      </h2>
      <p className="muted">{KIND_DESCRIPTIONS[node.kind]}</p>
      <TextField
        key={`id:${node.id}`}
        label="Id (a name usable in Python and TypeScript)"
        value={node.id}
        check={(text) =>
          isValidNodeId(text) ? null : 'Letters, digits and _, not starting with a digit; no reserved word.'
        }
        onCommit={(next) => editorStore.getState().renameNode(node.id, next)}
      />
      <TextField
        key={`label:${node.id}:${node.label ?? ''}`}
        label="Label"
        value={node.label ?? ''}
        onCommit={(label) => editorStore.getState().setLabel(node.id, label)}
      />
      <ParamsForm key={node.id} node={node} />
      {own.length > 0 && (
        <section aria-label="Problems of this node" className="node-problems">
          <h3>Problems</h3>
          <ul>
            {own.map((p, i) => (
              <li key={i}>{p.message}</li>
            ))}
          </ul>
        </section>
      )}
      <NodeRun nodeId={node.id} />
    </aside>
  );
}
