/**
 * Sticky notes and groups on the canvas (docs/app-surface.md, "Notes and groups"): a note written in
 * markdown shows rendered (and raw HTML as text); two nodes grouped with a title; dragging the
 * group's title moves both nodes and nothing else; Save keeps it all, and a fresh app shows it again.
 */
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { ROOT, expect, test } from './app-fixture';

const SHOTS = join(ROOT, 'test-results', 'e2e');
const FIXTURE = join(ROOT, 'e2e', 'fixtures', 'notes-groups.flow.json');

interface Saved {
  nodes: { id: string; position: { x: number; y: number } }[];
  notes?: { id: string; text: string; position: { x: number; y: number } }[];
  groups?: { id: string; title: string; nodes: string[] }[];
}

const read = (file: string): Saved => JSON.parse(readFileSync(file, 'utf8')) as Saved;
const positions = (saved: Saved) => Object.fromEntries(saved.nodes.map((n) => [n.id, n.position]));

async function centre(page: Page, selector: string): Promise<{ x: number; y: number }> {
  const box = await page.locator(selector).boundingBox();
  if (box === null) throw new Error(`${selector} is not visible`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

const TEXT = '# Plan\nFetch **both** pages, *then* gather.\n- `page_a` first\n- page_b next\n<b>not html</b>';

test('notes and groups: write a note, group two nodes, drag the group, save and reopen', async ({
  page,
  launchApp,
}) => {
  const file = join(mkdtempSync(join(tmpdir(), 'flowloop-notes-')), 'notes.flow.json');
  copyFileSync(FIXTURE, file);
  const before = positions(read(file));
  const app = await launchApp([file]);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(app.url);
  await expect(page.locator('[data-node-id="page_a"]')).toBeVisible();

  // A note: the Note button opens one ready to type; Escape shows it rendered.
  await page.getByRole('button', { name: 'Note', exact: true }).click();
  const editor = page.getByRole('textbox', { name: 'Text of note note1 (markdown)' });
  await expect(editor).toBeFocused();
  await editor.fill(TEXT);
  await page.screenshot({ path: join(SHOTS, 'notes-groups-editing.png') });
  await editor.press('Escape');
  const note = page.locator('[data-note-id="note1"]');
  await expect(page.getByRole('note', { name: 'Note note1' })).toContainText('Plan');
  await expect(note.locator('h3')).toHaveText('Plan');
  await expect(note.locator('strong')).toHaveText('both');
  await expect(note.locator('em')).toHaveText('then');
  await expect(note.locator('li')).toHaveCount(2);
  await expect(note.locator('code')).toHaveText('page_a');
  await expect(note).toContainText('<b>not html</b>');
  await expect(note.locator('b')).toHaveCount(0);

  // Double-click edits it again.
  await note.dblclick();
  await expect(editor).toHaveValue(TEXT);
  await editor.press('Escape');

  // Selected, it resizes by its corner (wider and lower here).
  await note.click();
  const corner = await centre(page, '[data-id="note:note1"] .react-flow__resize-control.handle.bottom.right');
  const width0 = (await note.boundingBox())?.width ?? 0;
  await page.mouse.move(corner.x, corner.y);
  await page.mouse.down();
  await page.mouse.move(corner.x + 50, corner.y - 30, { steps: 4 });
  await page.mouse.move(corner.x + 100, corner.y - 50, { steps: 4 });
  await page.mouse.up();
  expect((await note.boundingBox())?.width ?? 0).toBeGreaterThan(width0 + 50);
  // And takes a colour from the swatches over it.
  await page
    .getByRole('group', { name: 'Colour of note note1' })
    .getByRole('button', { name: 'blue' })
    .click();
  await expect(note).toHaveAttribute('data-color', 'blue');

  // Group two nodes: select both, Ctrl+G, type the title.
  await page.locator('[data-node-id="page_a"]').click();
  await page.locator('[data-node-id="page_b"]').click({ modifiers: ['Control'] });
  await page.keyboard.press('Control+g');
  const title = page.getByRole('textbox', { name: 'Title of group group1' });
  await expect(title).toBeFocused();
  await title.fill('Fetch the pages');
  await title.press('Enter');
  const group = page.locator('[data-group-id="group1"]');
  await expect(page.getByRole('group', { name: 'Group Fetch the pages' })).toBeVisible();
  await expect(group).toHaveAttribute('data-group-nodes', 'page_a page_b');
  await page
    .getByRole('group', { name: 'Colour of group group1' })
    .getByRole('button', { name: 'green' })
    .click();
  await expect(group).toHaveAttribute('data-color', 'green');

  // Drag the group by its title: both nodes move by as much, the gather stays.
  const a0 = await centre(page, '[data-node-id="page_a"]');
  const b0 = await centre(page, '[data-node-id="page_b"]');
  const all0 = await centre(page, '[data-node-id="all"]');
  const grip = await centre(page, '[data-group-id="group1"] .group-frame-title');
  await page.mouse.move(grip.x, grip.y);
  await page.mouse.down();
  await page.mouse.move(grip.x + 60, grip.y + 80, { steps: 4 });
  await page.mouse.move(grip.x + 120, grip.y + 160, { steps: 4 });
  await page.mouse.up();
  const a1 = await centre(page, '[data-node-id="page_a"]');
  const b1 = await centre(page, '[data-node-id="page_b"]');
  const all1 = await centre(page, '[data-node-id="all"]');
  expect(a1.x - a0.x).toBeGreaterThan(60);
  expect(a1.y - a0.y).toBeGreaterThan(100);
  expect(Math.abs(b1.x - b0.x - (a1.x - a0.x))).toBeLessThan(1);
  expect(Math.abs(b1.y - b0.y - (a1.y - a0.y))).toBeLessThan(1);
  expect(all1).toEqual(all0);
  await page.screenshot({ path: join(SHOTS, 'notes-groups-light.png') });

  // Save, and the file holds the note, the group and the moved nodes.
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.locator('.status-line')).toContainText('Saved');
  const saved = read(file);
  expect(saved.notes).toEqual([expect.objectContaining({ id: 'note1', text: TEXT, color: 'blue' })]);
  expect(saved.notes?.[0]).toHaveProperty('size.width');
  expect(saved.groups).toEqual([
    { id: 'group1', title: 'Fetch the pages', nodes: ['page_a', 'page_b'], color: 'green' },
  ]);
  const after = positions(saved);
  const dx = (after.page_a?.x ?? 0) - (before.page_a?.x ?? 0);
  const dy = (after.page_a?.y ?? 0) - (before.page_a?.y ?? 0);
  expect(dx).toBeGreaterThan(0);
  expect(dy).toBeGreaterThan(0);
  expect(after.page_b).toEqual({ x: (before.page_b?.x ?? 0) + dx, y: (before.page_b?.y ?? 0) + dy });
  expect(after.all).toEqual(before.all);

  // A fresh app on the saved file shows them again, in the dark theme too.
  const reopened = await launchApp([file]);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(reopened.url);
  await expect(page.locator('[data-note-id="note1"] strong')).toHaveText('both');
  await expect(page.getByRole('group', { name: 'Group Fetch the pages' })).toBeVisible();
  await page.screenshot({ path: join(SHOTS, 'notes-groups-dark.png') });

  // Ungroup (the group selected by its title) leaves the nodes where they are.
  await page.locator('[data-group-id="group1"] .group-frame-title').click();
  await page.getByRole('button', { name: 'Ungroup', exact: true }).click();
  await expect(page.locator('[data-group-id]')).toHaveCount(0);
  await expect(page.locator('[data-node-id]')).toHaveCount(3);

  // N on the canvas adds another note, ready to type; Ctrl+Z takes it back.
  await page.locator('.react-flow__pane').click({ position: { x: 40, y: 300 } });
  await page.keyboard.press('n');
  await expect(page.getByRole('textbox', { name: 'Text of note note2 (markdown)' })).toBeFocused();
  await page.keyboard.type('*second*');
  await page.keyboard.press('Escape');
  await expect(page.locator('[data-note-id="note2"] em')).toHaveText('second');
  await page.locator('[data-note-id="note2"]').click();
  await page.screenshot({ path: join(SHOTS, 'notes-groups-selected-note.png') });
  await page.keyboard.press('Control+z');
  await expect(page.locator('[data-note-id="note2"] em')).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(page.locator('[data-note-id="note2"]')).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(page.locator('[data-group-id="group1"]')).toBeVisible();

  // Delete removes a selected note, and a selected group without its nodes.
  await page.locator('[data-note-id="note1"]').click();
  await page.keyboard.press('Delete');
  await expect(page.locator('[data-note-id]')).toHaveCount(0);
  await page.locator('[data-group-id="group1"] .group-frame-title').click();
  await page.keyboard.press('Delete');
  await expect(page.locator('[data-group-id]')).toHaveCount(0);
  await expect(page.locator('[data-node-id]')).toHaveCount(3);
});
