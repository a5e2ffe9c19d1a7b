/**
 * A workflow with inputs: Run asks for their values (the defaults first, then the values last
 * given for the document), checks each as JSON as it is typed, and runs with them; Escape cancels.
 */
import { join } from 'node:path';
import { ROOT, expect, test } from './app-fixture';

const EXAMPLE = join(ROOT, 'examples', 'shipping-choice.flow.json');

test.use({ appArgs: [EXAMPLE, '--clock', 'virtual'] });

test('Run asks for the inputs, runs with them, and asks again with the values last given', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  await expect(page.locator('[data-node-id]')).toHaveCount(7);
  const status = page.locator('[data-run-status]');
  const state = (node: string) => page.locator(`[data-node-id="${node}"]`);

  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Run with inputs' });
  await expect(dialog).toBeVisible();
  const order = dialog.getByLabel(/order/);
  await expect(order).toHaveValue('{"id":7,"express":true,"items":["tea","cups"]}');
  await expect(dialog).toContainText('an order: { "id", "express", "items" }');
  await page.screenshot({ path: join(ROOT, 'test-results', 'e2e', 'run-inputs-dialog.png') });

  // Escape cancels: nothing runs.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(status).toHaveAttribute('data-run-status', 'idle');

  // Not JSON: said at the field, and Run does nothing until it is.
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await order.fill('{express: 0}');
  await expect(dialog.getByRole('alert')).toContainText('not JSON');
  await expect(dialog.getByRole('button', { name: 'Run' })).toHaveAttribute('aria-disabled', 'true');
  await order.press('Enter');
  await expect(dialog).toBeVisible();
  await expect(status).toHaveAttribute('data-run-status', 'idle');

  // 0 is false as Python counts it: the standard branch runs, the express branch never does.
  await order.fill('{"id": 8, "express": 0, "items": ["pot"]}');
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Run' }).click();
  await expect(dialog).toBeHidden();
  await expect(status).toHaveAttribute('data-run-status', 'done');
  await expect(state('standard')).toHaveAttribute('data-state', 'done');
  await expect(state('express')).toHaveAttribute('data-state', 'idle');
  await expect(state('shipping')).toHaveAttribute('data-state', 'done');

  // The next Run starts from the values last given for this document.
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(order).toHaveValue('{"id":8,"express":0,"items":["pot"]}');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
});
