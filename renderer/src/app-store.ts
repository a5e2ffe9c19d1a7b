/** App-wide facts that are not part of the document: host info, the clock Run uses, theme, open panels. */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { AppInfo, ClockMode } from '../../shared/protocol/messages';

export type ThemeChoice = 'system' | 'light' | 'dark';

export interface PathDialogRequest {
  mode: 'open' | 'save';
  initial: string;
  resolve(path: string | null): void;
}

export interface AppState {
  info: AppInfo | null;
  clock: ClockMode;
  theme: ThemeChoice;
  recent: string[];
  problemsOpen: boolean;
  pathDialog: PathDialogRequest | null;
  /** Screen and flow position of an open quick-add search. */
  quickAdd: { screen: { x: number; y: number }; flow: { x: number; y: number } } | null;
}

export const appStore = createStore<AppState>()(() => ({
  info: null,
  clock: { kind: 'real' },
  theme: readTheme(),
  recent: [],
  problemsOpen: false,
  pathDialog: null,
  quickAdd: null,
}));

function readTheme(): ThemeChoice {
  try {
    const saved = globalThis.localStorage?.getItem('flowloop.theme');
    return saved === 'light' || saved === 'dark' ? saved : 'system';
  } catch {
    return 'system';
  }
}

export function setTheme(theme: ThemeChoice): void {
  appStore.setState({ theme });
  try {
    globalThis.localStorage?.setItem('flowloop.theme', theme);
  } catch {
    // Storage may be unavailable (file:// in some shells); the choice then lasts for this session.
  }
}

export function useApp<T>(selector: (state: AppState) => T): T {
  return useStore(appStore, selector);
}

/** Asks for a path with the in-page dialog (browser mode has no native file dialogs). */
export function askPath(mode: 'open' | 'save', initial: string): Promise<string | null> {
  return new Promise((resolve) => appStore.setState({ pathDialog: { mode, initial, resolve } }));
}
