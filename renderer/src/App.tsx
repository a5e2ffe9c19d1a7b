/** The app: welcome screen or editor (toolbar, palette, canvas, inspector), wired to the host. */
import { useEffect } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import { appStore, useApp } from './app/app-store';
import { openPath, recoverRunReport, refreshRecent, runMenuCommand } from './app/actions';
import { installAutosave } from './app/autosave';
import { installDiskWatch, onDiskChange } from './app/disk-changes';
import { installFileDrop } from './app/file-drop';
import { Canvas } from './canvas/Canvas';
import { CommandPalette } from './command-palette/CommandPalette';
import { Palette } from './canvas/Palette';
import { getHost } from './host-client/host';
import { perFrame } from './host-client/per-frame';
import type { AppEvent } from '../../shared/protocol/messages';
import { Inspector } from './inspector/Inspector';
import { installKeyboard } from './app/keyboard';
import { editorStore, useEditor } from './store/use-editor';
import { DiskChangePrompt } from './toolbar/DiskChangePrompt';
import { DropOverlay } from './toolbar/DropOverlay';
import { PathDialog } from './toolbar/PathDialog';
import { RunInputsDialog } from './toolbar/RunInputsDialog';
import { SecretsDialog } from './secrets/SecretsDialog';
import { ProblemsPanel } from './toolbar/ProblemsPanel';
import { TimelinePanel } from './timeline/TimelinePanel';
import { Dock } from './panels/Dock';
import { StatusLine } from './toolbar/StatusLine';
import { Toolbar } from './toolbar/Toolbar';
import { Welcome } from './welcome/Welcome';

/** Run events reach the store once per frame, all that arrived since the last (per-frame.ts). */
const applyRunEvents = perFrame<AppEvent>((events) => editorStore.getState().applyHostEvents(events));

function useHost(): void {
  useEffect(() => {
    const host = getHost();
    const unsubscribe = host.onEvent((event) => {
      if (event.type === 'menu.command') runMenuCommand(event.command);
      else if (event.type === 'file.openRequested') {
        if (
          !editorStore.getState().dirty ||
          window.confirm(`Discard unsaved changes and open ${event.path}?`)
        )
          void openPath(event.path);
      } else if (event.type === 'file.changedOnDisk') onDiskChange(event);
      else applyRunEvents(event);
    });
    host.request({ type: 'app.info' }).then(
      (info) => {
        appStore.setState({ info, clock: info.defaultClock });
        if (info.initialFile) void openPath(info.initialFile);
      },
      (error: unknown) =>
        editorStore.getState().say(`Flowloop's host did not answer: ${String(error)}`, 'error'),
    );
    void refreshRecent();
    // Browser mode: leaving the page with unsaved work asks first (autosave keeps it regardless).
    // Not in Electron, where a cancelled beforeunload would silently keep the window from closing.
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (window.flowloop === undefined && editorStore.getState().dirty) event.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    // Electron: keep the shell told of unsaved changes, so that closing the window asks first.
    host.setDirty?.(editorStore.getState().dirty);
    const removeDirtyReport = editorStore.subscribe((state, previous) => {
      if (state.dirty !== previous.dirty) host.setDirty?.(state.dirty);
    });
    // A run ended with fewer events on the page than the host sent: fetch its whole report.
    const removeLostWatch = editorStore.subscribe(({ run }, previous) => {
      if (
        run.lostEvents > 0 &&
        run.runId !== null &&
        (previous.run.runId !== run.runId || previous.run.lostEvents === 0)
      ) {
        void recoverRunReport(run.runId, run.lostEvents);
      }
    });
    const removeKeys = installKeyboard();
    const removeAutosave = installAutosave();
    const removeDiskWatch = installDiskWatch();
    const removeFileDrop = installFileDrop();
    return () => {
      removeDiskWatch();
      removeFileDrop();
      unsubscribe();
      window.removeEventListener('beforeunload', onBeforeUnload);
      removeKeys();
      removeAutosave();
      removeDirtyReport();
      removeLostWatch();
    };
  }, []);
}

function useTheme(): void {
  const theme = useApp((s) => s.theme);
  useEffect(() => {
    if (theme === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = theme;
  }, [theme]);
}

export function App() {
  useHost();
  useTheme();
  const open = useEditor((s) => s.graph !== null);
  const documentKey = useEditor((s) => s.autosaveKey);
  const title = useEditor((s) => `${s.dirty ? '● ' : ''}${s.graph?.name ?? 'Flowloop'}`);
  useEffect(() => {
    document.title = open ? `${title} — Flowloop` : 'Flowloop';
  }, [open, title]);

  return (
    <div className="app">
      {open ? (
        <ReactFlowProvider key={documentKey}>
          <Toolbar />
          <div className="workspace">
            <Palette
              onAdd={(kind) => {
                const view = editorStore.getState().graph?.view;
                // Centre of the visible canvas, roughly: new nodes land where the person is looking.
                const x = view ? (-view.x + 400) / view.zoom : 200;
                const y = view ? (-view.y + 240) / view.zoom : 120;
                editorStore.getState().addNode(kind, { x, y });
              }}
            />
            <Canvas />
            <Inspector />
          </div>
          <TimelinePanel />
          <ProblemsPanel />
          <Dock />
        </ReactFlowProvider>
      ) : (
        <Welcome />
      )}
      <StatusLine />
      <PathDialog />
      <RunInputsDialog />
      <SecretsDialog />
      <CommandPalette />
      <DiskChangePrompt />
      <DropOverlay />
    </div>
  );
}
