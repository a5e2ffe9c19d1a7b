/**
 * How the app looks: light and dark themes, and a small window at 200% zoom where every control
 * is still reachable (none cut off at the window's edge). Screenshots go to test-results/e2e/.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { ROOT, expect, expectCanvasToMatchEngine, test, type WebApp } from './app-fixture';

const EXAMPLE = join(ROOT, 'examples', 'sequence-vs-gather.flow.json');
const SHOTS = join(ROOT, 'test-results', 'e2e');

test.use({ appArgs: [EXAMPLE, '--clock', 'virtual'] });

const background = (page: Page) => page.evaluate<string>('getComputedStyle(document.body).backgroundColor');
function lightness(rgb: string): number {
  const [r = 0, g = 0, b = 0] = (rgb.match(/\d+(\.\d+)?/g) ?? []).map(Number);
  return (r + g + b) / 3;
}

test('the theme button cycles system → light → dark, and dark is dark', async ({ page, app }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(app.url);
  await expect(page.locator('[data-node-id]')).toHaveCount(8);
  const theme = page.getByRole('button', { name: /^Theme: / });
  await expect(theme).toHaveAccessibleName('Theme: system');
  await theme.click();
  await expect(theme).toHaveAccessibleName('Theme: light');
  expect(lightness(await background(page))).toBeGreaterThan(180);
  await page.screenshot({ path: join(SHOTS, 'theme-light.png') });
  await theme.click();
  await expect(theme).toHaveAccessibleName('Theme: dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(lightness(await background(page))).toBeLessThan(80);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.locator('[data-run-status]')).toHaveAttribute('data-run-status', 'done');
  await expectCanvasToMatchEngine(page, EXAMPLE);
  await page.screenshot({ path: join(SHOTS, 'theme-dark.png') });
  // The choice outlives a reload.
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});

test.describe('at 200% zoom in a small window', () => {
  // A 1280×800 screen at 200%: 640×400 CSS pixels, each drawn with 2×2 device pixels.
  test.use({ viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 });

  test('no toolbar control is cut off, and the page does not scroll sideways', async ({ page, app }) => {
    await page.goto(app.url);
    await expect(page.locator('[data-node-id]')).toHaveCount(8);
    await page.screenshot({ path: join(SHOTS, 'zoom-200.png') });
    const viewport = page.viewportSize() ?? { width: 0, height: 0 };
    const controls = page.getByRole('toolbar', { name: 'Workflow' }).locator('button, select, input');
    const n = await controls.count();
    expect(n).toBeGreaterThan(8);
    for (let i = 0; i < n; i++) {
      const control = controls.nth(i);
      await control.scrollIntoViewIfNeeded();
      const box = await control.boundingBox();
      const label = await control.evaluate(
        (el) => el.getAttribute('aria-label') ?? el.textContent ?? el.tagName,
      );
      expect(box, label).not.toBeNull();
      if (box === null) continue;
      expect(box.x, label).toBeGreaterThanOrEqual(0);
      expect(box.y, label).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, label).toBeLessThanOrEqual(viewport.width + 0.5);
      expect(box.y + box.height, label).toBeLessThanOrEqual(viewport.height + 0.5);
    }
    const sideways = await page.evaluate<number>(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    );
    expect(sideways).toBeLessThanOrEqual(0);
    // The canvas keeps a useful share of the window, and its zoom controls show without scrolling
    // (a wheel over the canvas zooms it, so a control below the fold could not be scrolled to).
    const canvas = await page.locator('.react-flow').boundingBox();
    expect(canvas?.height ?? 0).toBeGreaterThanOrEqual(180);
    for (const button of await page.locator('.react-flow__controls button').all()) {
      const box = await button.boundingBox();
      const label = (await button.getAttribute('aria-label')) ?? 'zoom control';
      expect(box, label).not.toBeNull();
      expect((box?.y ?? 0) + (box?.height ?? 0), label).toBeLessThanOrEqual(viewport.height - 20);
    }
    // Run still works from here.
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(page.locator('[data-run-status]')).toHaveAttribute('data-run-status', 'done');
    await expectCanvasToMatchEngine(page, EXAMPLE);
  });
});

test('after fit view the minimap covers no node, in every example', async ({ page, launchApp }) => {
  const overlaps = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
    a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
  let app: WebApp | undefined;
  for (const file of readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.flow.json'))) {
    await app?.stop(); // one server at a time
    app = await launchApp([join(ROOT, 'examples', file)]);
    await page.goto(app.url);
    await expect(page.locator('[data-node-id]').first()).toBeVisible();
    const minimap = await page.locator('.react-flow__minimap').boundingBox();
    expect(minimap, file).not.toBeNull();
    if (minimap === null) continue;
    for (const node of await page.locator('.react-flow__node').all()) {
      const box = await node.boundingBox();
      expect(box, file).not.toBeNull();
      if (box)
        expect(
          overlaps(box, minimap),
          `${file}: ${(await node.getAttribute('data-id')) ?? ''} under the minimap`,
        ).toBe(false);
    }
    if (file.startsWith('fan-out')) await page.screenshot({ path: join(SHOTS, 'fit-view-fan-out.png') });
  }
});
