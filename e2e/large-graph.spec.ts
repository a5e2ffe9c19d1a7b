/**
 * A large workflow (above the canvas's 300-node threshold) renders only the nodes in view, yet every
 * edit still applies to the whole document: select all, delete, undo; panning brings others into view.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './app-fixture';

const GROUPS = 20; // 20 gathers × (19 sleeps + 1) = 400 nodes

function largeFile(): string {
  const nodes: unknown[] = [];
  const edges: unknown[] = [];
  for (let g = 0; g < GROUPS; g++) {
    for (let i = 0; i < 19; i++) {
      nodes.push({
        id: `nap_${g}_${i}`,
        kind: 'sleep',
        params: { seconds: 1 },
        position: { x: g * 600, y: i * 80 },
      });
      edges.push({ source: `nap_${g}_${i}`, target: `all_${g}`, input: i });
    }
    nodes.push({ id: `all_${g}`, kind: 'gather', params: {}, position: { x: g * 600 + 300, y: 720 } });
  }
  const file = join(mkdtempSync(join(tmpdir(), 'flowloop-large-')), 'large.flow.json');
  writeFileSync(
    file,
    JSON.stringify({
      format: 'flowloop.graph/2',
      name: 'large',
      nodes,
      edges,
      view: { x: 0, y: 0, zoom: 1 },
    }),
  );
  return file;
}

// A fresh file for each test, written when the test starts.
// eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
test.use({ appArgs: async ({}, use) => use([largeFile()]) });

test('400 nodes: only those in view are in the page; select all, delete and undo act on all of them', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  const inPage = page.locator('[data-node-id]');
  await expect(inPage.first()).toBeVisible();
  const shown = await inPage.count();
  expect(shown).toBeGreaterThan(0);
  expect(shown).toBeLessThan(400);
  await expect(page.locator('[data-node-id="nap_0_0"]')).toBeVisible();
  await expect(page.locator('[data-node-id="all_19"]')).toHaveCount(0);

  // Pan far to the right with the mouse: nodes of other groups come into the page.
  const pane = page.locator('.react-flow__pane');
  const box = await pane.boundingBox();
  if (box === null) throw new Error('no canvas');
  for (let stroke = 0; stroke < 3; stroke++) {
    // Each stroke starts on empty canvas at the right (a press on a node would drag that node).
    const start = await page.evaluate<{ x: number; y: number } | null>(`(() => {
      for (let y = ${box.y + 10}; y < ${box.y + box.height - 200}; y += 5)
        for (let x = ${box.x + box.width - 60}; x > ${box.x + box.width / 2}; x -= 5)
          if (document.elementFromPoint(x, y)?.classList.contains('react-flow__pane')) return { x, y };
      return null;
    })()`);
    if (start === null) throw new Error('no empty canvas to start a pan from');
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    await page.mouse.move(start.x - box.width / 2, start.y, { steps: 10 });
    await page.mouse.up();
  }
  await expect(page.locator('[data-node-id="nap_3_0"]')).toBeVisible();
  await expect(page.locator('[data-node-id="nap_0_0"]')).toHaveCount(0);
  await expect(page.getByRole('toolbar', { name: 'Workflow' })).not.toContainText('●'); // a pan is not an edit

  await pane.click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Delete');
  await expect(inPage).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(page.locator('[data-node-id="nap_3_0"]')).toBeVisible();
  await expect(page.getByRole('button', { name: '0 problems' })).toBeVisible();
});
