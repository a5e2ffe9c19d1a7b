/** App-wide facts that are not part of the document: host info, the clock Run uses, theme, open panels. */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { AppInfo, ClockMode } from '../../../shared/protocol/messages';
import { normalizeSlowScale } from './slow-scale';

export type ThemeChoice = 'system' | 'light' | 'dark';

export interface PathDialogRequest {
  mode: 'open' | 'save';
  initial: string;
  resolve(path: string | null): void;
}

export interface AppState {
  info: AppInfo | null;
  /** The clock the next Run uses (a run keeps the one it started with: see runClock). */
  clock: ClockMode;
  /** The slow-motion scale last chosen (kept while another clock is picked, and across restarts). */
  slowScale: number;
  /** The clock the current or last run started with: what its live timeline advances by. */
  runClock: ClockMode | null;
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
  slowScale: normalizeSlowScale(readPreference('flowloop.slowScale')),
  runClock: null,
  theme: readTheme(),
  recent: [],
  problemsOpen: false,
  pathDialog: null,
  quickAdd: null,
}));

function readPreference(key: string): string | null {
  try {
    return globalThis.localStorage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function writePreference(key: string, value: string): void {
  try {
    globalThis.localStorage?.setItem(key, value);
  } catch {
    // Storage may be unavailable (file:// in some shells); the choice then lasts for this session.
  }
}

function readTheme(): ThemeChoice {
  const saved = readPreference('flowloop.theme');
  return saved === 'light' || saved === 'dark' ? saved : 'system';
}

export function setTheme(theme: ThemeChoice): void {
  appStore.setState({ theme });
  writePreference('flowloop.theme', theme);
}

/** Picks the clock for the next run; slow motion uses the remembered scale. */
export function chooseClock(kind: ClockMode['kind']): void {
  appStore.setState((s) => ({ clock: kind === 'slow' ? { kind, scale: s.slowScale } : { kind } }));
}

/** Sets (and remembers) the slow-motion scale; it is the clock of the next run when slow motion is picked. */
export function setSlowScale(value: number): void {
  const scale = normalizeSlowScale(value);
  appStore.setState((s) => ({
    slowScale: scale,
    clock: s.clock.kind === 'slow' ? { kind: 'slow', scale } : s.clock,
  }));
  writePreference('flowloop.slowScale', String(scale));
}

export function useApp<T>(selector: (state: AppState) => T): T {
  return useStore(appStore, selector);
}

/** Asks for a path with the in-page dialog (browser mode has no native file dialogs). */
export function askPath(mode: 'open' | 'save', initial: string): Promise<string | null> {
  return new Promise((resolve) => appStore.setState({ pathDialog: { mode, initial, resolve } }));
}
