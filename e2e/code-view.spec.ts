/**
 * The bottom dock from outside: the Code view shows both exports with the selected node's function
 * marked, and the Event log lists a run's state changes, filtered by node.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, expect, expectCanvasToMatchEngine, test } from './app-fixture';

const EXAMPLE = join(ROOT, 'examples', 'timeout-wait-for.flow.json');

test.use({ appArgs: [EXAMPLE, '--clock', 'virtual'] });

test('code view marks the selected node in both exports; the event log filters a run by node', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  await expect(page.locator('[data-node-id]')).toHaveCount(5);

  await page.getByRole('button', { name: 'Code', exact: true }).click();
  const python = page.locator('[data-code-pane="python"] .cm-content');
  const typescript = page.locator('[data-code-pane="typescript"] .cm-content');
  await expect(python).toContainText('async def limit():');
  await expect(typescript).toContainText('exported from Flowloop');
  // Both panes are highlighted: Python's `def` has the keyword colour TypeScript's `function` has, not the text colour.
  const colour = (locator: typeof python) => locator.evaluate((el) => getComputedStyle(el).color);
  const plain = await colour(python.locator('.cm-line').first());
  const pythonKeyword = await colour(python.locator('span', { hasText: /^def$/ }).first());
  const typescriptKeyword = await colour(typescript.locator('span', { hasText: /^function$/ }).first());
  expect(pythonKeyword).not.toBe(plain);
  expect(pythonKeyword).toBe(typescriptKeyword);

  // CodeMirror draws only the lines in view: selecting the node scrolls its function into view.
  await page.locator('[data-node-id="limit"]').click();
  await expect(typescript).toContainText('async function limit(');
  const pythonMarked = page.locator('[data-code-pane="python"] .code-marked-line');
  await expect(pythonMarked.first()).toHaveText('async def limit():');
  await expect(pythonMarked).toHaveCount(2);
  await expect(pythonMarked.nth(1)).toContainText('wait_for(demand(slow_call), timeout=2)');
  const typescriptMarked = page.locator('[data-code-pane="typescript"] .code-marked-line');
  await expect(typescriptMarked.first()).toContainText('async function limit(signal: AbortSignal)');
  await expect(typescriptMarked.last()).toHaveText('}');

  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.locator('[data-run-status]')).toHaveAttribute('data-run-status', 'done');
  await expectCanvasToMatchEngine(page, EXAMPLE);
  await page.getByRole('button', { name: 'Event log', exact: true }).click();
  await page.getByLabel('filter by node id').fill('slow_call');
  const rows = page.locator('[data-event-node]');
  await expect(rows).toHaveCount(3);
  expect(
    await rows.evaluateAll((els) =>
      els.map((e) => `${e.getAttribute('data-event-node')} ${e.getAttribute('data-event-state')}`),
    ),
  ).toEqual(['slow_call pending', 'slow_call running', 'slow_call cancelled']);
  await expect(page.locator('[data-loop-time]')).toHaveAttribute('data-loop-time', '2');
  await expect(page.locator('[data-state-count="cancelled"]')).toContainText('cancelled 1');

  await rows.nth(2).click();
  await expect(page.locator('[data-node-id="slow_call"]')).toHaveClass(/selected/);
  await expect(page.locator('[data-code-pane="python"] .code-marked-line').first()).toHaveText(
    'async def slow_call():',
  );
  await page.screenshot({ path: join(ROOT, 'test-results', 'e2e', 'code-view.png') });
});

test('a JavaScript transform: the Python pane says why there is no export, the TypeScript pane has the code', async ({
  page,
  launchApp,
}) => {
  const dir = mkdtempSync(join(tmpdir(), 'flowloop-code-view-'));
  const file = join(dir, 'js-transform.flow.json');
  writeFileSync(
    file,
    JSON.stringify({
      format: 'flowloop.graph/2',
      name: 'js transform',
      nodes: [
        { id: 'numbers', kind: 'value', params: { value: [1, 2, 3] }, position: { x: 0, y: 0 } },
        {
          id: 'total',
          kind: 'transform',
          params: { language: 'javascript', code: 'args[0].reduce((a, b) => a + b, 0)' },
          position: { x: 260, y: 0 },
        },
      ],
      edges: [{ source: 'numbers', target: 'total', input: 0 }],
    }),
  );
  const app = await launchApp([file, '--clock', 'virtual']);
  await page.goto(app.url);
  await expect(page.locator('[data-node-id]')).toHaveCount(2);
  await page.getByRole('button', { name: 'Code', exact: true }).click();
  await expect(page.getByRole('list', { name: 'why there is no Python export' })).toContainText(
    'JavaScript transform total',
  );
  await expect(page.locator('[data-code-pane="python"] .cm-content')).toHaveCount(0);
  await expect(page.locator('[data-code-pane="typescript"] .cm-content')).toContainText(
    'exported from Flowloop',
  );
  rmSync(dir, { recursive: true, force: true });
});
