/**
 * docs/app-surface.md from outside: open a workflow in the browser mode, press Run, and watch the states;
 * when the run ends the canvas shows exactly what the engine's --json report says.
 */
import { join } from 'node:path';
import { ROOT, expect, expectCanvasToMatchEngine, nodeWrites, test, watchNodeWrites } from './app-fixture';

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
  const look = (node: string) =>
    page.locator(`[data-node-id="${node}"]`).evaluate((box) => ({
      border: getComputedStyle(box).borderTopColor,
      mark: box.querySelector('.flow-node-state')?.textContent ?? null,
      markColour: getComputedStyle(box.querySelector('.flow-node-state') ?? box).color,
    }));
  const idle = await look('quick');

  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.locator('[data-run-status]')).toHaveAttribute('data-run-status', 'done');

  await expectCanvasToMatchEngine(page, EXAMPLE);
  await page.screenshot({ path: join(ROOT, 'test-results', 'e2e', 'after-run.png') });
  // A done node shows it by its border and by the legend's mark, in the legend's colour.
  const done = await look('quick');
  const legend = page.locator('[data-state-count="done"] .flow-node-state');
  expect(done.border).not.toBe(idle.border);
  expect(done.mark).toBe(await legend.textContent());
  expect(done.markColour).toBe(await legend.evaluate((mark) => getComputedStyle(mark).color));
  expect(idle.mark).toBe('');
});

test('F5 runs and Shift+F5 stops: cancellation reaches what asyncio would reach', async ({
  page,
  launchApp,
}) => {
  const app = await launchApp([join(ROOT, 'e2e', 'fixtures', 'stop.flow.json'), '--clock', 'real']);
  await page.goto(app.url);
  await expect(page.locator('[data-node-id]')).toHaveCount(6);
  await page.locator('[data-node-id="both"]').click();
  await watchNodeWrites(page);
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

  // Only nodes whose state changed were touched, and only to change it: a node the run never
  // reached saw no write at all, and every data-state write on the canvas changed the state shown.
  const writes = await nodeWrites(page);
  expect(writes.filter((w) => w.node === 'never_reached')).toEqual([]);
  const stateWrites = writes.filter((w) => w.what === 'data-state');
  expect(stateWrites.length).toBeGreaterThanOrEqual(5);
  expect(stateWrites.filter((w) => w.from === w.to)).toEqual([]);
});
