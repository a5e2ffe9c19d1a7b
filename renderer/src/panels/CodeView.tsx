/** The Python and TypeScript exports of the open graph side by side, kept up to date, the selected node marked. */
import { useEffect, useMemo, useState } from 'react';
import { exportPython, exportTypeScript, type ExportResult } from '../../../shared/codegen';
import type { Graph } from '../../../shared/graph/types';
import { useEditor } from '../store/use-editor';
import { nodeLineRange } from './node-lines';
import { ReadOnlyCode } from './ReadOnlyCode';
import { downloadText, fileStem } from './download';

const DEBOUNCE_MS = 250;

interface Exports {
  graph: Graph;
  python: ExportResult;
  typescript: ExportResult;
}

function exportBoth(graph: Graph): Exports {
  const run = (exporter: (g: Graph) => ExportResult): ExportResult => {
    try {
      return exporter(graph);
    } catch (error) {
      return { ok: false, problems: [`the exporter failed: ${String(error)}`] };
    }
  };
  return { graph, python: run(exportPython), typescript: run(exportTypeScript) };
}

/** The exports, recomputed a moment after the graph stops changing (typing in a field edits it per key). */
function useExports(): Exports | null {
  const graph = useEditor((s) => s.graph);
  const [exports, setExports] = useState<Exports | null>(() => (graph ? exportBoth(graph) : null));
  useEffect(() => {
    if (!graph) return;
    const timer = setTimeout(() => setExports(exportBoth(graph)), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [graph]);
  return exports;
}

function CodePane({
  title,
  language,
  result,
  graph,
  selected,
  extension,
}: {
  title: string;
  language: 'python' | 'typescript';
  result: ExportResult;
  graph: Graph;
  selected: string | null;
  extension: string;
}) {
  const code = result.ok ? result.code : '';
  const range = useMemo(
    () => (selected === null || !result.ok ? null : nodeLineRange(code, language, graph, selected)),
    [code, language, graph, selected, result.ok],
  );
  const from = range?.from ?? 0;
  const to = range?.to ?? 0;
  const marked = useMemo(() => (from > 0 ? { from, to } : null), [from, to]);
  const [copied, setCopied] = useState(false);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(code);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      window.prompt(`Copy the ${title} code:`, code);
    }
  };

  return (
    <section className="code-pane" aria-label={`${title} export`} data-code-pane={language}>
      <header className="code-pane-head">
        <h3>{title}</h3>
        {selected !== null && result.ok && (
          <span className="muted">
            {range ? `${selected}: lines ${range.from}–${range.to}` : `${selected}: no function`}
          </span>
        )}
        <span className="spacer" />
        <button type="button" disabled={!result.ok} onClick={() => void copy()}>
          {copied ? 'Copied' : 'Copy'}
        </button>
        <button
          type="button"
          disabled={!result.ok}
          onClick={() => downloadText(`${fileStem(graph.name ?? '')}.${extension}`, code)}
        >
          Save As…
        </button>
      </header>
      {result.ok ? (
        <ReadOnlyCode code={code} language={language} label={`${title} code`} marked={marked} />
      ) : (
        <ul className="code-pane-problems" role="list" aria-label={`why there is no ${title} export`}>
          {result.problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function CodeView() {
  const exports = useExports();
  const selected = useEditor((s) => (s.selection.nodes.length === 1 ? (s.selection.nodes[0] ?? null) : null));
  if (!exports) return <p className="muted">No workflow is open.</p>;
  return (
    <div className="code-view">
      <CodePane
        title="Python"
        language="python"
        result={exports.python}
        graph={exports.graph}
        selected={selected}
        extension="py"
      />
      <CodePane
        title="TypeScript"
        language="typescript"
        result={exports.typescript}
        graph={exports.graph}
        selected={selected}
        extension="ts"
      />
    </div>
  );
}
