/** The inspector: a form for the selected node's kind, its problems and its run (NodeRun). */
import { isValidNodeId, type GraphNode, type JsonValue, type ParamsByKind } from '../../../shared/graph';
import type { InspectorField } from '../../../shared/kinds/definition';
import { KIND_SPECS, type AnyKindSpec } from '../../../shared/kinds/specs';
import type { TransformLanguage } from '../../../shared/kinds/transform/spec';
import { KIND_DESCRIPTIONS } from '../store/kinds';
import { useEditor, editorStore } from '../store/use-editor';
import { CodeEditor } from './CodeEditor';
import { NodeRun } from './NodeRun';
import { RetryForm } from './RetryForm';
import { nodeEnvNames, openSecrets } from '../secrets/secrets';
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

function without(params: Params, key: string): Params {
  const copy = { ...params };
  delete copy[key];
  return copy;
}

type Params = Record<string, unknown>;

/** One inspector field of a kind's spec (shared/kinds/), bound to the node's params. */
function ParamField({
  node,
  field,
  update,
}: {
  node: GraphNode;
  field: InspectorField<ParamsByKind[GraphNode['kind']]>;
  update(params: Params): void;
}) {
  const p = node.params as Params;
  const param: string = field.param;
  const set = (value: unknown) => update({ ...p, [param]: value });
  switch (field.type) {
    case 'json':
      return (
        <JsonField
          label={field.label}
          value={p[param] as JsonValue | undefined}
          allowEmpty={field.empty === 'omit'}
          onCommit={(value) =>
            field.empty === 'omit'
              ? update(value === undefined ? without(p, param) : { ...p, [param]: value })
              : set(value ?? null)
          }
        />
      );
    case 'seconds':
      return (
        <SecondsField
          label={field.label}
          value={(p[param] as number | null | undefined) ?? field.fallback}
          allowEmpty={field.empty !== undefined}
          onCommit={(value) =>
            value === null && field.empty === 'omit'
              ? update(without(p, param))
              : set(value ?? (field.empty === 'null' ? null : (field.fallback ?? 0)))
          }
        />
      );
    case 'text': {
      const value = (p[param] as string | undefined) ?? field.fallback ?? '';
      return (
        <TextField
          key={`${param}:${(p[param] as string | undefined) ?? ''}`}
          label={field.label}
          value={value}
          check={field.check === undefined ? undefined : TEXT_CHECKS[field.check]}
          onCommit={set}
        />
      );
    }
    case 'select':
      return (
        <SelectField
          label={field.label}
          value={(p[param] as string | undefined) ?? field.fallback}
          options={field.options}
          onCommit={set}
        />
      );
    case 'checkbox':
      return (
        <CheckboxField
          label={field.label}
          value={(p[param] as boolean | undefined) ?? field.fallback}
          onCommit={set}
        />
      );
    case 'code': {
      const language = (p[field.languageParam] as string | undefined) ?? field.fallback;
      const code = p[param] as string;
      return (
        <div className="field">
          <span className="field-label" id={`${param}-${node.id}`}>
            {field.label} {field.hints[language] ?? ''}
          </span>
          <CodeEditor
            key={`${node.id}:${language}:${code}`}
            value={code}
            language={language as TransformLanguage}
            label={`${language} ${param} of ${node.id}`}
            onCommit={set}
          />
        </div>
      );
    }
  }
}

/** The page's checks of text fields, by the name a kind's spec gives. */
const TEXT_CHECKS: Record<'url' | 'identifier', (text: string) => string | null> = {
  url: urlProblem,
  identifier: (text) =>
    /^[A-Za-z_][A-Za-z0-9_]*$/.test(text) ? null : 'An exception name: letters, digits and _.',
};

function ParamsForm({ node }: { node: GraphNode }) {
  const update = (params: Params) => {
    if (JSON.stringify(params) !== JSON.stringify(node.params))
      editorStore.getState().setParams(node.id, params as GraphNode['params']);
  };
  const fields = (KIND_SPECS[node.kind] as AnyKindSpec).inspector;
  if (fields.length === 0) return <p className="muted">{node.kind} takes no parameters.</p>;
  return (
    <>
      {fields.map((field) => (
        <ParamField key={field.param} node={node} field={field} update={update} />
      ))}
    </>
  );
}

/** A fetch node that reads {env.NAME}: its variables, and the button that opens the Secrets dialog. */
function SecretsButton({ node }: { node: GraphNode }) {
  const names = nodeEnvNames(node.params);
  if (names.length === 0) return null;
  return (
    <section aria-label={`Secrets of ${node.id}`} className="node-secrets">
      <p className="muted">
        Reads{' '}
        {names.map((name, i) => (
          <span key={name}>
            {i > 0 ? ', ' : ''}
            <code>{name}</code>
          </span>
        ))}{' '}
        from the environment.
      </p>
      <button type="button" className="secrets-button" onClick={() => openSecrets(node.id)}>
        Secrets…
      </button>
    </section>
  );
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
      {node.kind === 'fetch' && <SecretsButton node={node} />}
      <RetryForm node={node} />
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
