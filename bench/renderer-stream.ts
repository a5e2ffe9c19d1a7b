/**
 * The canvas and the timeline under a stream of run events, in headless Debian Chromium through the
 * browser mode (`flowloop web`), driven over a bare DevTools connection (cdp-page.ts: Playwright
 * would copy every WebSocket message into a DevTools event, work no user's browser does): a
 * 5,000-node workflow (renderer-workflow.ts streamWorkflow) run on the real clock, which streams
 * ≥ 50,000 state events per second. Measured in the page:
 *   - frames per second from requestAnimationFrame timestamps while the events arrive (mean, worst 1 %,
 *     longest frame), and the time from the Run click to the final states painted;
 *   - that no event was lost: the page received as many state events as the host counted (run.ended
 *     carries the count; the page rebuilds the report from the events, shared/protocol/ended-report.ts,
 *     and says when some never arrived), the status bar counts every node in its final state (done) when
 *     the end is shown, and every node in view on the canvas shows it (`data-state`). All of it read from what the page shows, as a person would (no hook in the
 *     app): the toolbar's run status, the status bar's counts and loop time, each node's `data-state`,
 *     the Event log's count and the status line (see STREAM_RUN, EVENT_COUNTS);
 *   - the same with the host sending one event per message (FLOWLOOP_FRAME_MS=0), the unbatched baseline;
 *   - with the timeline open (5,000 rows): frames while it draws during the stream, then while it is
 *     scrolled with the wheel and while its playhead is dragged after the run.
 * Run by bench/run.ts after bench/renderer.ts, or alone: `npx tsx bench/renderer-stream.ts`. Prints a
 * table with PASS/MISS; writes .bench/renderer-stream.json. Builds the renderer first unless
 * FLOWLOOP_BENCH_NO_BUILD=1. FLOWLOOP_BENCH_PROFILE=FILE writes a CPU profile of the batched runs and the timeline gestures;
 * FLOWLOOP_BENCH_TRACE=FILE a Chrome trace of the batched runs with the timeline closed
 * (FLOWLOOP_BENCH_TRACE_TIMELINE=FILE: with it open);
 * FLOWLOOP_BENCH_FRAMES=1 prints each run's frame intervals.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildRenderer,
  CHROMIUM,
  progress,
  root,
  settle,
  START_FRAMES,
  startServer,
  STOP_FRAMES,
  stopServer,
  type Server,
} from './browser';
import { addSpent, processTreeCpuMs } from './process-cpu';
import { CdpBrowser, type CdpPage } from './cdp-page';
import { streamWorkflow } from './renderer-workflow';

const RUNS = Number(process.env.FLOWLOOP_BENCH_RUNS ?? 8);
const UNBATCHED_RUNS = 1;
const RUN_TIMEOUT_MS = 60_000;
/** FLOWLOOP_BENCH_UNBATCHED=0 skips the baseline (while working on the renderer). */
const WITH_BASELINE = process.env.FLOWLOOP_BENCH_UNBATCHED !== '0';
const GESTURE_MS = 2000;
const EVENTS_TARGET = 50_000;
const FPS_TARGET = 50;
const LONGEST_FRAME_TARGET_MS = 100;
const VIEWPORT = { width: 1400, height: 900 };

/**
 * One run in the page, watched only as a person could: click Run, record rAF timestamps until the
 * final states are painted, then check them. Nothing of the app's inside is reached: the run's
 * progress is what the page shows — the toolbar's run status (`data-run-status`), the status bar's
 * count of nodes per state (`data-state-count`) and loop time (`data-loop-time`), each node's
 * `data-state` — read by a MutationObserver when React writes them, before the frame is painted.
 */
const STREAM_RUN = `(async (timeoutMs) => {
  const runStatus = document.querySelector('[data-run-status]');
  const summary = document.querySelector('.run-summary');
  const loopTime = summary.querySelector('[data-loop-time]');
  const count = (state) => Number(summary.querySelector('[data-state-count="' + state + '"] b').textContent);
  const counts = () => Object.fromEntries(['idle', 'pending', 'running', 'done', 'failed', 'cancelled'].map((s) => [s, count(s)]));
  // Before Run the status bar counts every node of the graph (idle, or as the last run left it).
  const nodeCount = Object.values(counts()).reduce((a, b) => a + b, 0);
  const watch = { reset: false, updates: 0, firstUpdateAt: null, endedAt: null, endCounts: null, shown: '' };
  const observer = new MutationObserver(() => {
    if (watch.endedAt !== null) return;
    const status = runStatus.getAttribute('data-run-status');
    const shown = loopTime.getAttribute('data-loop-time') + ' ' + summary.textContent;
    // Run resets the count to every node idle; after that, each change of the status bar is an update of the run.
    if (!watch.reset) {
      watch.reset = status === 'running' && count('idle') === nodeCount;
      watch.shown = shown;
      return;
    }
    if (shown !== watch.shown) {
      watch.shown = shown;
      watch.updates += 1;
      watch.firstUpdateAt ??= performance.now();
    }
    if (status !== 'running') {
      watch.endedAt = performance.now();
      watch.firstUpdateAt ??= watch.endedAt;
      watch.endCounts = counts();
    }
  });
  observer.observe(runStatus, { attributes: true });
  observer.observe(summary, { subtree: true, attributes: true, characterData: true, childList: true });
  const times = [];
  let on = true;
  const tick = (t) => { if (on) { times.push(t); requestAnimationFrame(tick); } };
  await new Promise((r) => requestAnimationFrame(r));
  requestAnimationFrame(tick);
  const clickedAt = performance.now();
  document.querySelector('button[aria-label="Run"]').click();
  const timedOut = await new Promise((resolve) => {
    const check = () => {
      if (watch.endedAt !== null) resolve(false);
      else if (performance.now() - clickedAt > timeoutMs) resolve(true);
      else setTimeout(check, 20);
    };
    check();
  });
  observer.disconnect();
  if (timedOut) {
    on = false;
    const from = watch.firstUpdateAt ?? clickedAt;
    const shownCounts = counts();
    document.querySelector('button[aria-label="Stop"]').click();
    return {
      timedOut: true, status: 'timed out', nodes: nodeCount, doneAtEnd: 0, reached: nodeCount - shownCounts.idle, loopSeconds: 0,
      updates: watch.updates, domChecked: 0, domMismatches: 0,
      clickToFirstMs: from - clickedAt, streamMs: performance.now() - from, clickToPaintedMs: performance.now() - clickedAt,
      frames: times.filter((t, i) => (times[i + 1] ?? Infinity) >= from),
    };
  }
  const endedAt = watch.endedAt;
  // The first frame after the end: the final states are on screen.
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  on = false;
  const paintedAt = times.find((t) => t >= endedAt) ?? performance.now();
  const status = runStatus.getAttribute('data-run-status');
  const final = status === 'done' ? 'done' : null;
  const inView = [...document.querySelectorAll('[data-node-id]')];
  const domMismatches = inView.filter((e) => e.getAttribute('data-state') !== final).length;
  const from = watch.firstUpdateAt ?? clickedAt;
  const streamFrames = times.filter((t, i) => (times[i + 1] ?? Infinity) >= from && t <= paintedAt);
  return {
    timedOut: false,
    status,
    nodes: nodeCount,
    doneAtEnd: watch.endCounts.done,
    reached: nodeCount - watch.endCounts.idle,
    loopSeconds: Number(loopTime.getAttribute('data-loop-time')),
    updates: watch.updates,
    domChecked: inView.length,
    domMismatches,
    clickToFirstMs: from - clickedAt,
    streamMs: endedAt - from,
    clickToPaintedMs: paintedAt - clickedAt,
    frames: streamFrames,
  };
})`;

/**
 * After a run, what the page says of its events, as a person would find it: the Event log's count
 * ("N of M events", opened and closed again) and, when some never reached the page, the status line's
 * "K state events of this run never reached the page" (the page then shows the host's report, whose
 * count is M; before, M + K were counted).
 */
const EVENT_COUNTS = `(async () => {
  const toggle = [...document.querySelectorAll('.dock-bar button')].find((b) => b.textContent.trim() === 'Event log');
  toggle.click();
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const text = document.querySelector('.event-log-filters [aria-live]')?.textContent ?? '';
  toggle.click();
  const total = /of (\\d+) events/.exec(text);
  const missing = /(\\d+) state events? of this run never reached the page/.exec(document.querySelector('.status-line')?.textContent ?? '');
  return { events: total === null ? -1 : Number(total[1]), lost: missing === null ? 0 : Number(missing[1]) };
})()`;

interface PageRun {
  /** No report within the time allowed (the unbatched baseline may never catch up): the run was stopped. */
  timedOut: boolean;
  /** The toolbar's run status once the run ended. */
  status: string;
  nodes: number;
  /** The status bar's count of done nodes when the run's end was shown (every node, for this workflow). */
  doneAtEnd: number;
  /** Nodes no longer idle when the end was shown (when timed out: by then). */
  reached: number;
  /** The run's loop time at its end (its last event's), from the status bar. */
  loopSeconds: number;
  /** Status bar updates from the first of the run to its end (about one per animation frame that brought events). */
  updates: number;
  /** Nodes in view on the canvas, and those whose `data-state` is not the final one. */
  domChecked: number;
  domMismatches: number;
  clickToFirstMs: number;
  streamMs: number;
  clickToPaintedMs: number;
  frames: number[];
  /** The events the page holds after the run (Event log), and those the status line says never reached it. */
  pageEvents: number;
  lostEvents: number;
  /** The host's count of the run's events: the page's plus those it lost. */
  reportEvents: number;
}

export interface FrameStats {
  frames: number;
  seconds: number;
  fps: number;
  /** The mean of the longest 1 % of frame intervals (at least one), and the longest, ms. */
  worst1PctMs: number;
  longestMs: number;
}

export interface ModeResult {
  name: string;
  frameMs: string;
  timeline: boolean;
  runs: Omit<PageRun, 'frames'>[];
  /** Report events over the run's loop seconds (real clock: wall time in the host), per run and overall. */
  eventsPerSecond: number;
  frames: FrameStats;
  /** Main-thread time per run, ms, from Chrome's Performance.getMetrics (the settling after each run included). */
  mainThread: Record<string, number>;
  /** CPU time of all the browser's processes per run, click → final states painted (Linux /proc; null elsewhere). */
  browserCpuMs: number | null;
  /** CPU time of the host (`flowloop web`) per run, click → final states painted. */
  hostCpuMs: number | null;
  /** Median click → final states painted. */
  clickToPaintedMs: number;
  lost: number;
  allDone: boolean;
  /** Runs with no report in the time allowed (counted in the click → painted median as that time). */
  timedOut: number;
}

const METRICS = ['TaskDuration', 'ScriptDuration', 'LayoutDuration', 'RecalcStyleDuration'];

async function mainThreadMetrics(page: CdpPage): Promise<Record<string, number>> {
  const { metrics } = await page.send<{ metrics: { name: string; value: number }[] }>(
    'Performance.getMetrics',
  );
  return Object.fromEntries(
    metrics.filter((m) => METRICS.includes(m.name)).map((m) => [m.name, m.value * 1000]),
  );
}

function frameStats(series: readonly (readonly number[])[]): FrameStats {
  const intervals: number[] = [];
  let span = 0;
  for (const times of series) {
    for (let i = 1; i < times.length; i++) intervals.push((times[i] as number) - (times[i - 1] as number));
    if (times.length > 1) span += (times[times.length - 1] as number) - (times[0] as number);
  }
  intervals.sort((a, b) => b - a);
  const worstCount = Math.max(1, Math.floor(intervals.length / 100));
  const worst = intervals.slice(0, worstCount);
  return {
    frames: intervals.length,
    seconds: span / 1000,
    fps: span > 0 ? (intervals.length * 1000) / span : 0,
    worst1PctMs: worst.length > 0 ? worst.reduce((a, b) => a + b, 0) / worst.length : 0,
    longestMs: intervals[0] ?? 0,
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Servers still running, stopped in main's finally if a measurement fails. */
const servers = new Set<Server>();

async function openStream(
  browser: CdpBrowser,
  file: string,
  dir: string,
  env: Record<string, string>,
): Promise<{ page: CdpPage; server: Server }> {
  const server = await startServer(file, mkdtempSync(join(dir, 'data-')), env);
  servers.add(server);
  const page = await browser.newPage(server.url, VIEWPORT);
  await page.waitFor(`document.querySelector('.react-flow__pane')`);
  await page.waitFor(`document.querySelectorAll('[data-node-id]').length > 0`);
  await page.waitFor(`document.querySelector('.run-summary [data-state-count="idle"]')`);
  await settle(page);
  return { page, server };
}

async function setTimeline(page: CdpPage, open: boolean): Promise<void> {
  await page.evaluate(`(() => {
    const toggle = [...document.querySelectorAll('button[aria-pressed]')].find((b) => b.textContent.trim() === 'Timeline');
    if (toggle.getAttribute('aria-pressed') !== '${String(open)}') toggle.click();
  })()`);
  if (open) await page.waitFor(`document.querySelector('.timeline-canvas')`);
  await settle(page);
}

async function streamRuns(
  browser: CdpBrowser,
  host: Server,
  page: CdpPage,
  name: string,
  frameMs: string,
  timeline: boolean,
  count: number,
  timeoutMs = RUN_TIMEOUT_MS,
): Promise<ModeResult> {
  await setTimeline(page, timeline);
  // Every row begins with a run that is not counted: it warms up the host's code and the page's
  // code for the row's mode (the timeline's live drawing, say, has not run before its row), as the
  // first row always had.
  await page.evaluate(`${STREAM_RUN}(${timeoutMs})`);
  await settle(page);
  const runs: PageRun[] = [];
  let cpuMs: number | null = 0;
  let hostCpuMs: number | null = 0;
  const byThread = process.env.FLOWLOOP_BENCH_CPU_THREADS === '1' ? new Map<string, number>() : null;
  await page.send('Performance.enable');
  const before = await mainThreadMetrics(page);
  for (let i = 0; i < count; i++) {
    const threadsBefore = byThread === null ? null : browser.threadCpuMs();
    const cpuBefore = browser.cpuMs();
    const hostBefore = processTreeCpuMs(host.child.pid);
    const shown = await page.evaluate<Omit<PageRun, 'pageEvents' | 'lostEvents' | 'reportEvents'>>(
      `${STREAM_RUN}(${timeoutMs})`,
    );
    cpuMs = addSpent(cpuMs, cpuBefore, browser.cpuMs());
    hostCpuMs = addSpent(hostCpuMs, hostBefore, processTreeCpuMs(host.child.pid));
    // Outside the measured time: the page has settled (a page that lost events has asked for the host's report).
    await settle(page);
    const told = shown.timedOut
      ? { events: 0, lost: 0 }
      : await page.evaluate<{ events: number; lost: number }>(EVENT_COUNTS);
    const run: PageRun = {
      ...shown,
      pageEvents: told.events,
      lostEvents: told.lost,
      reportEvents: told.events + told.lost,
    };
    if (byThread !== null && threadsBefore !== null) {
      for (const [thread, ms] of browser.threadCpuMs())
        byThread.set(thread, (byThread.get(thread) ?? 0) + ms - (threadsBefore.get(thread) ?? 0));
    }
    const f = frameStats([run.frames]);
    progress(
      run.timedOut
        ? `    ${name} run ${i + 1}: no report after ${(timeoutMs / 1000).toFixed(0)} s; ${run.reached} of ${run.nodes} nodes reached in ${run.updates} status bar updates; ${f.fps.toFixed(1)} fps, longest frame ${f.longestMs.toFixed(0)} ms`
        : `    ${name} run ${i + 1}: ${run.reportEvents} events in ${run.loopSeconds.toFixed(3)} s (${(run.reportEvents / run.loopSeconds).toFixed(0)}/s), ` +
            `${run.updates} status bar updates; click → first update ${run.clickToFirstMs.toFixed(0)} ms, stream ${run.streamMs.toFixed(0)} ms, ` +
            `→ painted ${run.clickToPaintedMs.toFixed(0)} ms; ${f.fps.toFixed(1)} fps, longest ${f.longestMs.toFixed(0)} ms; lost ${lostOf(run)}`,
    );
    if (process.env.FLOWLOOP_BENCH_FRAMES === '1')
      progress(
        `      frame intervals (ms): ${run.frames
          .slice(1)
          .map((t, k) => (t - (run.frames[k] as number)).toFixed(0))
          .join(' ')}`,
      );
    runs.push(run);
    await settle(page);
  }
  const after = await mainThreadMetrics(page);
  const mainThread = Object.fromEntries(
    METRICS.map((m) => [m.replace('Duration', ''), Math.round(((after[m] ?? 0) - (before[m] ?? 0)) / count)]),
  );
  const browserCpuMs = cpuMs === null ? null : Math.round(cpuMs / count);
  const hostCpuPerRun = hostCpuMs === null ? null : Math.round(hostCpuMs / count);
  if (byThread !== null) {
    const spent = [...byThread]
      .map(([thread, ms]) => [thread, ms / count] as const)
      .filter(([, ms]) => ms >= 1);
    progress(
      `    browser CPU per run by thread (ms, click → painted): ${spent
        .sort((a, b) => b[1] - a[1])
        .map(([thread, ms]) => `${thread} ${ms.toFixed(0)}`)
        .join(', ')}`,
    );
  }
  progress(
    `    main thread per run (ms, settling included): ${JSON.stringify(mainThread)}; CPU per run, click → painted: browser (all processes) ${browserCpuMs ?? 'n/a'} ms, host ${hostCpuPerRun ?? 'n/a'} ms`,
  );
  const events = runs.reduce((n, r) => n + r.reportEvents, 0);
  const seconds = runs.reduce((n, r) => n + r.loopSeconds, 0);
  return {
    name,
    frameMs,
    timeline,
    runs: runs.map(({ frames: _frames, ...rest }) => rest),
    eventsPerSecond: seconds > 0 ? events / seconds : 0,
    frames: frameStats(runs.map((r) => r.frames)),
    clickToPaintedMs: median(runs.map((r) => r.clickToPaintedMs)),
    mainThread,
    browserCpuMs,
    hostCpuMs: hostCpuPerRun,
    lost: runs.reduce((n, r) => n + lostOf(r), 0),
    allDone: runs.every((r) => r.status === 'done' && r.nodes > 0),
    timedOut: runs.filter((r) => r.timedOut).length,
  };
}

/**
 * What the run lost, by what the page showed: nodes not counted done when its end was shown, nodes in
 * view not painted done, and the events the page says never reached it. (Every node of the stream
 * workflow ends done, and the page's final states come from the events it received unless it lost
 * some: ended-report.ts.)
 */
function lostOf(run: PageRun): number {
  if (run.timedOut) return 0;
  return run.nodes - run.doneAtEnd + run.domMismatches + run.lostEvents + (run.pageEvents < 0 ? 1 : 0);
}

/** Frames while `gesture` runs (the timeline scrolled or its playhead dragged). */
async function framesDuring(page: CdpPage, gesture: () => Promise<void>): Promise<FrameStats> {
  await page.evaluate(START_FRAMES);
  await gesture();
  const times = await page.evaluate<number[]>(STOP_FRAMES);
  return frameStats([times]);
}

async function timelineBox(
  page: CdpPage,
): Promise<{ x: number; y: number; width: number; height: number; plotLeft: number; plotWidth: number }> {
  const box = await page.box('.timeline-canvas');
  if (box === null) throw new Error('the timeline canvas is not on the page');
  const plotLeft = Number(
    await page.evaluate(`document.querySelector('.timeline-canvas').getAttribute('data-plot-left')`),
  );
  const plotWidth = Number(
    await page.evaluate(`document.querySelector('.timeline-canvas').getAttribute('data-plot-width')`),
  );
  return { ...box, plotLeft, plotWidth };
}

async function scrollTimeline(page: CdpPage): Promise<{ stats: FrameStats; scrolledRows: number }> {
  const box = await timelineBox(page);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const stats = await framesDuring(page, async () => {
    const began = performance.now();
    let direction = 1;
    while (performance.now() - began < GESTURE_MS) {
      for (let i = 0; i < 20 && performance.now() - began < GESTURE_MS; i++)
        await page.mouse.wheel(0, direction * 400);
      direction = -direction;
    }
  });
  await page.mouse.wheel(0, 200_000);
  await settle(page);
  const scrolledTop = await page.evaluate<number>(`document.querySelector('.timeline-scroll').scrollTop`);
  return { stats, scrolledRows: Math.round(scrolledTop / 18) };
}

/** Whether the status bar counts fewer done nodes than the graph has: after a run that ended with every node done, a replayed instant. */
const REPLAYING = `(() => {
  const counts = [...document.querySelectorAll('.run-summary [data-state-count]')].map((e) => [e.getAttribute('data-state-count'), Number(e.querySelector('b').textContent)]);
  const total = counts.reduce((n, [, c]) => n + c, 0);
  return counts.some(([state, c]) => state === 'done' && c < total);
})()`;

async function dragPlayhead(page: CdpPage): Promise<{ stats: FrameStats; replayed: boolean }> {
  const box = await timelineBox(page);
  const y = box.y + 8; // the axis band: pressing there grabs the playhead
  let replayed = false;
  const stats = await framesDuring(page, async () => {
    const began = performance.now();
    await page.mouse.move(box.x + box.plotLeft + 2, y);
    await page.mouse.down();
    let step = 0;
    while (performance.now() - began < GESTURE_MS) {
      const phase = (step % 80) / 80;
      const along = phase < 0.5 ? phase * 2 : 2 - phase * 2;
      await page.mouse.move(box.x + box.plotLeft + 2 + along * (box.plotWidth - 20), y);
      // Replaying an instant of the run, the status bar counts what the canvas shows then: not every node done.
      if (step === 20) replayed = await page.evaluate<boolean>(REPLAYING);
      step += 1;
    }
    await page.mouse.move(box.x + box.plotLeft + box.plotWidth + 5, y);
    await page.mouse.up();
  });
  await settle(page);
  return { stats, replayed };
}

function frameCells(f: FrameStats): string {
  return `${f.frames} | ${f.fps.toFixed(1)} | ${f.worst1PctMs.toFixed(1)} ms | ${f.longestMs.toFixed(1)} ms`;
}

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    process.stdout.write(
      `Renderer stream bench skipped: no Chromium at ${CHROMIUM} (apt install chromium).\n`,
    );
    return;
  }
  const started = performance.now();
  const loadBefore = loadavg()[0] ?? 0;
  if (process.env.FLOWLOOP_BENCH_NO_BUILD !== '1') buildRenderer();
  const dir = mkdtempSync(join(tmpdir(), 'flowloop-bench-stream-'));
  const graph = streamWorkflow();
  const file = join(dir, 'stream.flow.json');
  writeFileSync(file, JSON.stringify(graph));
  const browser = await CdpBrowser.launch();
  try {
    progress(`  renderer stream: ${graph.nodes.length} nodes, batched frames …`);
    const batched = await openStream(browser, file, dir, {});
    const profileFile = process.env.FLOWLOOP_BENCH_PROFILE;
    if (profileFile) {
      await batched.page.send('Profiler.enable');
      await batched.page.send('Profiler.setSamplingInterval', { interval: 200 });
      await batched.page.send('Profiler.start');
    }
    /** The rows' runs, traced into `file` when it is set. */
    const traced = async (
      file: string | undefined,
      measure: () => Promise<ModeResult>,
    ): Promise<ModeResult> => {
      if (file === undefined) return measure();
      let result: ModeResult | undefined;
      writeFileSync(file, await browser.trace(async () => void (result = await measure())));
      return result as ModeResult;
    };
    const canvas = await traced(process.env.FLOWLOOP_BENCH_TRACE, () =>
      streamRuns(browser, batched.server, batched.page, 'batched', 'host frames (16 ms)', false, RUNS),
    );
    const withTimeline = await traced(process.env.FLOWLOOP_BENCH_TRACE_TIMELINE, () =>
      streamRuns(
        browser,
        batched.server,
        batched.page,
        'batched + timeline',
        'host frames (16 ms)',
        true,
        RUNS,
      ),
    );
    progress('  renderer stream: timeline, wheel and playhead …');
    const scroll = await scrollTimeline(batched.page);
    const drag = await dragPlayhead(batched.page);
    if (profileFile) {
      const { profile } = await batched.page.send<{ profile: unknown }>('Profiler.stop');
      writeFileSync(profileFile, JSON.stringify(profile));
    }
    await batched.page.close();
    await stopServer(batched.server);

    let unbatched = canvas;
    if (WITH_BASELINE) {
      progress('  renderer stream: unbatched baseline (FLOWLOOP_FRAME_MS=0) …');
      const single = await openStream(browser, file, dir, { FLOWLOOP_FRAME_MS: '0' });
      unbatched = await streamRuns(
        browser,
        single.server,
        single.page,
        'unbatched',
        'one event per message',
        false,
        UNBATCHED_RUNS,
      );
      await single.page.close();
      await stopServer(single.server);
    }

    const modes = WITH_BASELINE ? [canvas, withTimeline, unbatched] : [canvas, withTimeline];
    const rate = Math.min(canvas.eventsPerSecond, withTimeline.eventsPerSecond);
    const timelineLongest = Math.max(
      withTimeline.frames.longestMs,
      scroll.stats.longestMs,
      drag.stats.longestMs,
    );
    const pass = {
      events: rate >= EVENTS_TARGET,
      fps: canvas.frames.fps >= FPS_TARGET && withTimeline.frames.fps >= FPS_TARGET,
      lost: [canvas, withTimeline].every((m) => m.lost === 0 && m.allDone),
      timeline: timelineLongest < LONGEST_FRAME_TARGET_MS && scroll.scrolledRows > 0 && drag.replayed,
    };
    const fpsRatio = unbatched.frames.fps > 0 ? canvas.frames.fps / unbatched.frames.fps : 0;
    const timeRatio = canvas.clickToPaintedMs > 0 ? unbatched.clickToPaintedMs / canvas.clickToPaintedMs : 0;
    // CPU time moves far less than frame rates between runs on a shared machine: the steadiest ratio.
    const cpuRatio =
      canvas.browserCpuMs !== null && unbatched.browserCpuMs !== null && canvas.browserCpuMs > 0
        ? unbatched.browserCpuMs / canvas.browserCpuMs
        : null;
    const seconds = (performance.now() - started) / 1000;
    const updates = (m: ModeResult) => median(m.runs.map((r) => r.updates));
    const painted = (m: ModeResult) =>
      m.timedOut > 0
        ? `> ${RUN_TIMEOUT_MS / 1000} s (${median(m.runs.map((r) => r.reached))} nodes reached by then)`
        : `${m.clickToPaintedMs.toFixed(0)} ms`;
    const atLeast = unbatched.timedOut > 0 ? '> ' : '';
    const lines = [
      '',
      `Renderer under a stream of run events (headless ${CHROMIUM}, software rendering, ${VIEWPORT.width}×${VIEWPORT.height}): ` +
        `${graph.nodes.length} nodes (a sequence of ${graph.nodes.filter((n) => n.kind === 'gather').length} gathers of 1–2 ms sleeps), real clock; ` +
        `${RUNS} runs per row (${UNBATCHED_RUNS} unbatched), each row after a warm-up run in its mode; frames from requestAnimationFrame while the events arrive.`,
      '',
      '| host sends | timeline | events/s (host) | status bar updates/run | frames | fps | worst 1 % | longest frame | click → final states painted | browser CPU/run | events lost |',
      '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
      ...modes.map(
        (m) =>
          `| ${m.frameMs} | ${m.timeline ? 'open' : 'closed'} | ${m.eventsPerSecond.toFixed(0)} | ${updates(m)} | ${frameCells(m.frames)} | ${painted(m)} | ${m.browserCpuMs === null ? 'n/a' : `${m.browserCpuMs} ms`} | ${m.timedOut > 0 ? 'no report' : m.lost} |`,
      ),
      '',
      `Batched vs unbatched (timeline closed): ${canvas.frames.fps.toFixed(1)} vs ${unbatched.frames.fps.toFixed(1)} fps (${fpsRatio.toFixed(1)}×); ` +
        `click → final states painted ${canvas.clickToPaintedMs.toFixed(0)} vs ${atLeast}${unbatched.clickToPaintedMs.toFixed(0)} ms (unbatched takes ${atLeast}${timeRatio.toFixed(1)}× as long)` +
        (cpuRatio === null
          ? '.'
          : `; the browser's CPU per run ${canvas.browserCpuMs} vs ${atLeast}${unbatched.browserCpuMs} ms (unbatched costs ${atLeast}${cpuRatio.toFixed(1)}× as much).`),
      `Timeline, ${graph.nodes.length} rows, after the run: wheel scrolling ${frameCells(scroll.stats).replaceAll(' | ', ', ')} (frames, fps, worst 1 %, longest); ` +
        `dragging the playhead ${frameCells(drag.stats).replaceAll(' | ', ', ')}.`,
      '',
      'Targets:',
      `  ${pass.events ? 'PASS' : 'MISS'}  ≥ ${EVENTS_TARGET.toLocaleString('en')} state events/s streamed: ${rate.toFixed(0)}/s (the slower batched row; report events over the run's real-clock seconds)`,
      `  ${pass.fps ? 'PASS' : 'MISS'}  canvas coloured at ≥ ${FPS_TARGET} fps during the stream: ${canvas.frames.fps.toFixed(1)} fps, ${withTimeline.frames.fps.toFixed(1)} fps with the timeline open`,
      `  ${pass.lost ? 'PASS' : 'MISS'}  no event lost (the page's events = the host's count; at the end every node counted done and every node in view painted done): ${[canvas, withTimeline].map((m) => `${m.name} ${m.lost}`).join(', ')}`,
      `  ${pass.timeline ? 'PASS' : 'MISS'}  timeline (${graph.nodes.length} rows) longest frame < ${LONGEST_FRAME_TARGET_MS} ms: ${timelineLongest.toFixed(1)} ms (stream ${withTimeline.frames.longestMs.toFixed(1)}, wheel ${scroll.stats.longestMs.toFixed(1)}, playhead ${drag.stats.longestMs.toFixed(1)}); the wheel scrolled ${scroll.scrolledRows} rows, dragging the playhead ${drag.replayed ? 'replayed' : 'did not replay'} the canvas`,
      '',
      `renderer stream bench took ${seconds.toFixed(0)} s; machine load (1 min) ${loadBefore.toFixed(2)} before, ${(loadavg()[0] ?? 0).toFixed(2)} after`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    if (!WITH_BASELINE) return;
    mkdirSync(join(root, '.bench'), { recursive: true });
    const json = {
      date: new Date().toISOString(),
      chromium: browser.version,
      viewport: VIEWPORT,
      workflow: { nodes: graph.nodes.length, edges: graph.edges.length },
      modes,
      timeline: { scroll, drag, longestMs: timelineLongest },
      ratios: { fps: fpsRatio, clickToPainted: timeRatio, browserCpu: cpuRatio },
      targets: {
        eventsPerSecond: { target: EVENTS_TARGET, value: rate, pass: pass.events },
        fps: {
          target: FPS_TARGET,
          value: Math.min(canvas.frames.fps, withTimeline.frames.fps),
          pass: pass.fps,
        },
        noEventLost: { value: modes.reduce((n, m) => n + m.lost, 0), pass: pass.lost },
        timelineLongestFrameMs: {
          target: LONGEST_FRAME_TARGET_MS,
          value: timelineLongest,
          pass: pass.timeline,
        },
      },
      seconds,
      load: { before: loadBefore, after: loadavg()[0] ?? 0 },
    };
    writeFileSync(join(root, '.bench', 'renderer-stream.json'), `${JSON.stringify(json, null, 2)}\n`);
  } finally {
    for (const server of servers) await stopServer(server);
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `renderer stream bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
