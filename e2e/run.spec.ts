/**
 * Spec §5 from outside: open a workflow in the browser mode, press Run, and watch the states;
 * when the run ends the canvas shows exactly what the engine's --json report says.
 */
import { join } from 'node:path';
import { ROOT, expect, expectCanvasToMatchEngine, test } from './app-fixture';

const EXAMPLE = join(ROOT, 'examples', 'sequence-vs-gather.flow.json');

test.use({ appArgs: [EXAMPLE, '--clock', 'virtual'] });

test('a run colours every node and ends as the engine’s report says', async ({ page, app }) => {
  await page.goto(app.url);
  const nodes = page.locator('[data-node-id]');
  await expect(nodes).toHaveCount(8);
  await expect(page.locator('[data-run-status]')).toHaveAttribute('data-run-status', 'idle');
  for (const state of await nodes.evaluateAll((els) => els.map((e) => e.getAttribute('data-state')))) {
    expect(state).toBe('idle');
  }
  await page.screenshot({ path: join(ROOT, 'test-results', 'e2e', 'before-run.png') });

  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.locator('[data-run-status]')).toHaveAttribute('data-run-status', 'done');

  await expectCanvasToMatchEngine(page, EXAMPLE);
  await page.screenshot({ path: join(ROOT, 'test-results', 'e2e', 'after-run.png') });
});

test('F5 runs and Shift+F5 stops: cancellation reaches what asyncio would reach', async ({ page, launchApp }) => {
  const app = await launchApp([join(ROOT, 'e2e', 'fixtures', 'stop.flow.json'), '--clock', 'real']);
  await page.goto(app.url);
  await expect(page.locator('[data-node-id]')).toHaveCount(6);
  await page.locator('[data-node-id="both"]').click();
  await page.keyboard.press('F5');
  await expect(page.locator('[data-run-status]')).toHaveAttribute('data-run-status', 'running');
  await expect(page.locator('[data-node-id="first"]')).toHaveAttribute('data-state', 'done');
  await expect(page.locator('[data-node-id="long_wait"]')).toHaveAttribute('data-state', 'running');
  // A running node shows its elapsed loop time, and it moves while nothing else changes.
  const elapsed = page.locator('[data-node-id="long_wait"] .flow-node-elapsed');
  await expect(elapsed).toHaveAttribute('data-elapsed', /^\d+\.\d s$/);
  await expect(elapsed).toHaveAttribute('data-elapsed', /^(1\.[0-9]|[2-9]\.[0-9]|\d\d+\.\d) s$/);
  await expect(page.locator('[data-loop-time]')).not.toHaveAttribute('data-loop-time', /^0\./);
  await page.screenshot({ path: join(ROOT, 'test-results', 'e2e', 'running-elapsed.png') });
  await page.keyboard.press('Shift+F5');
  await expect(page.locator('[data-run-status]')).toHaveAttribute('data-run-status', 'cancelled');
  for (const id of ['long_wait', 'in_order', 'background', 'both']) {
    await expect(page.locator(`[data-node-id="${id}"]`)).toHaveAttribute('data-state', 'cancelled');
  }
  await expect(page.locator('[data-node-id="never_reached"]')).toHaveAttribute('data-state', 'idle');
});
