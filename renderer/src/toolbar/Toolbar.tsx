/** The toolbar: files, edits, layout, Run/Stop with the clock, the run status and the theme. */
import type { ClockMode } from '../../../shared/protocol/messages';
import { appStore, useApp } from '../app-store';
import {
  cycleTheme,
  newDocument,
  openDocument,
  runWorkflow,
  saveDocument,
  stopWorkflow,
} from '../actions';
import { measuredSizes } from '../canvas/Canvas';
import { editorStore, useEditor } from '../store/use-editor';
import { TimelineToggle } from '../timeline/TimelinePanel';

const CLOCKS: { label: string; mode: ClockMode }[] = [
  { label: 'Real time', mode: { kind: 'real' } },
  { label: 'Slow (0.5×)', mode: { kind: 'slow', scale: 0.5 } },
  { label: 'Slow (0.1×)', mode: { kind: 'slow', scale: 0.1 } },
  { label: 'Instant (virtual)', mode: { kind: 'virtual' } },
];

const clockKey = (mode: ClockMode) => (mode.kind === 'slow' ? `slow:${mode.scale}` : mode.kind);

export function Toolbar() {
  const name = useEditor((s) => s.graph?.name ?? 'Untitled');
  const path = useEditor((s) => s.path);
  const dirty = useEditor((s) => s.dirty);
  const canUndo = useEditor((s) => s.past.length > 0);
  const canRedo = useEditor((s) => s.future.length > 0);
  const snap = useEditor((s) => s.snap);
  const status = useEditor((s) => s.run.status);
  const problems = useEditor((s) => s.problems.length);
  const clock = useApp((s) => s.clock);
  const theme = useApp((s) => s.theme);
  const running = status === 'running' || status === 'starting';
  const shown = status === 'starting' ? 'running' : status;
  const clocks = CLOCKS.some((c) => clockKey(c.mode) === clockKey(clock)) ? CLOCKS : [...CLOCKS, { label: clockKey(clock), mode: clock }];
  return (
    <header className="toolbar" role="toolbar" aria-label="Workflow">
      <div className="toolbar-group">
        <button type="button" onClick={newDocument} title="New (Ctrl+N)">New</button>
        <button type="button" onClick={() => void openDocument()} title="Open (Ctrl+O)">Open</button>
        <button type="button" onClick={() => void saveDocument()} title="Save (Ctrl+S)">Save</button>
        <button type="button" onClick={() => void saveDocument(true)} title="Save As (Ctrl+Shift+S)">Save As</button>
      </div>
      <div className="toolbar-group">
        <button type="button" onClick={() => editorStore.getState().undo()} disabled={!canUndo} title="Undo (Ctrl+Z)">Undo</button>
        <button type="button" onClick={() => editorStore.getState().redo()} disabled={!canRedo} title="Redo (Ctrl+Y)">Redo</button>
        <button type="button" onClick={() => editorStore.getState().autoLayout(measuredSizes)} title="Arrange the nodes left to right">Auto-layout</button>
        <label className="toolbar-check">
          <input type="checkbox" checked={snap} onChange={(event) => editorStore.getState().setSnap(event.target.checked)} /> Snap to grid
        </label>
      </div>
      <div className="toolbar-group">
        <button type="button" className="run" onClick={() => void runWorkflow()} disabled={running} aria-label="Run" title="Run (F5)">
          ▶ Run
        </button>
        <button type="button" className="stop" onClick={() => void stopWorkflow()} disabled={!running} aria-label="Stop" title="Stop (Shift+F5)">
          ■ Stop
        </button>
        <label>
          <span className="visually-hidden">Clock</span>
          <select
            aria-label="Clock"
            value={clockKey(clock)}
            onChange={(event) => {
              const picked = clocks.find((c) => clockKey(c.mode) === event.target.value);
              if (picked) appStore.setState({ clock: picked.mode });
            }}
          >
            {clocks.map((c) => (
              <option key={clockKey(c.mode)} value={clockKey(c.mode)}>{c.label}</option>
            ))}
          </select>
        </label>
        <span className={`run-status run-status-${shown}`} data-run-status={shown} role="status" aria-live="polite">
          {shown}
        </span>
        <button
          type="button"
          className={problems > 0 ? 'problems-button has-problems' : 'problems-button'}
          onClick={() => appStore.setState((s) => ({ problemsOpen: !s.problemsOpen }))}
          aria-label={`${problems} problem${problems === 1 ? '' : 's'}`}
        >
          {problems} problem{problems === 1 ? '' : 's'}
        </button>
        <TimelineToggle />
      </div>
      <div className="toolbar-title" title={path ?? 'not saved yet'}>
        {dirty ? '● ' : ''}
        {name}
        {path ? <span className="muted"> — {path}</span> : null}
      </div>
      <button type="button" onClick={cycleTheme} aria-label={`Theme: ${theme}`} title="Theme: system, light or dark">
        Theme: {theme}
      </button>
    </header>
  );
}
