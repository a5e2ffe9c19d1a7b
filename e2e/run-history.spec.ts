/**
 * Run history from outside: run a file, change a sleep, run it again; the History tab lists both
 * runs, compares them (the changed sleep and what waited on it differ), shows an old run on the
 * canvas with a way back; a third run of the unchanged graph is listed too, and all three are still
 * there after a page reload.
 */
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, expect, expectCanvasToMatchEngine, test } from './app-fixture';

const EXAMPLE = join(ROOT, 'examples', 'sequence-vs-gather.flow.json');

test.use({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
  appArgs: async ({}, use) => {
    // A copy for each test, because the test saves its edit.
    const file = join(mkdtempSync(join(tmpdir(), 'flowloop-history-e2e-')), 'sequence.flow.json');
    copyFileSync(EXAMPLE, file);
    await use([file, '--clock', 'virtual']);
  },
});

test('runs of a file are listed, compared and kept across a reload', async ({ page, app, appArgs }) => {
  await page.goto(app.url);
  await expect(page.locator('[data-node-id]')).toHaveCount(8);
  await page.getByTestId('dock-history').click();
  await expect(page.getByTestId('history-empty')).toBeVisible();
  const rows = page.getByTestId('history-row');

  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-status', 'done');
  await expect(rows.first()).toContainText('6.000 s');

  // Make the quick sleep slow (1 s → 4 s), save, and run again.
  await page.locator('[data-node-id="quick"]').click();
  const seconds = page.getByLabel('Seconds', { exact: true });
  await seconds.fill('4');
  await seconds.press('Enter');
  await expect(page.locator('[data-node-id="quick"]')).toContainText('4');
  await page.locator('[data-node-id="quick"]').click();
  await page.keyboard.press('Control+s');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText('9.000 s'); // newest first: 3 + 4 + 2 in sequence
  await expect(rows.nth(1)).toContainText('6.000 s');
  await expectCanvasToMatchEngine(page, appArgs[0] as string); // the saved edit is what ran

  // Compare: in the sequence, the edited sleep and everything awaited after it ended 3 s later; the
  // first sleep and the gathered half did not change.
  await expect(page.getByTestId('history-compare')).toBeDisabled();
  for (const row of await rows.all()) await row.getByRole('checkbox').check();
  await page.getByTestId('history-compare').click();
  const compared = page.getByTestId('compare-row');
  await expect(compared).toHaveCount(3);
  expect(await compared.evaluateAll((els) => els.map((e) => e.getAttribute('data-node')))).toEqual([
    'quick',
    'medium',
    'one_by_one',
  ]);
  await expect(compared.first()).toContainText('end time');
  await expect(compared.first()).toContainText('ended 4.000 s');
  await expect(compared.first()).toContainText('ended 7.000 s');
  await page.getByTestId('history-view').nth(1).click();
  await expect(page.getByTestId('history-showing')).toContainText(/Showing run of \d\d:\d\d:\d\d/);
  await expect(rows.nth(1)).toHaveAttribute('data-showing', 'true');
  await expect(page.locator('[data-node-id="quick"]')).toHaveAttribute('data-state', 'done');
  await page
    .getByTestId('run-history')
    .screenshot({ path: join(ROOT, 'test-results', 'e2e', 'run-history.png') });
  await page.screenshot({ path: join(ROOT, 'test-results', 'e2e', 'run-history-page.png') });
  await page.getByTestId('history-back').click();
  await expect(page.getByTestId('history-showing')).toHaveCount(0);

  // Run again with nothing changed but the view (the page names the last run instead of sending
  // the graph again, run.again): the same run once more.
  await page.locator('.react-flow__pane').hover();
  await page.mouse.wheel(0, 200);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(rows).toHaveCount(3);
  await expect(rows.first()).toContainText('9.000 s');
  await expectCanvasToMatchEngine(page, appArgs[0] as string);

  // The history is the host's, in the data folder: a reload finds every run again.
  await page.reload();
  await expect(page.locator('[data-node-id]')).toHaveCount(8);
  await page.getByTestId('dock-history').click();
  await expect(rows).toHaveCount(3);
  await expect(rows.first()).toContainText('9.000 s');
});
