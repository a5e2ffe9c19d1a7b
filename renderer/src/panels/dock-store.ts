/** Which of the bottom dock's panels are open (Code, Event log, History): the dock's buttons and the command palette both toggle them. */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

export type DockPanel = 'code' | 'log' | 'history';

export type DockState = Record<DockPanel, boolean>;

export const dockStore = createStore<DockState>()(() => ({ code: false, log: false, history: false }));

export function useDock<T>(selector: (state: DockState) => T): T {
  return useStore(dockStore, selector);
}

export function toggleDockPanel(panel: DockPanel): void {
  dockStore.setState((s) => ({ [panel]: !s[panel] }));
}
