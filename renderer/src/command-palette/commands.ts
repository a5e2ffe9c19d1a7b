/**
 * What the command palette offers: every command of the menus and the toolbar, as data (title,
 * group, keyboard shortcut, when it applies). Pure: run-command.ts carries them out, so this list and
 * its rules are tested without a page.
 */
import type { MenuCommand } from '../../../shared/protocol/messages';

/** A command of the menus (MenuCommand) or one the toolbar and panels have beyond them. */
export type PaletteCommandId =
  | MenuCommand
  | 'edit.autoLayout'
  | 'edit.toggleSnap'
  | 'view.themeSystem'
  | 'view.themeLight'
  | 'view.themeDark'
  | 'view.problems'
  | 'view.timeline'
  | 'view.code'
  | 'view.eventLog'
  | 'view.history'
  | 'run.clockReal'
  | 'run.clockSlow'
  | 'run.clockInstant';

/**
 * A key combination as the app writes it: modifiers then the key, joined by '+'. `Mod` is Ctrl, or
 * Cmd on macOS (e.g. 'Mod+Shift+S', 'F5', 'Delete').
 */
export type Keys = string;

export interface Shortcut {
  keys: Keys;
  /**
   * Only the desktop app has this key: the browser keeps it for itself (Ctrl+N opens a window,
   * Ctrl+W closes the tab, Ctrl+= zooms the page), so the page never sees it.
   */
  desktopOnly?: boolean;
}

/** What decides whether a command applies now. */
export interface CommandContext {
  hasDocument: boolean;
  running: boolean;
  canUndo: boolean;
  canRedo: boolean;
  hasSelection: boolean;
}

export interface PaletteCommand {
  id: PaletteCommandId;
  group: 'File' | 'Edit' | 'View' | 'Run' | 'Help';
  title: string;
  /** More words it is found by (not shown). */
  keywords?: string;
  shortcuts?: readonly Shortcut[];
  /** Whether it applies in `context` (every command but New, Open, the examples, theme and About needs an open workflow). */
  applies?: (context: CommandContext) => boolean;
}

const withDocument = (context: CommandContext) => context.hasDocument;

export const PALETTE_COMMANDS: readonly PaletteCommand[] = [
  // File
  { id: 'file.new', group: 'File', title: 'New workflow', shortcuts: [{ keys: 'Mod+N', desktopOnly: true }] },
  { id: 'file.open', group: 'File', title: 'Open…', keywords: 'file load', shortcuts: [{ keys: 'Mod+O' }] },
  {
    id: 'file.save',
    group: 'File',
    title: 'Save',
    shortcuts: [{ keys: 'Mod+S' }],
    applies: withDocument,
  },
  {
    id: 'file.saveAs',
    group: 'File',
    title: 'Save As…',
    shortcuts: [{ keys: 'Mod+Shift+S' }],
    applies: withDocument,
  },
  {
    id: 'file.close',
    group: 'File',
    title: 'Close workflow',
    shortcuts: [{ keys: 'Mod+W', desktopOnly: true }],
    applies: withDocument,
  },
  { id: 'help.examples', group: 'File', title: 'Examples gallery', keywords: 'welcome sample' },
  // Edit
  {
    id: 'edit.undo',
    group: 'Edit',
    title: 'Undo',
    shortcuts: [{ keys: 'Mod+Z' }],
    applies: (c) => c.hasDocument && c.canUndo,
  },
  {
    id: 'edit.redo',
    group: 'Edit',
    title: 'Redo',
    shortcuts: [{ keys: 'Mod+Y' }, { keys: 'Mod+Shift+Z' }],
    applies: (c) => c.hasDocument && c.canRedo,
  },
  {
    id: 'edit.cut',
    group: 'Edit',
    title: 'Cut',
    shortcuts: [{ keys: 'Mod+X' }],
    applies: (c) => c.hasDocument && c.hasSelection,
  },
  {
    id: 'edit.copy',
    group: 'Edit',
    title: 'Copy',
    shortcuts: [{ keys: 'Mod+C' }],
    applies: (c) => c.hasDocument && c.hasSelection,
  },
  { id: 'edit.paste', group: 'Edit', title: 'Paste', shortcuts: [{ keys: 'Mod+V' }], applies: withDocument },
  {
    id: 'edit.duplicate',
    group: 'Edit',
    title: 'Duplicate',
    shortcuts: [{ keys: 'Mod+D' }],
    applies: (c) => c.hasDocument && c.hasSelection,
  },
  {
    id: 'edit.delete',
    group: 'Edit',
    title: 'Delete selection',
    keywords: 'remove',
    shortcuts: [{ keys: 'Delete' }],
    applies: (c) => c.hasDocument && c.hasSelection,
  },
  {
    id: 'edit.selectAll',
    group: 'Edit',
    title: 'Select all',
    shortcuts: [{ keys: 'Mod+A' }],
    applies: withDocument,
  },
  {
    id: 'edit.autoLayout',
    group: 'Edit',
    title: 'Auto-layout',
    keywords: 'arrange tidy',
    applies: withDocument,
  },
  {
    id: 'edit.toggleSnap',
    group: 'Edit',
    title: 'Toggle snap to grid',
    applies: withDocument,
  },
  // View
  {
    id: 'view.zoomIn',
    group: 'View',
    title: 'Zoom in',
    shortcuts: [{ keys: 'Mod+=', desktopOnly: true }],
    applies: withDocument,
  },
  {
    id: 'view.zoomOut',
    group: 'View',
    title: 'Zoom out',
    shortcuts: [{ keys: 'Mod+-', desktopOnly: true }],
    applies: withDocument,
  },
  {
    id: 'view.fit',
    group: 'View',
    title: 'Fit to window',
    keywords: 'zoom all',
    shortcuts: [{ keys: 'Mod+0', desktopOnly: true }],
    applies: withDocument,
  },
  {
    id: 'view.problems',
    group: 'View',
    title: 'Toggle Problems',
    keywords: 'errors panel',
    applies: withDocument,
  },
  { id: 'view.timeline', group: 'View', title: 'Toggle Timeline', keywords: 'panel', applies: withDocument },
  {
    id: 'view.code',
    group: 'View',
    title: 'Toggle Code',
    keywords: 'panel python typescript export',
    applies: withDocument,
  },
  { id: 'view.eventLog', group: 'View', title: 'Toggle Event log', keywords: 'panel', applies: withDocument },
  {
    id: 'view.history',
    group: 'View',
    title: 'Toggle History',
    keywords: 'panel runs',
    applies: withDocument,
  },
  {
    id: 'view.theme',
    group: 'View',
    title: 'Theme: next (system, light, dark)',
    keywords: 'appearance colour color',
    shortcuts: [{ keys: 'Mod+Shift+T', desktopOnly: true }],
  },
  { id: 'view.themeSystem', group: 'View', title: 'Theme: system', keywords: 'appearance' },
  { id: 'view.themeLight', group: 'View', title: 'Theme: light', keywords: 'appearance' },
  { id: 'view.themeDark', group: 'View', title: 'Theme: dark', keywords: 'appearance' },
  // Run
  {
    id: 'run.run',
    group: 'Run',
    title: 'Run',
    keywords: 'start execute',
    shortcuts: [{ keys: 'F5' }, { keys: 'Mod+Enter' }],
    applies: (c) => c.hasDocument && !c.running,
  },
  {
    id: 'run.stop',
    group: 'Run',
    title: 'Stop',
    keywords: 'cancel',
    shortcuts: [{ keys: 'Shift+F5' }],
    applies: (c) => c.hasDocument && c.running,
  },
  { id: 'run.clockReal', group: 'Run', title: 'Clock: real time', applies: withDocument },
  { id: 'run.clockSlow', group: 'Run', title: 'Clock: slow motion', applies: withDocument },
  {
    id: 'run.clockInstant',
    group: 'Run',
    title: 'Clock: instant',
    keywords: 'virtual',
    applies: withDocument,
  },
  // Help
  { id: 'help.about', group: 'Help', title: 'About Flowloop', keywords: 'version' },
];

/** The commands that apply in `context`, in the list's order. */
export function availableCommands(context: CommandContext): PaletteCommand[] {
  return PALETTE_COMMANDS.filter((command) => command.applies?.(context) ?? true);
}

/** The shortcuts of `command` that work in this shell (the browser never sees the desktop-only keys). */
export function shortcutsIn(command: PaletteCommand, shell: 'electron' | 'browser'): Shortcut[] {
  return (command.shortcuts ?? []).filter((shortcut) => shell === 'electron' || !shortcut.desktopOnly);
}

const MAC_SYMBOLS: Record<string, string> = {
  Mod: '⌘',
  Shift: '⇧',
  Alt: '⌥',
  Ctrl: '⌃',
  Enter: '↩',
  Delete: '⌫',
};
const MAC_ORDER = ['Ctrl', 'Alt', 'Shift', 'Mod'];

/**
 * `keys` as a person on `mac` (or not) reads it: 'Mod+Shift+S' is 'Ctrl+Shift+S', or '⇧⌘S' on macOS
 * (modifiers in Apple's order: ⌃⌥⇧⌘).
 */
export function formatKeys(keys: Keys, mac: boolean): string {
  const parts = keys.split(/\+(?!$)/);
  if (!mac) return parts.map((part) => (part === 'Mod' ? 'Ctrl' : part)).join('+');
  const key = parts.at(-1) ?? '';
  const modifiers = parts.slice(0, -1).sort((a, b) => MAC_ORDER.indexOf(a) - MAC_ORDER.indexOf(b));
  return [...modifiers, key].map((part) => MAC_SYMBOLS[part] ?? part).join('');
}

/** Whether the page runs on macOS (where Mod is Cmd). */
export function isMac(platform: string = globalThis.navigator?.platform ?? ''): boolean {
  return /^Mac|iPhone|iPad/.test(platform);
}
