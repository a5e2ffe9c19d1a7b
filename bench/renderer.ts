/**
 * Renderer speed, in headless Debian Chromium through the browser mode (`flowloop web`):
 * (1) frames per second while panning a 1,000-node workflow with the mouse for about 3 s, from
 *     requestAnimationFrame timestamps, against an empty canvas panned the same way in this run;
 * (2) how many node components re-render when one node is added through the palette, counted from
 *     outside the app the way React's developer tools see commits: the page gets a stand-in for their
 *     global hook before it loads (COUNT_NODE_RENDERS), nothing in the product.
 * Run by bench/run.ts at the end, or alone: `npx tsx bench/renderer.ts`. Prints a table with
 * PASS/MISS; writes .bench/renderer.json. Builds the renderer first (dist/renderer).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';
import {
  buildRenderer,
  CHROMIUM,
  CHROMIUM_ARGS,
  progress,
  root,
  settle,
  START_FRAMES,
  startServer,
  STOP_FRAMES,
  stopServer,
  type Server,
} from './browser';
import { emptyWorkflow, largeWorkflow } from './renderer-workflow';
import type { Graph } from '../shared/graph';

const PAN_MS = 3000;
const FPS_TARGET = 50;

/** A point on the empty canvas (not on a node, the minimap or the controls), in page pixels. */
const FIND_EMPTY_POINT = `(() => {
  const pane = document.querySelector('.react-flow__pane');
  if (!pane) return null;
  const box = pane.getBoundingClientRect();
  for (let y = box.top + box.height * 0.3; y < box.bottom - 60; y += 7) {
    for (let x = box.left + box.width * 0.6; x < box.right - 40; x += 7) {
      const hit = document.elementFromPoint(x, y);
      if (hit && hit.classList.contains('react-flow__pane')) return { x, y };
    }
  }
  return null;
})()`;

/**
 * A stand-in for React's developer-tools hook, installed before the page's scripts run: React (also a
 * production build) hands it every commit. While counting is on, each commit's fiber tree is walked
 * and a node component (props `id` and `data.node`, see renderer/src/canvas/FlowNode.tsx) counts as
 * rendered when its hooks are not those it had at the last commit: React makes a component's hook
 * list anew whenever it calls it, and keeps it when it skips it. Off (during the pan) a commit costs a
 * property write.
 */
const COUNT_NODE_RENDERS = `(() => {
  const renders = new Map();
  const hooksSeen = new Map();
  let root = null;
  let on = false;
  const visit = (count) => {
    const stack = root === null ? [] : [root.current];
    while (stack.length > 0) {
      const fiber = stack.pop();
      const props = fiber.memoizedProps;
      if (typeof fiber.type === 'function' && props !== null && typeof props === 'object' && typeof props.id === 'string' && props.data !== null && typeof props.data === 'object' && 'node' in props.data) {
        if (count && hooksSeen.get(props.id) !== fiber.memoizedState) renders.set(props.id, (renders.get(props.id) ?? 0) + 1);
        hooksSeen.set(props.id, fiber.memoizedState);
      }
      if (fiber.sibling !== null) stack.push(fiber.sibling);
      if (fiber.child !== null) stack.push(fiber.child);
    }
  };
  window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true,
    renderers: new Map(),
    inject(renderer) { const id = this.renderers.size + 1; this.renderers.set(id, renderer); return id; },
    onCommitFiberRoot(_id, committed) { root = committed; if (on) visit(true); },
    onCommitFiberUnmount() {},
    onPostCommitFiberRoot() {},
    checkDCE() {},
  };
  window.__benchNodeRenders = {
    start() { renders.clear(); hooksSeen.clear(); visit(false); on = true; },
    counts() { return Object.fromEntries(renders); },
  };
})()`;

const VIEW_X = `Number(/translate\\(([-\\d.]+)px/.exec(document.querySelector('.react-flow__viewport').style.transform)[1])`;
const DIRTY = `document.title.startsWith('●')`;

export interface PanResult {
  frames: number;
  seconds: number;
  fps: number;
  /** 95th percentile and worst interval between frames, ms. */
  p95FrameMs: number;
  worstFrameMs: number;
  mouseMoves: number;
  /** How far the view travelled, in screen pixels (the strokes must pan, not drag nodes). */
  travelledPx: number;
  /** True if a node was dragged instead (the document became dirty): then the numbers are not of a pan. */
  movedNodes: boolean;
  /** Main-thread time during the pan, ms, from Chrome's Performance.getMetrics. */
  mainThread: Record<string, number>;
}

const METRICS = ['TaskDuration', 'ScriptDuration', 'LayoutDuration', 'RecalcStyleDuration'];

async function mainThreadMetrics(session: CDPSession): Promise<Record<string, number>> {
  const { metrics } = await session.send('Performance.getMetrics');
  return Object.fromEntries(
    metrics.filter((m) => METRICS.includes(m.name)).map((m) => [m.name, m.value * 1000]),
  );
}

/**
 * Drags the canvas for PAN_MS while rAF timestamps are recorded: strokes of 400 px to the left,
 * drifting up or down, each begun on empty canvas, so the view travels across the workflow and
 * new nodes keep coming into view.
 */
async function panAndCount(page: Page): Promise<PanResult> {
  const session = await page.context().newCDPSession(page);
  await session.send('Performance.enable');
  const before = await mainThreadMetrics(session);
  const viewBefore = (await page.evaluate(VIEW_X)) as number;
  await page.evaluate(START_FRAMES);
  const began = performance.now();
  let moves = 0;
  let stroke = 0;
  while (performance.now() - began < PAN_MS) {
    const start = (await page.evaluate(FIND_EMPTY_POINT)) as { x: number; y: number } | null;
    if (start === null) throw new Error('no empty point on the canvas to start a pan from');
    const drift = stroke % 2 === 0 ? 1 : -1;
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    for (let step = 1; step <= 50 && performance.now() - began < PAN_MS; step++) {
      await page.mouse.move(start.x - step * 8, start.y + drift * step * 2);
      moves += 1;
    }
    await page.mouse.up();
    stroke += 1;
  }
  const times = (await page.evaluate(STOP_FRAMES)) as number[];
  const after = await mainThreadMetrics(session);
  await session.detach();
  const travelledPx = Math.abs(((await page.evaluate(VIEW_X)) as number) - viewBefore);
  const movedNodes = (await page.evaluate(DIRTY)) as boolean;
  const mainThread = Object.fromEntries(
    METRICS.map((name) => [name, Math.round((after[name] ?? 0) - (before[name] ?? 0))]),
  );
  const intervals = times
    .slice(1)
    .map((t, i) => t - (times[i] as number))
    .sort((a, b) => a - b);
  const span = (times[times.length - 1] ?? 0) - (times[0] ?? 0);
  return {
    frames: times.length,
    seconds: span / 1000,
    fps: span > 0 ? ((times.length - 1) * 1000) / span : 0,
    p95FrameMs: intervals[Math.floor(intervals.length * 0.95)] ?? 0,
    worstFrameMs: intervals[intervals.length - 1] ?? 0,
    mouseMoves: moves,
    travelledPx,
    movedNodes,
    mainThread,
  };
}

async function openWorkflow(
  browser: Browser,
  graph: Graph,
  dir: string,
  name: string,
): Promise<{ page: Page; server: Server }> {
  const file = join(dir, `${name}.flow.json`);
  writeFileSync(file, JSON.stringify(graph));
  const server = await startServer(file, mkdtempSync(join(dir, 'data-')));
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.addInitScript(COUNT_NODE_RENDERS);
  await page.goto(server.url);
  await page.locator('.react-flow__pane').waitFor();
  // Large graphs render only the nodes in view (Canvas.tsx), so wait for the first ones, then settle.
  await page.waitForFunction(
    `document.querySelectorAll('[data-node-id]').length >= ${Math.min(graph.nodes.length, 1)}`,
    undefined,
    { timeout: 60_000 },
  );
  await settle(page);
  return { page, server };
}

export interface RerenderResult {
  nodesBefore: number;
  /** Node components in the page after the add (large graphs render only what is in view). */
  nodesInPage: number;
  /** Node components rendered after the add, and how many distinct nodes that was. */
  renders: number;
  nodesRendered: number;
  newNodeRendered: boolean;
  otherNodesRendered: number;
  /** Which other nodes rendered, and how often (the first ten). */
  othersExample: string[];
  addToPaintMs: number;
}

/** Adds one node with the palette's button and counts which node components rendered. */
async function addOneNode(page: Page, nodesBefore: number): Promise<RerenderResult> {
  await page.evaluate('window.__benchNodeRenders.start()');
  const button = page.getByRole('button', { name: /^Add sleep:/ });
  const clicked = performance.now();
  await button.click();
  // The new node is selected and lands in view: wait for it to be in the page.
  await page.waitForFunction(`document.querySelector('.flow-node.selected') !== null`);
  const addToPaintMs = performance.now() - clicked;
  await settle(page);
  const counts = (await page.evaluate('window.__benchNodeRenders.counts()')) as Record<string, number>;
  const added = (await page.evaluate(
    `[...document.querySelectorAll('.flow-node.selected')].map((e) => e.getAttribute('data-node-id'))`,
  )) as string[];
  const newId = added[0] ?? '';
  const ids = Object.keys(counts);
  const inPage = (await page.evaluate(`document.querySelectorAll('[data-node-id]').length`)) as number;
  return {
    nodesInPage: inPage,
    nodesBefore,
    renders: Object.values(counts).reduce((a, b) => a + b, 0),
    nodesRendered: ids.length,
    newNodeRendered: (counts[newId] ?? 0) > 0,
    otherNodesRendered: ids.filter((id) => id !== newId).length,
    othersExample: ids
      .filter((id) => id !== newId)
      .slice(0, 10)
      .map((id) => `${id} ×${counts[id] ?? 0}`),
    addToPaintMs,
  };
}

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    process.stdout.write(`Renderer bench skipped: no Chromium at ${CHROMIUM} (apt install chromium).\n`);
    return;
  }
  const started = performance.now();
  if (process.env.FLOWLOOP_BENCH_NO_BUILD !== '1') buildRenderer();
  const dir = mkdtempSync(join(tmpdir(), 'flowloop-bench-renderer-'));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
  });
  const large = largeWorkflow();
  try {
    progress('  renderer: empty canvas, pan …');
    const empty = await openWorkflow(browser, emptyWorkflow(), dir, 'empty');
    const baseline = await panAndCount(empty.page);
    await empty.page.close();
    await stopServer(empty.server);

    progress(`  renderer: ${large.nodes.length} nodes, pan …`);
    const big = await openWorkflow(browser, large, dir, 'large');
    const pan = await panAndCount(big.page);
    progress('  renderer: add one node …');
    const add = await addOneNode(big.page, large.nodes.length);
    await big.page.close();
    await stopServer(big.server);

    const fpsPass = pan.fps >= FPS_TARGET && !pan.movedNodes;
    const addPass = add.newNodeRendered && add.otherNodesRendered === 0;
    const ratio = baseline.fps > 0 ? pan.fps / baseline.fps : 0;
    const seconds = (performance.now() - started) / 1000;
    const lines = [
      '',
      `Renderer (headless ${CHROMIUM}, software rendering, 1400×900): dragging the canvas with the mouse for ${PAN_MS / 1000} s (strokes of 400 px); frames from requestAnimationFrame.`,
      '',
      '| canvas | frames | fps | p95 frame | worst frame | mouse moves | view travelled |',
      '|---|---:|---:|---:|---:|---:|---:|',
      ...[
        ['empty (baseline)', baseline] as const,
        [`${large.nodes.length} nodes, ${large.edges.length} edges`, pan] as const,
      ].map(
        ([name, r]) =>
          `| ${name} | ${r.frames} | ${r.fps.toFixed(1)} | ${r.p95FrameMs.toFixed(1)} ms | ${r.worstFrameMs.toFixed(1)} ms | ${r.mouseMoves} | ${r.travelledPx.toFixed(0)} px${r.movedNodes ? ' (nodes were dragged: not a pan!)' : ''} |`,
      ),
      `Main thread while panning ${large.nodes.length} nodes (ms): ${Object.entries(pan.mainThread)
        .map(([k, v]) => `${k.replace('Duration', '')} ${v}`)
        .join(', ')}.`,
      '',
      `Adding one node (palette button) to ${add.nodesBefore} nodes: ${add.renders} node renders, ${add.nodesRendered} node(s) rendered` +
        ` (new node ${add.newNodeRendered ? 'yes' : 'no'}, others ${add.otherNodesRendered}; ${add.nodesInPage} nodes in the page); click to painted ${add.addToPaintMs.toFixed(0)} ms.`,
      '',
      'Targets:',
      `  ${fpsPass ? 'PASS' : 'MISS'}  pan ${large.nodes.length} nodes at ≥ ${FPS_TARGET} fps: ${pan.fps.toFixed(1)} fps (${ratio.toFixed(2)}× the empty canvas's ${baseline.fps.toFixed(1)} fps)`,
      `  ${addPass ? 'PASS' : 'MISS'}  adding a node re-renders only that node: ${add.otherNodesRendered} other node(s) re-rendered${add.othersExample.length > 0 ? ` (${add.othersExample.join(', ')})` : ''}`,
      '',
      `renderer bench took ${seconds.toFixed(0)} s`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    mkdirSync(join(root, '.bench'), { recursive: true });
    const json = {
      date: new Date().toISOString(),
      chromium: browser.version(),
      viewport: { width: 1400, height: 900 },
      panMs: PAN_MS,
      workflow: { nodes: large.nodes.length, edges: large.edges.length },
      baseline,
      pan,
      fpsRatio: ratio,
      add,
      targets: {
        panFps: { target: FPS_TARGET, value: pan.fps, pass: fpsPass },
        addRendersOnlyNewNode: { value: add.otherNodesRendered, pass: addPass },
      },
      seconds,
    };
    writeFileSync(join(root, '.bench', 'renderer.json'), `${JSON.stringify(json, null, 2)}\n`);
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `renderer bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
