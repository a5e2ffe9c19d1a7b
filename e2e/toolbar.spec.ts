/**
 * The toolbar from outside: slow motion is a clock choice with a keyboard-operable scale slider
 * (0.1×–1×) that paces the next run and is remembered across reloads; and the toolbar fits on one
 * line from 1280 px wide, in the light and the dark theme. Screenshots go to test-results/e2e/.
 */
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { ROOT, expect, expectCanvasToMatchEngine, test } from './app-fixture';

const NAP = join(ROOT, 'e2e', 'fixtures', 'half-second-nap.flow.json');
const SHOTS = join(ROOT, 'test-results', 'e2e');

test.use({ appArgs: [NAP, '--clock', 'real'] });

const toolbarOf = (page: Page) => page.getByRole('toolbar', { name: 'Workflow' });

test('slow motion at 0.25×, set with the keyboard, makes a sleep(0.5) take about 2 s; the scale is remembered', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  const nap = page.locator('[data-node-id="nap"]');
  await expect(nap).toHaveCount(1);
  const toolbar = toolbarOf(page);
  const clock = toolbar.getByRole('combobox', { name: 'Clock' });
  const scale = toolbar.getByRole('slider', { name: 'Slow-motion scale' });
  await expect(clock).toHaveValue('real');
  await expect(scale).toHaveCount(0); // the slider shows only for slow motion

  await clock.focus();
  await clock.selectOption({ label: 'Slow motion' });
  await expect(scale).toBeVisible();
  await scale.focus();
  await page.keyboard.press('Home');
  await expect(scale).toHaveAttribute('aria-valuetext', '0.1×');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await expect(scale).toHaveAttribute('aria-valuetext', '0.25×');
  await expect(toolbar).toContainText('0.25×');
  expect(await scale.locator('xpath=..').getAttribute('title')).toMatch(/next run/);

  const clicked = Date.now();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(nap).toHaveAttribute('data-state', 'running');
  // At 0.25× the half-second sleep lasts 2 s of wall time: after 1 s it is still going
  // (at 1× it would have ended after 0.5 s, at 0.5× after 1 s).
  await page.waitForTimeout(Math.max(0, clicked + 1000 - Date.now()));
  expect(await nap.getAttribute('data-state')).toBe('running');
  // A scale picked during the run is for the next run; this one goes on as it began.
  await scale.focus();
  await page.keyboard.press('ArrowRight');
  await expect(scale).toHaveAttribute('aria-valuetext', '0.3×');
  await expect(page.locator('[data-run-status]')).toHaveAttribute('data-run-status', 'done');
  await expect(nap).toHaveAttribute('data-state', 'done');
  expect(Date.now() - clicked).toBeGreaterThanOrEqual(1500);
  await expectCanvasToMatchEngine(page, NAP, 'real');

  // After a reload the command line's clock is back (real time), and slow motion keeps the last scale.
  await page.reload();
  await expect(nap).toHaveCount(1);
  await expect(clock).toHaveValue('real');
  await clock.selectOption({ label: 'Slow motion' });
  await expect(scale).toHaveAttribute('aria-valuetext', '0.3×');
  await expect(scale).toHaveValue('0.3');
  // Instant hides the slider again.
  await clock.selectOption({ label: 'Instant' });
  await expect(scale).toHaveCount(0);
});

for (const width of [1280, 1400]) {
  test(`at ${width} px the toolbar is one line, in light and dark`, async ({ page, app }) => {
    await page.setViewportSize({ width, height: 800 });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(app.url);
    await expect(page.locator('[data-node-id]')).toHaveCount(1);
    const toolbar = toolbarOf(page);
    // The widest state: slow motion with its slider, a problem count, a run status.
    await toolbar.getByRole('combobox', { name: 'Clock' }).selectOption({ label: 'Slow motion' });
    await expect(toolbar.getByRole('slider', { name: 'Slow-motion scale' })).toBeVisible();
    const theme = toolbar.getByRole('button', { name: /^Theme: / });
    for (const [choice, clicks] of [
      ['light', 1],
      ['dark', 1],
    ] as const) {
      for (let i = 0; i < clicks; i++) await theme.click();
      await expect(theme).toHaveAccessibleName(`Theme: ${choice}`);
      const controls = toolbar.locator('button, select, input, [data-run-status]');
      const boxes = await controls.evaluateAll((els) =>
        els.map((el) => {
          const r = el.getBoundingClientRect();
          return {
            name: el.getAttribute('aria-label') ?? el.textContent ?? el.tagName,
            top: r.top,
            bottom: r.bottom,
            right: r.right,
          };
        }),
      );
      expect(boxes.length).toBeGreaterThan(12);
      const band = await toolbar.evaluate((el) => el.getBoundingClientRect().height);
      for (const box of boxes) {
        // One line: every control sits in the same band, and none runs off the right edge.
        expect(box.bottom - box.top, box.name).toBeLessThan(band);
        expect(box.top, box.name).toBeLessThan(band / 2);
        expect(box.bottom, box.name).toBeGreaterThan(band / 2);
        expect(box.right, box.name).toBeLessThanOrEqual(width);
      }
      expect(band).toBeLessThan(56);
      await toolbar.screenshot({ path: join(SHOTS, `toolbar-${width}-${choice}.png`) });
    }
  });
}

test('below 1280 px the toolbar wraps whole groups and cuts nothing off', async ({ page, app }) => {
  await page.setViewportSize({ width: 900, height: 700 });
  await page.goto(app.url);
  await expect(page.locator('[data-node-id]')).toHaveCount(1);
  const toolbar = toolbarOf(page);
  await toolbar.getByRole('combobox', { name: 'Clock' }).selectOption({ label: 'Slow motion' });
  for (const control of await toolbar.locator('button, select, input').all()) {
    const box = await control.boundingBox();
    expect(box).not.toBeNull();
    expect((box?.x ?? -1) + (box?.width ?? 0)).toBeLessThanOrEqual(900);
    expect(box?.x ?? -1).toBeGreaterThanOrEqual(0);
  }
  // The slider stays beside its clock select (a group wraps as a whole).
  const select = await toolbar.getByRole('combobox', { name: 'Clock' }).boundingBox();
  const slider = await toolbar.getByRole('slider', { name: 'Slow-motion scale' }).boundingBox();
  expect(
    Math.abs((select?.y ?? 0) + (select?.height ?? 0) / 2 - ((slider?.y ?? 0) + (slider?.height ?? 0) / 2)),
  ).toBeLessThan(8);
  await toolbar.screenshot({ path: join(SHOTS, 'toolbar-900.png') });
});
