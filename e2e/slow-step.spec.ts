/**
 * One event loop, one holder: a JavaScript transform that computes for 2 s holds the loop, so
 * the 0.2 s sleep beside it cannot finish before it, and the app says the loop was blocked, as
 * asyncio's debug mode does for a slow callback.
 */
import { join } from 'node:path';
import { ROOT, expect, expectCanvasToMatchEngine, test } from './app-fixture';

const FIXTURE = join(ROOT, 'e2e', 'fixtures', 'slow-step.flow.json');

test.use({ appArgs: [FIXTURE, '--clock', 'real'] });

test('a computing transform blocks the loop and leaves a "loop blocked" warning', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(page.locator('[data-node-id]')).toHaveCount(3);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.locator('[data-run-status]')).toHaveAttribute('data-run-status', 'done');
  await expectCanvasToMatchEngine(page, FIXTURE, 'real');
  await expect(page.locator('.slow-step-warning')).toContainText(/loop blocked for 2\.[0-9] s by crunch/);
  await page.screenshot({ path: join(ROOT, 'test-results', 'e2e', 'slow-step.png') });
});
