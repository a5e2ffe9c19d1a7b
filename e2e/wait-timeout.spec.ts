/**
 * asyncio.wait with a timeout, watched in the browser mode on the real clock: when the timeout
 * passes the wait node is done but its slow input is NOT cancelled (it keeps running); only when
 * the run ends does asyncio.run's clean-up cancel it. The final canvas matches `flowloop run --json`.
 */
import { join } from 'node:path';
import { ROOT, expect, expectCanvasToMatchEngine, test } from './app-fixture';

const FIXTURE = join(ROOT, 'e2e', 'fixtures', 'wait-timeout.flow.json');

test.use({ appArgs: [FIXTURE, '--clock', 'real'] });

test('a wait with a timeout leaves its slow input running; the end of the run cancels it', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  const nodes = page.locator('[data-node-id]');
  await expect(nodes).toHaveCount(5);
  const state = (id: string) => page.locator(`[data-node-id="${id}"]`);
  const runStatus = page.locator('[data-run-status]');

  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(runStatus).toHaveAttribute('data-run-status', 'running');
  // The quick sleep finishes at t = 0.2 s.
  await expect(state('quick')).toHaveAttribute('data-state', 'done');

  // At t = 1 s the timeout passes: the wait is done, and `after` (a 2 s nap) starts on its result,
  // while the slow sleep is left running, not cancelled. The run has two more seconds to go.
  await expect(state('gate')).toHaveAttribute('data-state', 'done');
  const whileAfterNaps = await nodes.evaluateAll((els) =>
    Object.fromEntries(els.map((e) => [e.getAttribute('data-node-id'), e.getAttribute('data-state')])),
  );
  expect(whileAfterNaps).toEqual({
    quick: 'done',
    slow: 'running',
    third: 'done',
    gate: 'done',
    after: 'running',
  });
  await expect(runStatus).toHaveAttribute('data-run-status', 'running');
  await page.screenshot({ path: join(ROOT, 'test-results', 'e2e', 'wait-timeout-pending.png') });

  // The run ends when `after` is done (t = 3 s); asyncio.run then cancels what is left: the slow sleep.
  await expect(runStatus).toHaveAttribute('data-run-status', 'done');
  await expect(state('after')).toHaveAttribute('data-state', 'done');
  await expect(state('slow')).toHaveAttribute('data-state', 'cancelled');

  const report = await expectCanvasToMatchEngine(page, FIXTURE);
  expect(report.status).toBe('done');
  await page.screenshot({ path: join(ROOT, 'test-results', 'e2e', 'wait-timeout-end.png') });
});
