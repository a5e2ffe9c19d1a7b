/**
 * A large workflow (over 300 nodes, large-graph.ts) as a run shows it: its minimap draws every node
 * as one path and still pans the canvas, and a run ends with the canvas equal to the engine's report.
 * (large-graph.spec.ts covers editing one.)
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GRAPH_FORMAT, type Graph } from '../shared/graph';
import { ROOT, canvasStates, engineReport, expect, test } from './app-fixture';

const SHOTS = join(ROOT, 'test-results', 'e2e');
const GROUPS = 20;
const SLEEPS = 19;

/** 20 gathers of 19 short sleeps each, in a grid: 400 nodes. */
function largeGraph(): Graph {
  const nodes: Graph['nodes'] = [];
  const edges: Graph['edges'] = [];
  for (let g = 0; g < GROUPS; g++) {
    const x = (g % 5) * 600;
    const y = Math.floor(g / 5) * (SLEEPS * 80 + 160);
    for (let i = 0; i < SLEEPS; i++) {
      nodes.push({
        id: `nap_${g}_${i}`,
        kind: 'sleep',
        params: { seconds: 0.01 * ((i % 3) + 1) },
        position: { x, y: y + i * 80 },
      });
      edges.push({ source: `nap_${g}_${i}`, target: `all_${g}`, input: i });
    }
    nodes.push({ id: `all_${g}`, kind: 'gather', params: {}, position: { x: x + 300, y: y + 9 * 80 } });
  }
  return { format: GRAPH_FORMAT, name: '400 nodes', nodes, edges };
}

const file = join(mkdtempSync(join(tmpdir(), 'flowloop-e2e-large-')), 'large.flow.json');
writeFileSync(file, JSON.stringify(largeGraph(), null, 2));
test.use({ appArgs: [file, '--clock', 'virtual'] });

const viewportTransform = (page: import('@playwright/test').Page) =>
  page.locator('.react-flow__viewport').evaluate((element) => getComputedStyle(element).transform);

test('a large graph’s minimap is one path of every node, and dragging it pans the canvas', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  await expect(page.locator('.canvas.large-graph')).toBeVisible();
  const nodesInPage = await page.locator('[data-node-id]').count();
  expect(nodesInPage).toBeGreaterThan(0);
  expect(nodesInPage).toBeLessThan(GROUPS * (SLEEPS + 1)); // only what is in view

  const minimapNodes = page.locator('.large-graph-minimap path.react-flow__minimap-node');
  await expect(minimapNodes).toHaveAttribute('data-minimap-nodes', String(GROUPS * (SLEEPS + 1)));
  // One closed rectangle per node in the one path.
  expect(((await minimapNodes.getAttribute('d')) ?? '').match(/z/g)?.length).toBe(GROUPS * (SLEEPS + 1));
  await expect(page.locator('.react-flow__minimap rect')).toHaveCount(0);

  const before = await viewportTransform(page);
  const box = await page.locator('.large-graph-minimap svg').boundingBox();
  if (box === null) throw new Error('the minimap is not on the page');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 30, box.y + box.height / 2 + 40, { steps: 5 });
  await page.mouse.up();
  await expect.poll(() => viewportTransform(page)).not.toBe(before);
  await page.screenshot({ path: join(SHOTS, 'large-graph-minimap.png') });

  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.locator('[data-run-status]')).toHaveAttribute('data-run-status', 'done');
  // Only the nodes in view are in the page: each shows the engine's final state, and the status
  // bar's counts (over every node) are the report's.
  const report = await engineReport(file);
  const inView = await canvasStates(page);
  expect(Object.keys(inView).length).toBeGreaterThan(0);
  expect(inView).toEqual(Object.fromEntries(Object.keys(inView).map((id) => [id, report.nodes[id]?.state])));
  for (const state of ['done', 'failed', 'cancelled', 'idle']) {
    const count = Object.values(report.nodes).filter((n) => n.state === state).length;
    await expect(page.locator(`[data-state-count="${state}"] b`)).toHaveText(String(count));
  }
});
