/**
 * The inspector's run section and the edges' marks, from outside: run a workflow, select a node, read
 * its result in the JSON view (fold, unfold, show a long string whole, copy it), its times and state
 * events; the edges carry data-flow after the run, and scrubbing the timeline shows them as they were.
 * Screenshots (light and dark) go to test-results/e2e/.
 */
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { ROOT, expect, expectCanvasToMatchEngine, test } from './app-fixture';
import { axisPoint } from './timeline-axis';
import { spawn } from 'node:child_process';

const FIXTURE = join(ROOT, 'e2e', 'fixtures', 'inspector-run.flow.json');
const SHOTS = join(ROOT, 'test-results', 'e2e');

interface FullReport {
  status: string;
  nodes: Record<
    string,
    {
      state: string;
      result: unknown;
      createdAt: number | null;
      startedAt: number | null;
      endedAt: number | null;
    }
  >;
  events: { seq: number; t: number; node: string; state: string }[];
}

async function fullReport(file: string): Promise<FullReport> {
  const child = spawn(
    process.execPath,
    [join(ROOT, 'bin', 'flowloop.mjs'), 'run', file, '--clock', 'virtual', '--json'],
    { cwd: ROOT },
  );
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  await new Promise((resolve) => child.on('close', resolve));
  return JSON.parse(out) as FullReport;
}

/** The edge's own group inside xyflow's wrapper: it carries the run's mark (FlowEdge.tsx). */
const edge = (page: Page, id: string): Locator => page.locator(`.flow-edge[data-edge-id="${id}"]`);

async function flows(page: Page): Promise<Record<string, string | null>> {
  return page
    .locator('.flow-edge')
    .evaluateAll((els) =>
      Object.fromEntries(els.map((e) => [e.getAttribute('data-edge-id'), e.getAttribute('data-flow')])),
    );
}

test('after a run the inspector shows a node’s result, times and events; edges carry what flowed', async ({
  page,
  launchApp,
}) => {
  const app = await launchApp([FIXTURE, '--clock', 'virtual']);
  const report = await fullReport(FIXTURE);
  await page
    .context()
    .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(app.url).origin });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(app.url);
  await expect(page.locator('[data-node-id]')).toHaveCount(7);
  await expect(page.locator('.react-flow__edge')).toHaveCount(6);
  await expect(page.locator('.flow-edge[data-flow]')).toHaveCount(0);

  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.locator('[data-run-status]')).toHaveAttribute('data-run-status', 'done');
  await expectCanvasToMatchEngine(page, FIXTURE);

  // Each edge shows what its source handed on: a value, an exception or a cancellation.
  expect(await flows(page)).toEqual({
    'numbers->shape#0': 'value',
    'profile->shape#1': 'value',
    'shape->all#0': 'value',
    'boom->all#1': 'error',
    'guarded->all#2': 'error',
    'nap->guarded#0': 'cancelled',
  });
  // The marks draw: an exception's edge is dashed, a value's solid, each in its state's colour.
  const stroke = (id: string) =>
    edge(page, id)
      .locator('.react-flow__edge-path')
      .evaluate((path) => ({
        dash: getComputedStyle(path).strokeDasharray,
        colour: getComputedStyle(path).stroke,
      }));
  const [error, value] = [await stroke('boom->all#1'), await stroke('numbers->shape#0')];
  expect(error.dash).not.toBe('none');
  expect(value.dash).toBe('none');
  expect(error.colour).not.toBe(value.colour);
  await expect(edge(page, 'boom->all#1').locator('title')).toHaveText('carried an exception');
  await expect(edge(page, 'nap->guarded#0').locator('title')).toHaveText('carried a cancellation');
  // The pulse belongs to a live run only.
  await expect(page.locator('.edge-pulse')).toHaveCount(0);

  // Select shape: its result in the JSON view.
  await page.locator('[data-node-id="shape"]').click();
  const run = page.getByTestId('node-run');
  await expect(run).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('node-run-state')).toHaveText(/done/);
  const view = run.getByTestId('json-view');
  await expect(view).toHaveAccessibleName('Result of shape');
  await expect(view).toContainText('"count": 12');
  await expect(view).toContainText('"total": 78');

  // Small children start unfolded, deeper ones folded with a summary.
  const profile = view.locator('button[data-json-path="$.profile"]');
  const tags = view.locator('button[data-json-path="$.profile.tags"]');
  await expect(profile).toHaveAttribute('aria-expanded', 'true');
  await expect(tags).toHaveAttribute('aria-expanded', 'false');
  await expect(tags).toContainText('[…] 3 items');
  await expect(view).not.toContainText('"poetry"');
  await tags.click();
  await expect(tags).toHaveAttribute('aria-expanded', 'true');
  await expect(view).toContainText('"poetry"');

  // A long string shows its start; the button shows it whole.
  const bio = (report.nodes.shape?.result as { profile: { bio: string } }).profile.bio;
  await expect(view).not.toContainText(bio);
  await view.getByTestId('json-string-more').click();
  await expect(view).toContainText(bio);
  await page.screenshot({ path: join(SHOTS, 'inspector-run-light.png') });

  // Folding with the keyboard: the toggle is a button.
  await profile.focus();
  await page.keyboard.press('Enter');
  await expect(profile).toHaveAttribute('aria-expanded', 'false');
  await expect(profile).toContainText('{…} 6 keys');
  await expect(view).not.toContainText('"poetry"');
  await page.keyboard.press('Space');
  await expect(profile).toHaveAttribute('aria-expanded', 'true');

  // Copy puts the whole value on the clipboard as indented JSON.
  await view.getByTestId('json-copy').click();
  await expect(view.getByRole('status')).toHaveText('Copied');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(JSON.stringify(report.nodes.shape?.result, null, 2));

  // Times and the state events, as the engine reports them.
  const times = page.getByTestId('node-run-times');
  const shape = report.nodes.shape;
  await expect(times.locator('[data-time="created"]')).toHaveText(`${shape?.createdAt} s`);
  await expect(times.locator('[data-time="ended"]')).toHaveText(`${shape?.endedAt} s`);
  await expect(times.locator('[data-time="duration"]')).toHaveText(
    `${(shape?.endedAt ?? 0) - (shape?.createdAt ?? 0)} s`,
  );
  const expected = report.events
    .filter((e) => e.node === 'shape')
    .map((e) => ({ seq: String(e.seq), state: e.state }));
  const rows = page.getByTestId('node-run-events').locator('tbody tr');
  await expect(rows).toHaveCount(expected.length);
  const shown = await rows.evaluateAll((els) =>
    els.map((e) => ({ seq: e.getAttribute('data-seq') ?? '', state: e.getAttribute('data-state') ?? '' })),
  );
  expect(shown).toEqual(expected);
  expect(shown.map((r) => r.state)).toEqual(['pending', 'running', 'done']);

  // A failed node shows its error; a cancelled one its cancellation.
  await page.locator('[data-node-id="boom"]').click();
  await expect(page.getByTestId('node-run')).toHaveAttribute('data-state', 'failed');
  await expect(page.getByTestId('node-run-error')).toHaveText('ValueError: bad input');
  await expect(page.getByTestId('json-view')).toContainText('"type": "ValueError"');
  await page.screenshot({ path: join(SHOTS, 'inspector-run-error.png') });
  await page.locator('[data-node-id="nap"]').click();
  await expect(page.getByTestId('node-run')).toHaveAttribute('data-state', 'cancelled');
  await expect(page.getByTestId('node-run-events').locator('tbody tr').last()).toHaveAttribute(
    'data-state',
    'cancelled',
  );

  // Scrubbing: at t = 0 nothing has flowed yet; at 0.75 s only numbers' value has.
  await page.getByRole('button', { name: 'Timeline' }).click();
  const timeline = page.locator('canvas.timeline-canvas');
  await expect(timeline).toHaveAttribute('data-duration', '3');
  const start = await axisPoint(timeline, 0);
  await page.mouse.click(start.x, start.y);
  await expect.poll(async () => Number(await timeline.getAttribute('data-playhead'))).toBeLessThan(0.05);
  await expect(page.locator('.flow-edge[data-flow]')).toHaveCount(0);
  await expect(page.locator('[data-node-id="nap"]')).toHaveAttribute('data-state', 'running');
  const early = await axisPoint(timeline, 0.75);
  await page.mouse.click(early.x, early.y);
  await expect(edge(page, 'numbers->shape#0')).toHaveAttribute('data-flow', 'value');
  await expect(page.locator('.flow-edge[data-flow]')).toHaveCount(1);
  const middle = await axisPoint(timeline, 2);
  await page.mouse.click(middle.x, middle.y);
  await expect(page.locator('.flow-edge[data-flow]')).toHaveCount(4);
  await expect(edge(page, 'boom->all#1')).toHaveAttribute('data-flow', 'error');
  await expect(edge(page, 'nap->guarded#0')).not.toHaveAttribute('data-flow', /.+/);
  // The inspector says what the node was at the playhead and dims the events after it.
  await expect(page.getByTestId('node-run-replay-state')).toHaveAttribute('data-state', 'running');
  await expect(page.getByTestId('node-run-state')).toHaveAttribute('data-state', 'cancelled');
  await expect(page.getByTestId('node-run-events').locator('tbody tr.after-playhead')).toHaveCount(1);
  await page.screenshot({ path: join(SHOTS, 'inspector-run-scrubbed.png') });
  await page.getByRole('button', { name: 'Live' }).click();
  await expect(page.locator('.flow-edge[data-flow]')).toHaveCount(6);

  await page.emulateMedia({ colorScheme: 'dark' });
  await page.locator('[data-node-id="shape"]').click();
  await expect(page.getByTestId('node-run')).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('json-view')).toContainText('"count": 12');
  await page.getByTestId('node-run').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, 'inspector-run-dark.png') });
});

test('while a run goes on the inspector follows the node live and edges pulse as values flow', async ({
  page,
  launchApp,
}) => {
  const app = await launchApp([FIXTURE, '--clock', 'real']);
  await page.goto(app.url);
  await expect(page.locator('[data-node-id]')).toHaveCount(7);
  await page.locator('[data-node-id="nap"]').click();
  await expect(page.getByTestId('node-run')).toHaveCount(0);

  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const run = page.getByTestId('node-run');
  await expect(run).toHaveAttribute('data-live', 'true');
  await expect(run).toHaveAttribute('data-state', 'running');
  await expect(page.getByTestId('node-run-times').locator('[data-time="started"]')).toHaveText(
    /^\d+(\.\d+)? s$/,
  );
  await expect(page.getByTestId('node-run-times').locator('[data-time="ended"]')).toHaveText('—');
  await expect(page.getByTestId('node-run-events').locator('tbody tr')).toHaveCount(2);
  // numbers ends at 0.5 s: its edge is marked and plays its pulse while the run goes on.
  await expect(edge(page, 'numbers->shape#0')).toHaveAttribute('data-flow', 'value');
  await expect(edge(page, 'numbers->shape#0').locator('.edge-pulse')).toHaveCount(1);
  await page.screenshot({ path: join(SHOTS, 'inspector-run-live.png') });

  await expect(page.locator('[data-run-status]')).toHaveAttribute('data-run-status', 'done', {
    timeout: 20_000,
  });
  await expectCanvasToMatchEngine(page, FIXTURE, 'real');
  await expect(run).toHaveAttribute('data-live', 'false');
  await expect(run).toHaveAttribute('data-state', 'cancelled');
  await expect(page.locator('.edge-pulse')).toHaveCount(0);
  await expect(page.locator('.flow-edge[data-flow]')).toHaveCount(6);
});
