/**
 * Starting points: the welcome screen's examples gallery opens an example; a double-click on empty
 * canvas opens quick add, and Enter puts the typed kind where the double-click was.
 */
import { join } from 'node:path';
import { ROOT, expect, test } from './app-fixture';

const SHOTS = join(ROOT, 'test-results', 'e2e');

test('a card of the examples gallery opens that example on the canvas', async ({ page, app }) => {
  await page.goto(app.url);
  const gallery = page.getByRole('region', { name: 'Examples' });
  const card = gallery.getByRole('button', { name: /under asyncio\.wait/ });
  await expect(card).toBeVisible();
  await page.screenshot({ path: join(SHOTS, 'welcome.png'), fullPage: true });
  await card.click();
  await expect(page.locator('[data-node-id]')).toHaveCount(4);
  await expect(page.locator('[data-node-id="all_done"]')).toHaveAttribute('data-kind', 'wait');
  await expect(page.getByRole('toolbar', { name: 'Workflow' })).toContainText('Two pages and a nap');
  // Opening an example is not an edit: nothing to save yet.
  await expect(page.getByRole('toolbar', { name: 'Workflow' })).not.toContainText('●');
  await page.screenshot({ path: join(SHOTS, 'example-opened.png') });
});

test('double-click on empty canvas, type a kind, Enter: the node lands at that point', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  await page.getByRole('button', { name: 'New workflow', exact: true }).click();
  const pane = page.locator('.react-flow__pane');
  await expect(pane).toBeVisible();
  const box = await pane.boundingBox();
  if (box === null) throw new Error('no canvas');
  const at = { x: box.x + 260, y: box.y + 220 };
  await page.mouse.dblclick(at.x, at.y);
  const search = page.getByRole('dialog', { name: 'Quick add node' }).getByLabel('Node kind to add');
  await expect(search).toBeFocused();
  await search.fill('gath');
  await expect(
    page.getByRole('listbox', { name: 'Matching kinds' }).getByRole('option', { selected: true }),
  ).toContainText('gather');
  await page.screenshot({ path: join(SHOTS, 'quick-add.png') });
  await search.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Quick add node' })).toHaveCount(0);
  const added = page.locator('[data-kind="gather"]');
  await expect(added).toHaveCount(1);
  // The node's top-left corner is where the double-click was (within one grid step of snapping).
  const nodeBox = await added.boundingBox();
  if (nodeBox === null) throw new Error('node not visible');
  expect(Math.abs(nodeBox.x - at.x)).toBeLessThanOrEqual(16);
  expect(Math.abs(nodeBox.y - at.y)).toBeLessThanOrEqual(16);

  // Escape closes quick add without adding anything.
  await page.mouse.dblclick(box.x + 600, box.y + 400);
  await expect(search).toBeFocused();
  await search.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Quick add node' })).toHaveCount(0);
  await expect(page.locator('[data-node-id]')).toHaveCount(1);
});
