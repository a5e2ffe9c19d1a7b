/**
 * The editor without a mouse: Tab reaches the controls, every toolbar button has a name, and the
 * edit keys work on the canvas — Ctrl+A, arrow nudges, Ctrl+D, Delete. Also the auto-layout button.
 */
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { ROOT, expect, test } from './app-fixture';

const EXAMPLE = join(ROOT, 'examples', 'seed-wait.flow.json');
const SHOTS = join(ROOT, 'test-results', 'e2e');

test.use({ appArgs: [EXAMPLE] });

type Box = { x: number; y: number };
async function positions(page: Page): Promise<Record<string, Box>> {
  // The store's positions are what xyflow writes into each node wrapper's transform.
  return page.locator('.react-flow__node').evaluateAll((els) =>
    Object.fromEntries(
      els.map((el) => {
        const m = /translate\(([-\d.]+)px,\s*([-\d.]+)px\)/.exec(el.getAttribute('style') ?? '');
        return [el.getAttribute('data-id'), { x: Number(m?.[1]), y: Number(m?.[2]) }];
      }),
    ),
  );
}
const selectedIds = (page: Page) =>
  page
    .locator('.flow-node.selected')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-node-id')).sort());

test('every toolbar control has an accessible name and Tab reaches them in order', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(page.locator('[data-node-id]')).toHaveCount(4);
  const toolbar = page.getByRole('toolbar', { name: 'Workflow' });
  const buttons = toolbar.getByRole('button');
  const count = await buttons.count();
  expect(count).toBeGreaterThanOrEqual(9);
  for (let i = 0; i < count; i++) {
    const name = await buttons
      .nth(i)
      .evaluate((el) => (el.getAttribute('aria-label') ?? el.textContent ?? '').trim());
    expect(name, `toolbar button ${i}`).not.toBe('');
  }
  for (const name of ['Run', 'Stop', 'Auto-layout', 'Undo', 'Redo', 'Save', 'Open', 'New']) {
    await expect(toolbar.getByRole('button', { name, exact: true })).toHaveCount(1);
  }
  await expect(toolbar.getByRole('combobox', { name: 'Clock' })).toBeVisible();
  // The canvas's zoom controls are named too.
  for (const button of await page.locator('.react-flow__controls button').all()) {
    expect((await button.getAttribute('aria-label')) ?? (await button.getAttribute('title'))).toBeTruthy();
  }

  // From the top of the page, Tab walks through the enabled toolbar buttons first.
  await page.locator('body').focus();
  const reached: string[] = [];
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    reached.push(
      await page.evaluate<string>(
        "(document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? '').trim()",
      ),
    );
  }
  expect(reached.slice(0, 4)).toEqual(['New', 'Open', 'Save', 'Save As']);
  expect(reached).toContain('Auto-layout');
  expect(reached).toContain('Run');
  // Enter on a focused toolbar button works like a click: the Problems button opens its panel.
  await page.getByRole('button', { name: '0 problems' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Problems' })).toContainText('No problems');
});

test('Ctrl+A selects all, arrows nudge, Ctrl+D duplicates, Delete removes', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(page.locator('[data-node-id]')).toHaveCount(4);
  const pane = page.locator('.react-flow__pane');
  await pane.click({ position: { x: 30, y: 30 } });

  await page.keyboard.press('Control+a');
  expect(await selectedIds(page)).toEqual(['all_done', 'nap', 'page_a', 'page_b']);
  await expect(page.locator('.react-flow__edge.selected')).toHaveCount(3);

  const before = await positions(page);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect
    .poll(async () => (await positions(page)).nap)
    .toEqual({ x: (before.nap?.x ?? 0) + 16, y: (before.nap?.y ?? 0) + 32 });
  const after = await positions(page);
  for (const id of Object.keys(before)) {
    expect(after[id]).toEqual({ x: (before[id]?.x ?? 0) + 16, y: (before[id]?.y ?? 0) + 32 });
  }

  // A click on empty canvas clears the selection; a click on a node selects just it. Ctrl+D duplicates.
  await pane.click({ position: { x: 30, y: 30 } });
  expect(await selectedIds(page)).toEqual([]);
  await page.locator('[data-node-id="nap"]').click();
  expect(await selectedIds(page)).toEqual(['nap']);
  await page.keyboard.press('Control+d');
  await expect(page.locator('[data-kind="sleep"]')).toHaveCount(2);
  const copies = await selectedIds(page);
  expect(copies).toHaveLength(1);
  expect(copies[0]).not.toBe('nap');
  const copy = copies[0] as string;
  const moved = await positions(page);
  expect(moved[copy]).toEqual({ x: (moved.nap?.x ?? 0) + 32, y: (moved.nap?.y ?? 0) + 32 });

  // Delete removes the selected node (the copy) and nothing else.
  await page.keyboard.press('Delete');
  await expect(page.locator(`[data-node-id="${copy}"]`)).toHaveCount(0);
  await expect(page.locator('[data-node-id]')).toHaveCount(4);
  // Delete on a node with edges removes its edges too.
  await pane.click({ position: { x: 30, y: 30 } });
  await page.locator('[data-node-id="nap"]').click();
  await page.keyboard.press('Delete');
  await expect(page.locator('[data-node-id]')).toHaveCount(3);
  await expect(page.locator('.react-flow__edge')).toHaveCount(2);
  await page.keyboard.press('Control+z');
  await expect(page.locator('[data-node-id]')).toHaveCount(4);
  await expect(page.locator('.react-flow__edge')).toHaveCount(3);
});

test('auto-layout arranges the nodes left to right: sources before the node they feed', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  await expect(page.locator('[data-node-id]')).toHaveCount(4);
  // Pile everything on one spot first, so the layout has something to do.
  await page.locator('.react-flow__pane').click({ position: { x: 30, y: 30 } });
  await page.locator('[data-node-id="all_done"]').click();
  for (let i = 0; i < 20; i++) await page.keyboard.press('Shift+ArrowLeft');
  const piled = await positions(page);
  expect(piled.all_done?.x).toBeLessThan(piled.page_a?.x ?? 0);

  await page.getByRole('button', { name: 'Auto-layout', exact: true }).click();
  await expect
    .poll(async () => {
      const p = await positions(page);
      return ['page_a', 'nap', 'page_b'].every((id) => (p[id]?.x ?? 0) < (p.all_done?.x ?? 0));
    })
    .toBe(true);
  const laid = await positions(page);
  // The three arguments sit in one column, top to bottom in input order: no crossing edges.
  const ys = ['page_a', 'nap', 'page_b'].map((id) => laid[id]?.y ?? 0);
  expect([...ys].sort((a, b) => a - b)).toEqual(ys);
  expect(new Set(ys).size).toBe(3);
  expect(new Set(['page_a', 'nap', 'page_b'].map((id) => laid[id]?.x)).size).toBe(1);
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect.poll(async () => (await positions(page)).all_done).toEqual(piled.all_done);
  await page.getByRole('button', { name: 'Redo', exact: true }).click();
  await page.getByRole('button', { name: 'Fit View' }).click();
  await page.screenshot({ path: join(SHOTS, 'auto-layout.png') });
});
