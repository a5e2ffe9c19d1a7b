import { describe, expect, it } from 'vitest';
import { MENU_COMMANDS } from '../../../shared/protocol/messages';
import { buildMenuTemplate, commandEntries } from '../../../shell/electron/menu';
import {
  PALETTE_COMMANDS,
  availableCommands,
  formatKeys,
  isMac,
  shortcutsIn,
  type CommandContext,
} from './commands';

const none: CommandContext = {
  hasDocument: false,
  running: false,
  canUndo: false,
  canRedo: false,
  hasSelection: false,
};
const editing: CommandContext = { ...none, hasDocument: true, canUndo: true, hasSelection: true };
const ids = (context: CommandContext) => availableCommands(context).map((c) => c.id);

describe('the palette’s commands', () => {
  it('offer every menu command once, with unique ids and titles', () => {
    const listed = PALETTE_COMMANDS.map((c) => c.id);
    for (const command of MENU_COMMANDS) expect(listed).toContain(command);
    expect(new Set(listed).size).toBe(listed.length);
    const titles = PALETTE_COMMANDS.map((c) => c.title);
    expect(new Set(titles).size).toBe(titles.length);
  });

  it('show the desktop menu’s accelerators (Mod is CmdOrCtrl), so the palette and the menu agree', () => {
    for (const platform of ['linux', 'darwin'] as const) {
      for (const entry of commandEntries(buildMenuTemplate([], platform))) {
        if (entry.accelerator === undefined) continue;
        const command = PALETTE_COMMANDS.find((c) => c.id === entry.command);
        expect(
          command?.shortcuts?.map((s) => s.keys),
          entry.command,
        ).toContain(entry.accelerator.replace('CmdOrCtrl', 'Mod'));
      }
    }
  });

  it('without a workflow, offer only what works without one', () => {
    expect(ids(none)).toEqual([
      'file.new',
      'file.open',
      'help.examples',
      'view.theme',
      'view.themeSystem',
      'view.themeLight',
      'view.themeDark',
      'help.about',
    ]);
  });

  it('follow the document: Run while none is going, Stop during one, Undo/Redo and the selection commands when they can act', () => {
    expect(ids(editing)).toEqual(
      expect.arrayContaining(['run.run', 'edit.undo', 'edit.copy', 'edit.delete', 'file.save']),
    );
    expect(ids(editing)).not.toContain('run.stop');
    expect(ids(editing)).not.toContain('edit.redo');
    const running = ids({ ...editing, running: true });
    expect(running).toContain('run.stop');
    expect(running).not.toContain('run.run');
    const nothingSelected = ids({ ...editing, hasSelection: false });
    for (const id of ['edit.copy', 'edit.cut', 'edit.duplicate', 'edit.delete'])
      expect(nothingSelected).not.toContain(id);
    expect(nothingSelected).toContain('edit.selectAll');
  });

  it('show in the browser only the keys the page receives there', () => {
    const command = (id: string) => PALETTE_COMMANDS.find((c) => c.id === id)!;
    expect(shortcutsIn(command('file.new'), 'browser')).toEqual([]);
    expect(shortcutsIn(command('file.new'), 'electron').map((s) => s.keys)).toEqual(['Mod+N']);
    expect(shortcutsIn(command('run.run'), 'browser').map((s) => s.keys)).toEqual(['F5', 'Mod+Enter']);
    expect(shortcutsIn(command('file.save'), 'browser').map((s) => s.keys)).toEqual(['Mod+S']);
  });
});

describe('formatKeys', () => {
  it('writes Mod as Ctrl off macOS', () => {
    expect(formatKeys('Mod+Shift+S', false)).toBe('Ctrl+Shift+S');
    expect(formatKeys('Mod+Enter', false)).toBe('Ctrl+Enter');
    expect(formatKeys('Shift+F5', false)).toBe('Shift+F5');
    expect(formatKeys('Mod+-', false)).toBe('Ctrl+-');
  });

  it('writes macOS symbols in Apple’s modifier order', () => {
    expect(formatKeys('Mod+Shift+S', true)).toBe('⇧⌘S');
    expect(formatKeys('Mod+Enter', true)).toBe('⌘↩');
    expect(formatKeys('Mod+=', true)).toBe('⌘=');
    expect(formatKeys('F5', true)).toBe('F5');
  });

  it('knows macOS by the platform', () => {
    expect(isMac('MacIntel')).toBe(true);
    expect(isMac('Linux x86_64')).toBe(false);
    expect(isMac('Win32')).toBe(false);
  });
});
