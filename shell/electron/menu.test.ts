import { describe, expect, it } from 'vitest';
import { MENU_COMMANDS } from '../../shared/protocol/messages';
import { RECENT_LIMIT, buildMenuTemplate, commandEntries, recentLabel, type MenuEntry } from './menu';

const acceleratorOf = (sections: ReturnType<typeof buildMenuTemplate>, command: string) =>
  commandEntries(sections).find((entry) => entry.command === command)?.accelerator;

describe('buildMenuTemplate', () => {
  it('offers every menu command exactly once', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      const commands = commandEntries(buildMenuTemplate([], platform)).map((entry) => entry.command);
      expect([...commands].sort()).toEqual([...MENU_COMMANDS].sort());
    }
  });

  it('uses the usual accelerators', () => {
    const sections = buildMenuTemplate([], 'linux');
    expect(
      Object.fromEntries(commandEntries(sections).map((entry) => [entry.command, entry.accelerator ?? null])),
    ).toEqual({
      'file.new': 'CmdOrCtrl+N',
      'file.open': 'CmdOrCtrl+O',
      'file.save': 'CmdOrCtrl+S',
      'file.saveAs': 'CmdOrCtrl+Shift+S',
      'file.close': 'CmdOrCtrl+W',
      'edit.undo': 'CmdOrCtrl+Z',
      'edit.redo': 'CmdOrCtrl+Shift+Z',
      'edit.cut': 'CmdOrCtrl+X',
      'edit.copy': 'CmdOrCtrl+C',
      'edit.paste': 'CmdOrCtrl+V',
      'edit.duplicate': 'CmdOrCtrl+D',
      'edit.delete': 'Delete',
      'edit.selectAll': 'CmdOrCtrl+A',
      'view.zoomIn': 'CmdOrCtrl+=',
      'view.zoomOut': 'CmdOrCtrl+-',
      'view.fit': 'CmdOrCtrl+0',
      'view.theme': 'CmdOrCtrl+Shift+T',
      'run.run': 'F5',
      'run.stop': 'Shift+F5',
      'help.examples': null,
      'help.about': null,
    });
    expect(acceleratorOf(buildMenuTemplate([], 'win32'), 'edit.redo')).toBe('Ctrl+Y');
  });

  it('has no accelerator twice', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      const accelerators = commandEntries(buildMenuTemplate([], platform)).flatMap((entry) =>
        entry.accelerator === undefined ? [] : [entry.accelerator],
      );
      expect(new Set(accelerators).size).toBe(accelerators.length);
    }
  });

  it('leaves text-editing keys to the page and names the native action for clicks', () => {
    const native = Object.fromEntries(
      commandEntries(buildMenuTemplate([], 'linux')).flatMap((entry) =>
        entry.nativeEdit === undefined ? [] : [[entry.command, entry.nativeEdit]],
      ),
    );
    expect(native).toEqual({
      'edit.undo': 'undo',
      'edit.redo': 'redo',
      'edit.cut': 'cut',
      'edit.copy': 'copy',
      'edit.paste': 'paste',
      'edit.delete': 'delete',
      'edit.selectAll': 'selectAll',
    });
  });

  it('lays out File, Edit, View, Run, Help (plus the app and Window menus on macOS)', () => {
    expect(buildMenuTemplate([], 'linux').map((section) => section.label.replaceAll('&', ''))).toEqual([
      'File',
      'Edit',
      'View',
      'Run',
      'Help',
    ]);
    expect(buildMenuTemplate([], 'darwin').map((section) => section.label.replaceAll('&', ''))).toEqual([
      'Flowloop',
      'File',
      'Edit',
      'View',
      'Run',
      'Window',
      'Help',
    ]);
    const fileItems = buildMenuTemplate([], 'linux')[0]?.items ?? [];
    expect(fileItems.some((item) => item.kind === 'role' && item.role === 'quit')).toBe(true);
    const macFile = buildMenuTemplate([], 'darwin')[1]?.items ?? [];
    expect(macFile.some((item) => item.kind === 'role' && item.role === 'quit')).toBe(false);
  });

  it('lists recent files, newest first, at most RECENT_LIMIT, and disables an empty list', () => {
    const recentMenu = (paths: string[]) =>
      (buildMenuTemplate(paths, 'linux')[0]?.items ?? []).find(
        (item): item is Extract<MenuEntry, { kind: 'submenu' }> => item.kind === 'submenu',
      );
    expect(recentMenu([])?.enabled).toBe(false);
    const paths = Array.from(
      { length: RECENT_LIMIT + 3 },
      (_, index) => `/home/ada/flows/w${index}.flow.json`,
    );
    const menu = recentMenu(paths);
    expect(menu?.enabled).toBe(true);
    expect(menu?.items).toHaveLength(RECENT_LIMIT);
    expect(menu?.items[0]).toEqual({
      kind: 'recent',
      label: 'w0.flow.json — flows',
      path: '/home/ada/flows/w0.flow.json',
    });
  });
});

describe('recentLabel', () => {
  it('shows the name and its folder, and escapes & so it is not taken for a mnemonic', () => {
    expect(recentLabel('C:\\Users\\ada\\R&D\\a.flow.json')).toBe('a.flow.json — R&&D');
    expect(recentLabel('/a.flow.json')).toBe('a.flow.json');
  });
});
