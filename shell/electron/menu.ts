/**
 * The native menu as a pure template: every item either sends a MenuCommand to the renderer (which
 * owns undo, selection and the canvas) or is a plain Electron role. Pure so that tests can check
 * accelerators and commands without Electron; shell/electron/main.ts turns it into a Menu.
 */
import type { MenuCommand } from '../../shared/protocol/messages';

export type MenuEntry =
  | {
      kind: 'command';
      label: string;
      command: MenuCommand;
      accelerator?: string;
      /**
       * Edit commands that text fields also understand. Their keystrokes are left to the page
       * (registerAccelerator: false, honoured on Windows and Linux) so that the renderer's own
       * shortcut handling, shared with browser mode, picks between a text field and the canvas.
       * A click (and on macOS the keystroke) runs this WebContents action, so a focused text
       * field gets it, and also sends the command: the renderer ignores edit commands while a
       * text field has focus.
       */
      nativeEdit?: NativeEditAction;
    }
  /** Opens a recent file: main sends `file.openRequested` with this path. */
  | { kind: 'recent'; label: string; path: string }
  | {
      kind: 'role';
      role:
        | 'quit'
        | 'toggleDevTools'
        | 'togglefullscreen'
        | 'minimize'
        | 'about'
        | 'hide'
        | 'hideOthers'
        | 'unhide'
        | 'services'
        | 'front'
        | 'close';
      label?: string;
    }
  | { kind: 'separator' }
  | { kind: 'submenu'; label: string; items: MenuEntry[]; enabled?: boolean };

export type NativeEditAction = 'undo' | 'redo' | 'cut' | 'copy' | 'paste' | 'delete' | 'selectAll';

export interface MenuSection {
  label: string;
  role?: 'appMenu' | 'fileMenu' | 'editMenu' | 'viewMenu' | 'windowMenu' | 'help';
  items: MenuEntry[];
}

const command = (label: string, cmd: MenuCommand, accelerator?: string): MenuEntry =>
  accelerator === undefined
    ? { kind: 'command', label, command: cmd }
    : { kind: 'command', label, command: cmd, accelerator };
const edit = (
  label: string,
  cmd: MenuCommand,
  accelerator: string,
  nativeEdit: NativeEditAction,
): MenuEntry => ({
  kind: 'command',
  label,
  command: cmd,
  accelerator,
  nativeEdit,
});
const separator: MenuEntry = { kind: 'separator' };

/** At most this many recent files are listed. */
export const RECENT_LIMIT = 10;

/** Short label for a recent file: its name, then the folder it sits in. */
export function recentLabel(path: string): string {
  const parts = path.split(/[\\/]/).filter((part) => part.length > 0);
  const name = parts.at(-1) ?? path;
  const folder = parts.at(-2);
  // '&' would otherwise mark a mnemonic in Electron's labels.
  return (folder === undefined ? name : `${name} — ${folder}`).replaceAll('&', '&&');
}

export function buildMenuTemplate(
  recent: readonly string[],
  platform: NodeJS.Platform = process.platform,
): MenuSection[] {
  const recentItems: MenuEntry[] = recent
    .slice(0, RECENT_LIMIT)
    .map((path) => ({ kind: 'recent', label: recentLabel(path), path }));
  const sections: MenuSection[] = [];
  if (platform === 'darwin') {
    sections.push({
      label: 'Flowloop',
      role: 'appMenu',
      items: [
        { kind: 'role', role: 'about' },
        separator,
        { kind: 'role', role: 'services' },
        separator,
        { kind: 'role', role: 'hide' },
        { kind: 'role', role: 'hideOthers' },
        { kind: 'role', role: 'unhide' },
        separator,
        { kind: 'role', role: 'quit' },
      ],
    });
  }
  sections.push(
    {
      label: '&File',
      role: 'fileMenu',
      items: [
        command('&New', 'file.new', 'CmdOrCtrl+N'),
        command('&Open…', 'file.open', 'CmdOrCtrl+O'),
        { kind: 'submenu', label: 'Open &Recent', items: recentItems, enabled: recentItems.length > 0 },
        separator,
        command('&Save', 'file.save', 'CmdOrCtrl+S'),
        command('Save &As…', 'file.saveAs', 'CmdOrCtrl+Shift+S'),
        separator,
        command('&Close', 'file.close', 'CmdOrCtrl+W'),
        ...(platform === 'darwin'
          ? []
          : [separator, { kind: 'role', role: 'quit', label: 'E&xit' } satisfies MenuEntry]),
      ],
    },
    {
      label: '&Edit',
      role: 'editMenu',
      items: [
        edit('&Undo', 'edit.undo', 'CmdOrCtrl+Z', 'undo'),
        edit('&Redo', 'edit.redo', platform === 'win32' ? 'Ctrl+Y' : 'CmdOrCtrl+Shift+Z', 'redo'),
        separator,
        edit('Cu&t', 'edit.cut', 'CmdOrCtrl+X', 'cut'),
        edit('&Copy', 'edit.copy', 'CmdOrCtrl+C', 'copy'),
        edit('&Paste', 'edit.paste', 'CmdOrCtrl+V', 'paste'),
        command('D&uplicate', 'edit.duplicate', 'CmdOrCtrl+D'),
        edit('&Delete', 'edit.delete', 'Delete', 'delete'),
        separator,
        edit('Select &All', 'edit.selectAll', 'CmdOrCtrl+A', 'selectAll'),
      ],
    },
    {
      label: '&View',
      role: 'viewMenu',
      items: [
        command('Zoom &In', 'view.zoomIn', 'CmdOrCtrl+='),
        command('Zoom &Out', 'view.zoomOut', 'CmdOrCtrl+-'),
        command('&Fit to Window', 'view.fit', 'CmdOrCtrl+0'),
        separator,
        command('Toggle &Theme', 'view.theme', 'CmdOrCtrl+Shift+T'),
        separator,
        { kind: 'role', role: 'togglefullscreen' },
        { kind: 'role', role: 'toggleDevTools' },
      ],
    },
    {
      label: '&Run',
      items: [command('&Run', 'run.run', 'F5'), command('&Stop', 'run.stop', 'Shift+F5')],
    },
  );
  if (platform === 'darwin') {
    sections.push({
      label: 'Window',
      role: 'windowMenu',
      items: [
        { kind: 'role', role: 'minimize' },
        { kind: 'role', role: 'close' },
        separator,
        { kind: 'role', role: 'front' },
      ],
    });
  }
  sections.push({
    label: '&Help',
    role: 'help',
    items: [command('&Examples', 'help.examples'), command('&About Flowloop', 'help.about')],
  });
  return sections;
}

/** Every command item in a template, depth first (tests and the shortcut table use it). */
export function commandEntries(
  sections: readonly MenuSection[],
): Array<Extract<MenuEntry, { kind: 'command' }>> {
  const found: Array<Extract<MenuEntry, { kind: 'command' }>> = [];
  const visit = (items: readonly MenuEntry[]): void => {
    for (const item of items) {
      if (item.kind === 'command') found.push(item);
      else if (item.kind === 'submenu') visit(item.items);
    }
  };
  for (const section of sections) visit(section.items);
  return found;
}
