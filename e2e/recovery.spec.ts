/**
 * Unsaved work survives the app going away: edit without saving, stop the server, start a new one
 * with the same data directory, and the welcome screen offers the work back.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, expect, test } from './app-fixture';

const SHOTS = join(ROOT, 'test-results', 'e2e');

test('unsaved work is autosaved and offered back by a new server with the same data directory', async ({
  page,
  app,
  launchApp,
}) => {
  await page.goto(app.url);
  await page.getByRole('button', { name: 'New workflow', exact: true }).click();
  await page.getByRole('button', { name: /^Add sleep:/ }).click();
  await page.getByRole('button', { name: /^Add gather:/ }).click();
  await expect(page.locator('[data-node-id]')).toHaveCount(2);
  await expect(page.getByRole('toolbar', { name: 'Workflow' })).toContainText('● Untitled');

  const autosaveDir = join(app.dataDir, 'autosave');
  await expect
    .poll(() => (existsSync(autosaveDir) ? readdirSync(autosaveDir).length : 0), { timeout: 10_000 })
    .toBe(1);
  // The page leaves without saving: no "leave site?" prompt should keep the test waiting.
  page.on('dialog', (dialog) => void dialog.accept());
  await page.goto('about:blank');
  const dataDir = app.dataDir;
  await app.stop();

  const second = await launchApp([], dataDir);
  await page.goto(second.url);
  const recover = page.getByRole('region', { name: 'Recover unsaved work' });
  await expect(recover).toContainText('Untitled');
  await page.screenshot({ path: join(SHOTS, 'recover-offer.png') });
  await recover.getByRole('button', { name: 'Recover', exact: true }).click();
  await expect(page.locator('[data-kind="sleep"]')).toHaveCount(1);
  await expect(page.locator('[data-kind="gather"]')).toHaveCount(1);
  // Recovered work is still unsaved.
  await expect(page.getByRole('toolbar', { name: 'Workflow' })).toContainText('● Untitled');

  // Discard removes the offer for good.
  await second.stop();
  const third = await launchApp([], dataDir);
  await page.goto(third.url);
  await page.getByRole('button', { name: 'Discard unsaved work of Untitled' }).click();
  await expect(page.getByRole('region', { name: 'Recover unsaved work' })).toHaveCount(0);
  await expect.poll(() => readdirSync(autosaveDir).length).toBe(0);
});
