/** Every problem of the open document; choosing one selects its node. */
import { appStore, useApp } from '../app/app-store';
import { editorStore, useEditor } from '../store/use-editor';

export function ProblemsPanel() {
  const open = useApp((s) => s.problemsOpen);
  const problems = useEditor((s) => s.problems);
  if (!open) return null;
  return (
    <section className="problems-panel" aria-label="Problems">
      <header>
        <h2>Problems ({problems.length})</h2>
        <button
          type="button"
          onClick={() => appStore.setState({ problemsOpen: false })}
          aria-label="Close problems"
        >
          ×
        </button>
      </header>
      {problems.length === 0 ? (
        <p className="muted">No problems: the workflow can run.</p>
      ) : (
        <ul>
          {problems.map((problem, index) => (
            <li key={index}>
              {problem.node !== undefined ? (
                <button
                  type="button"
                  className="link"
                  onClick={() =>
                    editorStore.getState().setSelection({ nodes: [problem.node as string], edges: [] })
                  }
                >
                  {problem.message}
                </button>
              ) : (
                problem.message
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
