/** Run is refused while the workflow has problems: the problems list names the node, nothing starts. */
import { join } from 'node:path';
import { ROOT, expect, test } from './app-fixture';

const SHOTS = join(ROOT, 'test-results', 'e2e');

test.use({ appArgs: ['--clock', 'virtual'] });

test('a wait_for with no input keeps Run from starting and is named in the problems list', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  await page.getByRole('button', { name: 'New workflow', exact: true }).click();
  await page.getByRole('button', { name: /^Add wait_for:/ }).click();
  const limit = page.locator('[data-kind="wait_for"]');
  await expect(limit).toHaveCount(1);
  const id = await limit.getAttribute('data-node-id');
  expect(id).not.toBeNull();
  await expect(limit).toContainText('1 problem');
  await expect(page.getByRole('button', { name: '1 problem', exact: true })).toBeVisible();

  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const problems = page.getByRole('region', { name: 'Problems', exact: true });
  await expect(problems).toBeVisible();
  await expect(problems).toContainText(`node ${id as string} (wait_for)`);
  await expect(problems).toContainText('exactly one argument');
  await expect(page.locator('.status-line')).toContainText('Run refused');
  await expect(page.locator('[data-run-status]')).toHaveAttribute('data-run-status', 'idle');
  await expect(limit).toHaveAttribute('data-state', 'idle');
  await page.screenshot({ path: join(SHOTS, 'run-refused.png') });

  // F5 is refused the same way.
  await page.locator('.react-flow__pane').click({ position: { x: 40, y: 40 } });
  await page.keyboard.press('F5');
  await expect(page.locator('[data-run-status]')).toHaveAttribute('data-run-status', 'idle');

  // Choosing the problem selects its node.
  await problems.getByRole('button', { name: /exactly one argument/ }).click();
  await expect(limit).toHaveClass(/selected/);
});
