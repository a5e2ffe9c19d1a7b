/**
 * A node's retries are visible: while and after a run, the node shows how many failed tries its retry
 * caught (↻N, each in its title), the inspector lists them, and the timeline notches its row there.
 */
import { join } from 'node:path';
import { ROOT, expect, test } from './app-fixture';

const WORKFLOW = join(ROOT, 'e2e', 'fixtures', 'retries.flow.json');

test.use({ appArgs: [WORKFLOW, '--clock', 'virtual'] });

test('the canvas and the inspector show each failed try a retry caught', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(page.locator('[data-node-id]')).toHaveCount(3);
  await expect(page.locator('[data-retries]')).toHaveCount(0);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.locator('[data-run-status]')).toHaveAttribute('data-run-status', 'done');

  const badge = page.locator('[data-node-id="flaky"] [data-retries]');
  await expect(badge).toHaveAttribute('data-retries', '2');
  await expect(badge).toHaveText('↻2');
  await expect(badge).toHaveAttribute(
    'title',
    /try 1 failed at 0\.50 s: ConnectionError: refused\ntry 2 failed at 2\.00 s/,
  );
  await expect(page.locator('[data-node-id="beside"] [data-retries]')).toHaveCount(0);

  await page.locator('[data-node-id="flaky"]').click();
  const tries = page.getByTestId('node-run-retries').locator('li');
  await expect(tries).toHaveCount(2);
  await expect(tries.nth(0)).toHaveText(
    'try 1 failed at 0.5 s: ConnectionError: refused; next try after 1 s',
  );
  await expect(tries.nth(1)).toHaveText('try 2 failed at 2 s: ConnectionError: refused; next try after 2 s');
  await page.getByRole('button', { name: 'Timeline' }).click();
  await page.screenshot({ path: join(ROOT, 'test-results', 'e2e', 'retries.png') });
});

test('the inspector switches a retry on, edits it, and undo takes it back', async ({ page, app }) => {
  await page.goto(app.url);
  await page.locator('[data-node-id="beside"]').click();
  const form = page.getByRole('region', { name: 'Retry of beside' });
  const on = form.getByLabel('Retry when it fails');
  await expect(on).not.toBeChecked();
  await on.check();
  const tries = form.getByLabel('Tries in all');
  await expect(tries).toHaveValue('3');
  await tries.fill('0');
  await expect(form.getByText('A whole number from 1 to 100: the tries in all.')).toBeVisible();
  await tries.fill('5');
  await tries.press('Enter');
  await form.getByLabel('Or HTTPErrors with these statuses').fill('502, 503');
  await form.getByLabel('Or HTTPErrors with these statuses').press('Enter');
  await expect(form.getByLabel('Tries in all')).toHaveValue('5');
  await expect(form.getByLabel('Or HTTPErrors with these statuses')).toHaveValue('502, 503');
  // The combinator has no retry section.
  await page.locator('[data-node-id="both"]').click();
  await expect(page.getByRole('region', { name: 'Retry of both' })).toHaveCount(0);
  await page.locator('[data-node-id="beside"]').click();
  for (let i = 0; i < 3; i++) await page.keyboard.press('Control+z');
  await expect(
    page.getByRole('region', { name: 'Retry of beside' }).getByLabel('Retry when it fails'),
  ).not.toBeChecked();
});
