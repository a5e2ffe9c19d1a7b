/**
 * The command palette (Ctrl+K): it opens anywhere, runs commands, finds a node by id, label or kind
 * and selects and centres it; keyboard only, with aria-activedescendant following the arrows. Also
 * Ctrl+Enter, which runs exactly as the Run button does, refusals included. Screenshots of the
 * palette in both themes go to test-results/e2e/.
 */
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { ROOT, expect, test } from './app-fixture';

const STOP = join(ROOT, 'e2e', 'fixtures', 'stop.flow.json');
const NAP = join(ROOT, 'e2e', 'fixtures', 'half-second-nap.flow.json');
const SHOTS = join(ROOT, 'test-results', 'e2e');

const palette = (page: Page) => page.getByRole('dialog', { name: 'Command palette' });
const field = (page: Page) => palette(page).getByRole('combobox', { name: 'Command or node' });
const selectedIds = (page: Page) =>
  page
    .locator('.flow-node.selected')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-node-id')).sort());

/** The option aria-activedescendant names, as the text a screen reader reads. */
async function activeOption(page: Page): Promise<string> {
  const id = await field(page).getAttribute('aria-activedescendant');
  expect(id).toBeTruthy();
  const option = page.locator(`[id="${id as string}"]`);
  await expect(option).toHaveAttribute('role', 'option');
  await expect(option).toHaveAttribute('aria-selected', 'true');
  return (await option.innerText()).replace(/\s+/g, ' ').trim();
}

test.describe('the palette', () => {
  test.use({ appArgs: [STOP, '--clock', 'virtual'] });

  test('Ctrl+K opens it with the commands and their keys; arrows move, Enter runs a command, Escape closes', async ({
    page,
    app,
  }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(app.url);
    await expect(page.locator('[data-node-id]')).toHaveCount(6);
    await page.locator('.react-flow__pane').click({ position: { x: 30, y: 30 } });

    await page.keyboard.press('Control+k');
    await expect(palette(page)).toBeVisible();
    await expect(palette(page)).toHaveAttribute('aria-modal', 'true');
    await expect(field(page)).toBeFocused();
    await expect(field(page)).toHaveAttribute('aria-expanded', 'true');
    const list = page.getByRole('listbox', { name: 'Commands and nodes' });
    await expect(field(page)).toHaveAttribute('aria-controls', (await list.getAttribute('id')) as string);
    // Every command that applies, with the keys that work in the browser beside it (Ctrl+N is the
    // browser's own: New shows none here).
    expect(await activeOption(page)).toBe('File New workflow');
    await expect(list.getByRole('option', { name: /Open…/ })).toContainText('Ctrl+O');
    const save = list.getByRole('option', { name: /Save As…/ });
    await expect(save).toContainText('Ctrl+Shift+S');
    await expect(list.getByRole('option', { name: /^Run Run/ })).toContainText('F5Ctrl+Enter');
    // Nothing to stop, nothing to redo: those are not offered.
    await expect(list.getByRole('option', { name: /^Run Stop/ })).toHaveCount(0);
    await expect(list.getByRole('option', { name: /Redo/ })).toHaveCount(0);

    await page.keyboard.press('ArrowDown');
    expect(await activeOption(page)).toBe('File Open… Ctrl+O');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp'); // wraps to the last
    expect(await activeOption(page)).toBe('Help About Flowloop');
    await page.screenshot({ path: join(SHOTS, 'command-palette-light.png') });

    await page.keyboard.press('Escape');
    await expect(palette(page)).toHaveCount(0);

    // Typing narrows and ranks: "tog tim" is Toggle Timeline, which Enter carries out.
    const timeline = page.getByRole('button', { name: 'Timeline', exact: true });
    await expect(timeline).toHaveAttribute('aria-pressed', 'false');
    await page.keyboard.press('Control+k');
    await page.keyboard.type('tog tim');
    expect(await activeOption(page)).toBe('View Toggle Timeline');
    await expect(palette(page).locator('mark')).not.toHaveCount(0); // the matched letters stand out
    await page.keyboard.press('Enter');
    await expect(palette(page)).toHaveCount(0);
    await expect(timeline).toHaveAttribute('aria-pressed', 'true');

    // A command from the palette is the toolbar's: Theme: dark switches the page to dark.
    await page.keyboard.press('Control+k');
    await page.keyboard.type('theme dark');
    expect(await activeOption(page)).toBe('View Theme: dark');
    await page.keyboard.press('Enter');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await page.keyboard.press('Control+k');
    await page.keyboard.type('sa');
    await page.screenshot({ path: join(SHOTS, 'command-palette-dark.png') });
    // Ctrl+K again closes it; a click outside closes it too.
    await page.keyboard.press('Control+k');
    await expect(palette(page)).toHaveCount(0);
    await page.keyboard.press('Control+k');
    await page.mouse.click(20, 880);
    await expect(palette(page)).toHaveCount(0);

    // Nothing matching says so.
    await page.keyboard.press('Control+k');
    await page.keyboard.type('zzqqx');
    await expect(palette(page)).toContainText('Nothing matches “zzqqx”.');
    await expect(palette(page).getByRole('option')).toHaveCount(0);
  });

  test('finds a node by id, label or kind; choosing it selects it and centres the canvas on it', async ({
    page,
    app,
  }) => {
    await page.goto(app.url);
    await expect(page.locator('[data-node-id]')).toHaveCount(6);
    await page.locator('[data-node-id="first"]').click();
    expect(await selectedIds(page)).toEqual(['first']);
    const canvas = await page.locator('.react-flow').boundingBox();
    const node = page.locator('[data-node-id="both"]');
    const offCentre = async () => {
      const box = await node.boundingBox();
      if (!box || !canvas) return Infinity;
      return Math.hypot(
        box.x + box.width / 2 - (canvas.x + canvas.width / 2),
        box.y + box.height / 2 - (canvas.y + canvas.height / 2),
      );
    };
    expect(await offCentre()).toBeGreaterThan(100); // the fitted graph has it at the right

    await page.keyboard.press('Control+k');
    await page.keyboard.type('both');
    // A node's option shows its kind and id (its label if it has one).
    expect(await activeOption(page)).toBe('gather both');
    await page.keyboard.press('Enter');
    await expect(palette(page)).toHaveCount(0);
    expect(await selectedIds(page)).toEqual(['both']);
    // Centred: the node's middle is at the canvas's middle, give or take a few pixels.
    await expect.poll(offCentre).toBeLessThan(4);
    // The inspector follows the selection.
    await expect(page.getByRole('complementary', { name: 'Inspector: both' })).toBeVisible();

    // By kind, with '@' for nodes only: the sequence node.
    await page.keyboard.press('Control+k');
    await page.keyboard.type('@sequ');
    await expect(palette(page).getByRole('option')).toHaveCount(1);
    expect(await activeOption(page)).toBe('sequence in_order');
    await page.keyboard.press('Enter');
    expect(await selectedIds(page)).toEqual(['in_order']);

    // By mouse, too.
    await page.keyboard.press('Control+k');
    await page.keyboard.type('@long');
    await palette(page)
      .getByRole('option', { name: /long_wait/ })
      .click();
    expect(await selectedIds(page)).toEqual(['long_wait']);
  });

  test('opens from a text field too (as VS Code’s palette does), and gives the focus back when it closes', async ({
    page,
    app,
  }) => {
    await page.goto(app.url);
    await page.locator('[data-node-id="first"]').click();
    const label = page.getByRole('complementary', { name: 'Inspector: first' }).getByRole('textbox').first();
    await label.click();
    await page.keyboard.press('Control+k');
    await expect(palette(page)).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(label).toBeFocused();
    // Over another dialog it does not open: Open's path dialog keeps the keys.
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    const open = page.getByRole('dialog', { name: 'Open a workflow' });
    await expect(open).toBeVisible();
    await page.keyboard.press('Control+k');
    await expect(palette(page)).toHaveCount(0);
    await page.keyboard.press('Escape');
    // A command that opens a dialog gets the focus into it: Open… from the palette.
    await page.keyboard.press('Control+k');
    await page.keyboard.type('open');
    await page.keyboard.press('Enter');
    await expect(open).toBeVisible();
    await expect(open.getByRole('textbox')).toBeFocused();
  });
});

test.describe('Ctrl+Enter', () => {
  test.use({ appArgs: [NAP, '--clock', 'virtual'] });

  test('runs the workflow as the Run button does, from the canvas or a text field', async ({ page, app }) => {
    await page.goto(app.url);
    const status = page.locator('[data-run-status]');
    await expect(status).toHaveAttribute('data-run-status', 'idle');
    await page.locator('.react-flow__pane').click({ position: { x: 30, y: 30 } });
    await page.keyboard.press('Control+Enter');
    await expect(status).toHaveAttribute('data-run-status', 'done');
    await expect(page.locator('[data-node-id="nap"]')).toHaveAttribute('data-state', 'done');

    // From the inspector's label field: it runs (the history gains a run), and the field keeps its
    // text (no line added).
    await page.getByTestId('dock-history').click();
    const rows = page.getByTestId('history-row');
    await expect(rows).toHaveCount(1);
    await page.locator('[data-node-id="nap"]').click();
    const label = page.getByRole('complementary', { name: 'Inspector: nap' }).getByRole('textbox').first();
    await label.click();
    const before = await label.inputValue();
    await page.keyboard.press('Control+Enter');
    await expect(rows).toHaveCount(2);
    await expect(status).toHaveAttribute('data-run-status', 'done');
    await expect(label).toHaveValue(before);
    await expect(label).toBeFocused();
  });

  test('is refused like Run while the workflow has problems', async ({ page, app }) => {
    await page.goto(app.url);
    await page.getByRole('button', { name: /^Add wait_for:/ }).click();
    await expect(page.locator('[data-kind="wait_for"]')).toHaveCount(1);
    await page.locator('.react-flow__pane').click({ position: { x: 30, y: 30 } });
    await page.keyboard.press('Control+Enter');
    await expect(page.getByRole('region', { name: 'Problems', exact: true })).toBeVisible();
    await expect(page.locator('.status-line')).toContainText('Run refused');
    await expect(page.locator('[data-run-status]')).toHaveAttribute('data-run-status', 'idle');
  });
});
