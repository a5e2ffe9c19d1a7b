/**
 * Building a workflow as a person does: drag nodes from the palette, connect them, edit a
 * parameter, meet a refused connection, undo and redo, copy and paste, save, reopen.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { ROOT, expect, test } from './app-fixture';

const SHOTS = join(ROOT, 'test-results', 'e2e');

async function dropFromPalette(page: Page, kind: string, x: number, y: number): Promise<string> {
  const before = new Set(
    await page.locator('[data-node-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-node-id'))),
  );
  await page
    .getByRole('button', { name: new RegExp(`^Add ${kind}:`) })
    .dragTo(page.locator('.react-flow__pane'), {
      targetPosition: { x, y },
    });
  const after = await page
    .locator('[data-node-id]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-node-id')));
  const added = after.filter((id) => id !== null && !before.has(id));
  expect(added).toHaveLength(1);
  return added[0] as string;
}

async function connect(page: Page, from: Locator, to: Locator): Promise<void> {
  const a = await from.boundingBox();
  const b = await to.boundingBox();
  if (a === null || b === null) throw new Error('handle not visible');
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 5 });
  await page.mouse.up();
}

const node = (page: Page, id: string): Locator => page.locator(`[data-node-id="${id}"]`);
const edges = (page: Page): Locator => page.locator('.react-flow__edge');

test('build, edit, undo, paste, save and reopen a workflow', async ({ page, app, launchApp }) => {
  await page.goto(app.url);
  await page.getByRole('button', { name: 'New workflow', exact: true }).click();
  await expect(page.locator('.react-flow__pane')).toBeVisible();

  const nap = await dropFromPalette(page, 'sleep', 150, 150);
  const all = await dropFromPalette(page, 'gather', 500, 200);
  await expect(node(page, nap)).toHaveAttribute('data-kind', 'sleep');
  await expect(node(page, all)).toHaveAttribute('data-kind', 'gather');

  // Connect the sleep's output to the gather's first input.
  await connect(page, page.getByLabel(`output of ${nap}`), page.getByLabel(`input 0 of ${all}`));
  await expect(edges(page)).toHaveCount(1);
  // The gather grows a new numbered input as it is connected.
  await expect(page.getByLabel(`input 1 of ${all}`)).toBeVisible();

  // A connection that would make a cycle is refused, and the app says why.
  await connect(page, page.getByLabel(`output of ${all}`), page.getByLabel(`input 0 of ${nap}`));
  await expect(page.locator('.status-line')).toContainText('cycle');
  await expect(edges(page)).toHaveCount(1);

  // Edit the sleep's seconds in the inspector; a negative value is refused inline.
  await node(page, nap).click();
  const seconds = page.getByLabel('Seconds', { exact: true });
  await seconds.fill('-1');
  await seconds.press('Enter');
  await expect(page.getByText('Seconds cannot be negative.')).toBeVisible();
  await seconds.fill('2.5');
  await seconds.press('Enter');
  await expect(node(page, nap)).toContainText('2.5');
  await page.screenshot({ path: join(SHOTS, 'editor-built.png') });

  // Undo the parameter change, then redo it.
  await node(page, nap).click();
  await page.keyboard.press('Control+z');
  await expect(node(page, nap)).not.toContainText('2.5');
  await page.keyboard.press('Control+y');
  await expect(node(page, nap)).toContainText('2.5');

  // Copy and paste the sleep: a new node with a fresh id.
  await node(page, nap).click();
  await page.keyboard.press('Control+c');
  await page.keyboard.press('Control+v');
  await expect(page.locator('[data-kind="sleep"]')).toHaveCount(2);
  const ids = await page
    .locator('[data-kind="sleep"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-node-id')));
  expect(new Set(ids).size).toBe(2);

  // Save As to a file, then open that file in a fresh app and find the same graph.
  const file = join(mkdtempSync(join(tmpdir(), 'flowloop-saved-')), 'built.flow.json');
  await page.getByRole('button', { name: 'Save As', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox').fill(file);
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.locator('.status-line')).toContainText('Saved');
  const saved = JSON.parse(readFileSync(file, 'utf8')) as {
    format: string;
    nodes: { id: string; kind: string; params: { seconds?: number } }[];
    edges: unknown[];
  };
  expect(saved.format).toBe('flowloop.graph/2');
  expect(saved.nodes.find((n) => n.id === nap)?.params.seconds).toBe(2.5);
  expect(saved.edges).toEqual([{ source: nap, target: all, input: 0 }]);

  await app.stop();
  const reopened = await launchApp([file]);
  await page.goto(reopened.url);
  await expect(page.locator('[data-node-id]')).toHaveCount(3);
  await expect(node(page, nap)).toContainText('2.5');
  await expect(edges(page)).toHaveCount(1);
  await page.screenshot({ path: join(SHOTS, 'editor-reopened.png') });
});
