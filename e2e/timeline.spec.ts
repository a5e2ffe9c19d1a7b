/**
 * The timeline from outside: after a run on the virtual clock, dragging the playhead replays the canvas
 * at that instant (the report's events, docs/run-report.md), releasing it at the end shows the final
 * states again, Live does the same, and clicking a bar selects its node.
 */
import { join } from 'node:path';
import { ROOT, canvasStates, expect, expectCanvasToMatchEngine, test } from './app-fixture';
import { axisPoint } from './timeline-axis';

const EXAMPLE = join(ROOT, 'examples', 'sequence-vs-gather.flow.json');

test.use({ appArgs: [EXAMPLE, '--clock', 'virtual'] });

test('scrubbing the timeline replays the canvas; releasing at the end shows the final states', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  await expect(page.locator('[data-node-id]')).toHaveCount(8);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.locator('[data-run-status]')).toHaveAttribute('data-run-status', 'done');
  const report = await expectCanvasToMatchEngine(page, EXAMPLE);
  const finals = Object.fromEntries(Object.entries(report.nodes).map(([id, n]) => [id, n.state]));

  await page.getByRole('button', { name: 'Timeline' }).click();
  const timeline = page.locator('canvas.timeline-canvas');
  await expect(timeline).toBeVisible();
  await expect(timeline).toHaveAttribute('data-rows', '8');
  await expect(timeline).toHaveAttribute('data-duration', '6');
  await expect(timeline).toHaveAttribute('aria-label', /8 tasks over 6 s \(8 done\)/);

  // Grab the playhead where it rests (the run's end) and drag it back to t = 1.5.
  const atEnd = await axisPoint(timeline, 6);
  const atMiddle = await axisPoint(timeline, 1.5);
  await page.mouse.move(atEnd.x, atEnd.y);
  await page.mouse.down();
  await page.mouse.move(atMiddle.x, atMiddle.y, { steps: 8 });
  await page.mouse.up();
  await expect(page.locator('[data-node-id="slow"]')).toHaveAttribute('data-state', 'running');
  await expect(page.locator('[data-node-id="quick"]')).toHaveAttribute('data-state', 'idle');
  await expect(page.locator('[data-node-id="quick_2"]')).toHaveAttribute('data-state', 'done');
  await expect(page.locator('[data-node-id="medium"]')).toHaveAttribute('data-state', 'idle');
  await expect(page.locator('[data-node-id="one_by_one"]')).toHaveAttribute('data-state', 'running');
  expect(Number(await timeline.getAttribute('data-playhead'))).toBeCloseTo(1.5, 1);
  await expect(timeline).toHaveAttribute('aria-label', /Replaying 1\.5\d* s/);
  await page.screenshot({ path: join(ROOT, 'test-results', 'e2e', 'timeline.png') });

  // Drag it past the end and let go: the final states are back.
  const middleNow = await axisPoint(timeline, Number(await timeline.getAttribute('data-playhead')));
  const beyond = await axisPoint(timeline, 7);
  await page.mouse.move(middleNow.x, middleNow.y + 40);
  await page.mouse.down();
  await page.mouse.move(beyond.x, beyond.y + 40, { steps: 8 });
  await page.mouse.up();
  await expect.poll(() => canvasStates(page)).toEqual(finals);
  await expect(page.getByRole('button', { name: 'Live' })).toBeDisabled();

  // Clicking the axis jumps there; Live goes back to the final states.
  const atThree = await axisPoint(timeline, 3.5);
  await page.mouse.click(atThree.x, atThree.y);
  await expect(page.locator('[data-node-id="quick"]')).toHaveAttribute('data-state', 'running');
  await expect(page.locator('[data-node-id="medium"]')).toHaveAttribute('data-state', 'idle');
  await page.getByRole('button', { name: 'Live' }).click();
  await expect.poll(() => canvasStates(page)).toEqual(finals);

  // Rows come in the order tasks were first created: one_by_one, all_at_once, slow, ... Click slow's bar.
  const box = await timeline.boundingBox();
  if (!box) throw new Error('the timeline canvas is not on screen');
  const slowBar = await axisPoint(timeline, 1.5);
  await page.mouse.click(slowBar.x, box.y + 22 + 2.5 * 18);
  await expect(page.locator('[data-node-id="slow"]')).toHaveClass(/\bselected\b/);
});

test('during a real-clock run the timeline fills in live and its playhead moves; scrubbing waits for the end', async ({
  page,
  launchApp,
}) => {
  const app = await launchApp([EXAMPLE, '--clock', 'real']);
  await page.goto(app.url);
  await expect(page.locator('[data-node-id]')).toHaveCount(8);
  await page.getByRole('button', { name: 'Timeline' }).click();
  const timeline = page.locator('canvas.timeline-canvas');
  await expect(timeline).toHaveAttribute('aria-label', /no tasks yet/);

  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.locator('[data-run-status]')).toHaveAttribute('data-run-status', 'running');
  await expect(timeline).toHaveAttribute('data-rows', '6'); // quick and medium are not demanded before 3 s
  await expect.poll(async () => Number(await timeline.getAttribute('data-playhead'))).toBeGreaterThan(0.5);
  await expect(page.getByRole('slider', { name: 'Playhead (loop seconds)' })).toBeDisabled();
  await page.screenshot({ path: join(ROOT, 'test-results', 'e2e', 'timeline-live.png') });
  await expect(page.locator('[data-run-status]')).toHaveAttribute('data-run-status', 'done', {
    timeout: 20_000,
  });
  await expectCanvasToMatchEngine(page, EXAMPLE, 'real');
  await expect(timeline).toHaveAttribute('data-rows', '8');
  await expect(page.getByRole('slider', { name: 'Playhead (loop seconds)' })).toBeEnabled();
  expect(Number(await timeline.getAttribute('data-duration'))).toBeGreaterThanOrEqual(6);
});

test('opening the timeline keeps a graph that was in view wholly in view and clear of the minimap; a zoomed-in view stays', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  await expect(page.locator('[data-node-id]')).toHaveCount(8);
  /** Every node inside the canvas and none under the minimap. */
  const graphInView = () =>
    page.evaluate(() => {
      const pane = (document.querySelector('.react-flow') as HTMLElement).getBoundingClientRect();
      const minimap = (document.querySelector('.react-flow__minimap') as HTMLElement).getBoundingClientRect();
      const overlaps = (a: DOMRect, b: DOMRect) =>
        a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
      return [...document.querySelectorAll('.react-flow__node')].every((node) => {
        const box = node.getBoundingClientRect();
        return (
          box.left >= pane.left &&
          box.top >= pane.top &&
          box.right <= pane.right &&
          box.bottom <= pane.bottom &&
          !overlaps(box, minimap)
        );
      });
    });
  await expect.poll(graphInView).toBe(true);
  const toggle = page.getByRole('button', { name: 'Timeline' });
  await toggle.click();
  await expect(page.locator('canvas.timeline-canvas')).toBeVisible();
  await expect.poll(graphInView).toBe(true);
  await page.screenshot({ path: join(ROOT, 'test-results', 'e2e', 'timeline-opened-graph-in-view.png') });

  // A view zoomed into part of the graph is the person's: opening the timeline leaves it as it is.
  await toggle.click();
  await expect(page.locator('canvas.timeline-canvas')).toHaveCount(0);
  await page.getByRole('button', { name: 'Zoom In' }).click();
  await page.getByRole('button', { name: 'Zoom In' }).click();
  const viewport = page.locator('.react-flow__viewport');
  await expect.poll(graphInView).toBe(false);
  const zoomed = await viewport.getAttribute('style');
  await toggle.click();
  await expect(page.locator('canvas.timeline-canvas')).toBeVisible();
  await page.waitForTimeout(300);
  expect(await viewport.getAttribute('style')).toBe(zoomed);
});
