/** Whether the command palette is open, and what it opened with. */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

export interface PaletteState {
  open: boolean;
  /** The query it opens with ('@' to find a node). */
  initialQuery: string;
  /** Counts openings, so that each opening starts afresh. */
  serial: number;
}

export const paletteStore = createStore<PaletteState>()(() => ({ open: false, initialQuery: '', serial: 0 }));

export function usePalette<T>(selector: (state: PaletteState) => T): T {
  return useStore(paletteStore, selector);
}

/** Whether a modal dialog (Open's path, the Run dialog, a prompt) is showing: the palette does not open over one. */
function modalShowing(): boolean {
  return globalThis.document?.querySelector('[aria-modal="true"]:not([data-command-palette])') != null;
}

export function openPalette(initialQuery = ''): void {
  if (modalShowing()) return;
  paletteStore.setState((s) => ({ open: true, initialQuery, serial: s.serial + 1 }));
}

export function closePalette(): void {
  if (paletteStore.getState().open) paletteStore.setState({ open: false });
}

export function togglePalette(): void {
  if (paletteStore.getState().open) closePalette();
  else openPalette();
}
