/** The toolbar: files, edits, layout, Run/Stop with the clock, the run status and the theme. */
import { appStore, useApp, type ThemeChoice } from '../app/app-store';
import {
  cycleTheme,
  newDocument,
  openDocument,
  runWorkflow,
  saveDocument,
  stopWorkflow,
} from '../app/actions';
import { editorStore, useEditor } from '../store/use-editor';
import { measuredSizes } from '../store/measured-sizes';
import { TimelineToggle } from '../timeline/TimelinePanel';
import { ClockPicker } from './ClockPicker';
import {
  DarkThemeIcon,
  LayoutIcon,
  LightThemeIcon,
  NewIcon,
  OpenIcon,
  ProblemsIcon,
  RedoIcon,
  SaveAsIcon,
  SaveIcon,
  SystemThemeIcon,
  UndoIcon,
} from './icons';
import './toolbar.css';

const THEME_ICONS: Record<ThemeChoice, () => React.JSX.Element> = {
  system: SystemThemeIcon,
  light: LightThemeIcon,
  dark: DarkThemeIcon,
};

export function Toolbar() {
  const name = useEditor((s) => s.graph?.name ?? 'Untitled');
  const path = useEditor((s) => s.path);
  const dirty = useEditor((s) => s.dirty);
  const canUndo = useEditor((s) => s.past.length > 0);
  const canRedo = useEditor((s) => s.future.length > 0);
  const snap = useEditor((s) => s.snap);
  const status = useEditor((s) => s.run.status);
  const problems = useEditor((s) => s.problems.length);
  const theme = useApp((s) => s.theme);
  const running = status === 'running' || status === 'starting';
  const shown = status === 'starting' ? 'running' : status;
  const problemsName = `${problems} problem${problems === 1 ? '' : 's'}`;
  const ThemeIcon = THEME_ICONS[theme];
  return (
    <header className="toolbar" role="toolbar" aria-label="Workflow">
      <div className="toolbar-group" role="group" aria-label="File">
        <button
          type="button"
          className="icon-button"
          onClick={newDocument}
          aria-label="New"
          title="New (Ctrl+N)"
        >
          <NewIcon />
        </button>
        <button
          type="button"
          className="icon-button"
          onClick={() => void openDocument()}
          aria-label="Open"
          title="Open… (Ctrl+O)"
        >
          <OpenIcon />
        </button>
        <button
          type="button"
          className="icon-button"
          onClick={() => void saveDocument()}
          aria-label="Save"
          title="Save (Ctrl+S)"
        >
          <SaveIcon />
        </button>
        <button
          type="button"
          className="icon-button"
          onClick={() => void saveDocument(true)}
          aria-label="Save As"
          title="Save As… (Ctrl+Shift+S)"
        >
          <SaveAsIcon />
        </button>
      </div>
      <div className="toolbar-group" role="group" aria-label="Edit">
        <button
          type="button"
          className="icon-button"
          onClick={() => editorStore.getState().undo()}
          disabled={!canUndo}
          aria-label="Undo"
          title="Undo (Ctrl+Z)"
        >
          <UndoIcon />
        </button>
        <button
          type="button"
          className="icon-button"
          onClick={() => editorStore.getState().redo()}
          disabled={!canRedo}
          aria-label="Redo"
          title="Redo (Ctrl+Y)"
        >
          <RedoIcon />
        </button>
        <button
          type="button"
          className="icon-button"
          onClick={() => editorStore.getState().autoLayout(measuredSizes)}
          aria-label="Auto-layout"
          title="Auto-layout: arrange the nodes left to right"
        >
          <LayoutIcon />
        </button>
        <label className="toolbar-check" title="Snap to grid: dragged nodes land on the grid">
          <input
            type="checkbox"
            aria-label="Snap to grid"
            checked={snap}
            onChange={(event) => editorStore.getState().setSnap(event.target.checked)}
          />{' '}
          Snap
        </label>
      </div>
      <div className="toolbar-group" role="group" aria-label="Run">
        <button
          type="button"
          className="run"
          onClick={() => void runWorkflow()}
          disabled={running}
          aria-label="Run"
          title="Run (F5)"
        >
          ▶ Run
        </button>
        <button
          type="button"
          className="stop"
          onClick={() => void stopWorkflow()}
          disabled={!running}
          aria-label="Stop"
          title="Stop (Shift+F5)"
        >
          ■ Stop
        </button>
        <ClockPicker />
        <span
          className={`run-status run-status-${shown}`}
          data-run-status={shown}
          role="status"
          aria-live="polite"
        >
          {shown}
        </span>
      </div>
      <div className="toolbar-group" role="group" aria-label="Panels">
        <button
          type="button"
          className={problems > 0 ? 'problems-button has-problems' : 'problems-button'}
          onClick={() => appStore.setState((s) => ({ problemsOpen: !s.problemsOpen }))}
          aria-label={problemsName}
          title={`${problemsName}: show or hide the list`}
        >
          <ProblemsIcon /> {problems}
        </button>
        <TimelineToggle />
      </div>
      <div className="toolbar-end">
        <div className="toolbar-title" title={path ?? 'not saved yet'}>
          {dirty ? '● ' : ''}
          {name}
          {path ? <span className="muted toolbar-path"> — {path}</span> : null}
        </div>
        <button
          type="button"
          className="icon-button"
          onClick={cycleTheme}
          aria-label={`Theme: ${theme}`}
          title={`Theme: ${theme} (click for the next of system, light, dark)`}
        >
          <ThemeIcon />
        </button>
      </div>
    </header>
  );
}
