/**
 * The lesson's example, watched as a person watches it: two page fetches and a sleep(5) under
 * asyncio.wait, then under asyncio.gather. The pages come from a real server on 127.0.0.1 (page
 * A answers after 0.3 s, page B after 0.8 s), so the run is real I/O on the real clock. Every
 * data-state change on the canvas is recorded as it happens (a MutationObserver in the page), and
 * the order seen must be the order asyncio gives: the engine's --json report for the same file,
 * which the differential tests hold to CPython event for event.
 */
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { ROOT, canvasStates, engineReport, expect, test, type WebApp } from './app-fixture';

interface Seen {
  node: string;
  state: string;
  /** Which mutation batch (one per React commit: one per frame of events) showed it. */
  batch: number;
}

let pages: Server;
let base: string;

test.beforeAll(async () => {
  pages = createServer((request, response) => {
    const delay = request.url === '/a' ? 300 : request.url === '/b' ? 800 : 0;
    setTimeout(
      () => response.writeHead(delay === 0 ? 404 : 200, { 'content-type': 'text/html' }).end('<h1>page</h1>'),
      delay,
    );
  });
  await new Promise<void>((resolve) => pages.listen(0, '127.0.0.1', resolve));
  const address = pages.address();
  if (address === null || typeof address === 'string') throw new Error('the page server has no port');
  base = `http://127.0.0.1:${address.port}`;
});
test.afterAll(async () => {
  pages.closeAllConnections();
  await new Promise((resolve) => pages.close(resolve));
});

/** The gallery's example with its two page URLs pointed at the local server. */
function localCopy(example: string): string {
  const graph = JSON.parse(readFileSync(join(ROOT, 'examples', example), 'utf8')) as {
    nodes: { id: string; params: Record<string, unknown> }[];
  };
  for (const node of graph.nodes) {
    if (node.id === 'page_a') node.params.url = `${base}/a`;
    if (node.id === 'page_b') node.params.url = `${base}/b`;
  }
  const file = join(mkdtempSync(join(tmpdir(), 'flowloop-seed-')), example);
  writeFileSync(file, JSON.stringify(graph, null, 2));
  return file;
}

/** Records every data-state change of every node, in the order the page shows them. */
async function recordStates(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: { node: string; state: string; batch: number }[] = [];
    (window as unknown as { __seen: typeof seen }).__seen = seen;
    let batch = 0;
    new MutationObserver((mutations) => {
      batch += 1;
      for (const m of mutations) {
        const el = m.target as Element;
        const node = el.getAttribute('data-node-id');
        const state = el.getAttribute('data-state');
        if (node !== null && state !== null && state !== m.oldValue) seen.push({ node, state, batch });
      }
    }).observe(document.body, {
      subtree: true,
      attributes: true,
      attributeFilter: ['data-state'],
      attributeOldValue: true,
    });
  });
}

const seenStates = (page: Page): Promise<Seen[]> =>
  page.evaluate(() => (window as unknown as { __seen: Seen[] }).__seen);

/**
 * Whether what the page showed agrees with the engine's order. One frame of events is one React
 * commit, which may fold a node's changes (pending then running shows as running) and writes the
 * nodes in page order; so every change seen must be one of the engine's, and a change seen in a
 * later batch must come later in the engine's sequence than every change of the earlier batches.
 */
function disagreement(
  seen: readonly Seen[],
  engine: readonly { node: string; state: string }[],
): string | null {
  let latestBefore = -1; // the engine's index of the last change of all earlier batches
  let latestInBatch = -1;
  let batch = -1;
  for (const step of seen) {
    if (step.batch !== batch) {
      latestBefore = Math.max(latestBefore, latestInBatch);
      batch = step.batch;
    }
    const at = engine.findIndex((e) => e.node === step.node && e.state === step.state);
    if (at === -1) return `the page showed ${step.node} ${step.state}, which the engine never reported`;
    if (at <= latestBefore)
      return `the page showed ${step.node} ${step.state} after a change the engine made later`;
    latestInBatch = Math.max(latestInBatch, at);
  }
  return null;
}

async function watchRun(page: Page, app: WebApp, combinator: string): Promise<Seen[]> {
  await page.goto(app.url);
  await expect(page.locator('[data-node-id]')).toHaveCount(4);
  await recordStates(page);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  // While the nap sleeps, both pages are already done and the combinator still waits for it.
  await expect(page.locator('[data-node-id="page_b"]')).toHaveAttribute('data-state', 'done');
  await expect(page.locator('[data-node-id="page_a"]')).toHaveAttribute('data-state', 'done');
  await expect(page.locator('[data-node-id="nap"]')).toHaveAttribute('data-state', 'running');
  await expect(page.locator(`[data-node-id="${combinator}"]`)).toHaveAttribute('data-state', 'running');
  await page.screenshot({ path: join(ROOT, 'test-results', 'e2e', `seed-${combinator}-midway.png`) });
  await expect(page.locator('[data-run-status]')).toHaveAttribute('data-run-status', 'done', {
    timeout: 20_000,
  });
  return seenStates(page);
}

for (const [example, combinator] of [
  ['seed-wait.flow.json', 'all_done'],
  ['seed-gather.flow.json', 'results'],
] as const) {
  test(`${example}: the canvas shows the states in asyncio's order`, async ({ page, launchApp }) => {
    const file = localCopy(example);
    const app = await launchApp([file, '--clock', 'real']);
    // The engine's own run of the same file, alongside (both take the nap's 5 s).
    const engine = engineReport(file, 'real') as Promise<
      Awaited<ReturnType<typeof engineReport>> & { events: Seen[] }
    >;
    const seen = await watchRun(page, app, combinator);
    const report = await engine;
    expect(
      disagreement(seen, report.events),
      `seen ${JSON.stringify(seen)}\nengine ${JSON.stringify(report.events)}`,
    ).toBeNull();
    const doneOrder = seen.filter((s) => s.state === 'done').map((s) => s.node);
    expect(doneOrder).toEqual(['page_a', 'page_b', 'nap', combinator]);
    expect(await canvasStates(page)).toEqual(
      Object.fromEntries(Object.entries(report.nodes).map(([id, n]) => [id, n.state])),
    );
  });
}
