/**
 * The timeline panel under the canvas: one bar per task (created → started → ended), an axis in loop
 * seconds and a playhead that follows a run live. After a run, dragging the playhead or clicking the
 * axis replays the canvas at that instant; releasing it at the end, or Live, shows the final states.
 * Drawn on a <canvas>, only the rows in view, so thousands of tasks scroll smoothly.
 */
import { useEffect, useMemo, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { NODE_STATES, type NodeState, type StateEvent } from '../../../shared/runtime/types';
import { useApp } from '../app/app-store';
import { countStates } from '../model/state-counts';
import { editorStore, useEditor } from '../store/use-editor';
import {
  AXIS_HEIGHT,
  LABEL_WIDTH,
  RIGHT_PAD,
  ROW_HEIGHT,
  drawTimeline,
  readPalette,
  type TimelinePalette,
} from './draw';
import { statesAt } from './replay';
import {
  TimelineRows,
  niceCeil,
  rowAt,
  timeToX,
  visibleRows,
  xToTime,
  type TimeScale,
  type TimelineRow,
} from './rows';
import { timelineStore, useTimeline } from './timeline-store';
import { useThemeSerial } from './use-theme-serial';
import './timeline.css';

const PANEL_HEIGHT = 220;
/** The shortest time between two redraws of the canvas while a run goes on (about every other frame). */
const LIVE_REDRAW_MS = 30;
const GRIP = 6;

const seconds = (t: number) => `${Number(t.toFixed(3))} s`;

function scrubTo(events: readonly StateEvent[], t: number): void {
  timelineStore.setState({ scrub: t });
  editorStore.getState().setReplay(statesAt(events, t));
}

function goLive(): void {
  timelineStore.setState({ scrub: null });
  if (editorStore.getState().run.replay !== null) editorStore.getState().setReplay(null);
}

/** Opens or closes the timeline; closing it goes back to the live run. */
export function toggleTimeline(): void {
  const { open } = timelineStore.getState();
  if (open) goLive();
  timelineStore.setState({ open: !open });
}

export function TimelineToggle() {
  const open = useTimeline((s) => s.open);
  return (
    <button
      type="button"
      aria-pressed={open}
      onClick={toggleTimeline}
      title="Show or hide the run's timeline"
    >
      Timeline
    </button>
  );
}

export function TimelinePanel() {
  const open = useTimeline((s) => s.open);
  return open ? <TimelineView /> : null;
}

/** "3 done, 1 failed": the states that have any, in the order of NODE_STATES. */
function countsText(counts: Readonly<Record<NodeState, number>>): string {
  return NODE_STATES.filter((state) => counts[state] > 0)
    .map((state) => `${counts[state]} ${state}`)
    .join(', ');
}

/** `rowStates` is the rows per state (countsText), counted as the rows change. */
function summaryOf(
  rows: readonly TimelineRow[],
  rowStates: string,
  duration: number,
  playhead: number,
  replay: Record<string, NodeState> | null,
): string {
  if (rows.length === 0) return 'Timeline: no tasks yet. Run the workflow to fill it.';
  const head = `Timeline: ${rows.length} task${rows.length === 1 ? '' : 's'} over ${seconds(duration)} (${rowStates}).`;
  return replay
    ? `${head} Replaying ${seconds(playhead)}: ${countsText(countStates(Object.keys(replay), replay))}.`
    : `${head} Playhead at ${seconds(playhead)}.`;
}

/** How often the live clock ticks while no bar in view is growing; the playhead glides between ticks (timeline.css). */
const COARSE_TICK_MS = 100;

/**
 * Loop time while a run goes on: the clock's scale times the wall time since it began, never behind
 * the events. It ticks every frame while `everyFrame` (a bar in view is still growing), else ten
 * times a second: then the playhead glides between ticks on the compositor, and a run streaming rows
 * out of view does not re-render the panel in every frame.
 */
function useLiveTime(running: boolean, lastEvent: number, everyFrame: boolean): number {
  const clock = useApp((s) => s.runClock ?? s.clock); // a clock picked during a run is for the next one
  const rate = clock.kind === 'real' ? 1 : clock.kind === 'slow' ? clock.scale : 0;
  const [now, setNow] = useState(0);
  const began = useRef(0);
  useEffect(() => {
    if (!running) return;
    began.current = performance.now();
    setNow(0);
  }, [running]);
  useEffect(() => {
    if (!running || rate === 0) return;
    const tick = () => setNow(((performance.now() - began.current) / 1000) * rate);
    if (everyFrame) {
      let frame = requestAnimationFrame(function loop() {
        tick();
        frame = requestAnimationFrame(loop);
      });
      return () => cancelAnimationFrame(frame);
    }
    tick();
    const timer = setInterval(tick, COARSE_TICK_MS);
    return () => clearInterval(timer);
  }, [running, rate, everyFrame]);
  return running ? Math.max(now, lastEvent) : lastEvent;
}

function TimelineView() {
  const events = useEditor((s) => s.run.events);
  const status = useEditor((s) => s.run.status);
  const runId = useEditor((s) => s.run.runId);
  const runNodes = useEditor((s) => s.run.nodeIds.length);
  const replay = useEditor((s) => s.run.replay);
  const selection = useEditor((s) => s.selection.nodes);
  const retryEvents = useEditor((s) => s.run.retries);
  const retries = useMemo(() => {
    const times = new Map<string, number[]>();
    for (const retry of retryEvents) times.set(retry.node, [...(times.get(retry.node) ?? []), retry.t]);
    return times;
  }, [retryEvents]);
  const scrub = useTimeline((s) => s.scrub);
  useApp((s) => s.theme); // redraw in the new theme's colours
  const running = status === 'running' || status === 'starting';

  // The rows follow the events batch by batch (TimelineRows takes only the new ones).
  const model = useRef<TimelineRows | null>(null);
  model.current ??= new TimelineRows();
  const { rows, end, rowStates } = useMemo(() => {
    const taken = model.current as TimelineRows;
    taken.update(events);
    return { rows: taken.rows, end: taken.end, rowStates: countsText(taken.counts) };
  }, [events]);
  const [size, setSize] = useState({ width: 0, height: 0 });
  const [scrollTop, setScrollTop] = useState(0);
  const selected = useMemo(() => new Set(selection), [selection]);
  // The rows in view: whether a bar there is still growing (then the live clock ticks every frame),
  // and what they show (part of the canvas's picture, below).
  const { first, end: last } = visibleRows(rows.length, ROW_HEIGHT, scrollTop, size.height - AXIS_HEIGHT);
  let openInView = false;
  let rowsInView = '';
  for (let index = first; index < last; index += 1) {
    const row = rows[index] as TimelineRow;
    openInView ||= row.ended === null;
    rowsInView += `${row.node} ${row.created} ${row.started} ${row.ended} ${row.state} ${selected.has(row.node)} ${retries.get(row.node)?.length ?? 0};`;
  }
  const now = useLiveTime(running, end, openInView);
  // Live, the axis grows in round steps; once ended it spans exactly the run.
  const duration = running ? niceCeil(Math.max(now, end)) : end || 1;
  const playhead = scrub ?? (running ? now : end);

  const scroller = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const dragging = useRef(false);
  const themeSerial = useThemeSerial();
  const palette = useRef<{ serial: number; colours: TimelinePalette } | null>(null);

  // A new run follows live again.
  useEffect(() => {
    timelineStore.setState({ scrub: null });
  }, [runId]);

  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const observer = new ResizeObserver(() =>
      setSize({ width: element.clientWidth, height: element.clientHeight }),
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const plotLeft = LABEL_WIDTH + 8;
  const plotWidth = Math.max(1, size.width - LABEL_WIDTH - 8 - RIGHT_PAD);
  const scale: TimeScale = { duration, left: plotLeft, width: plotWidth };

  // The canvas is redrawn only when its picture changes: the rows in view, the axis, the view, the
  // theme, and `now` while a bar in view is still open. Rows added out of view, a live run's clock
  // (while the bars in view have ended) and the playhead (an element over the canvas, moved by a
  // transform the compositor applies without a repaint) leave it as it is: every redraw is a new
  // bitmap for the compositor to take.
  const barsNow = openInView ? (running ? now : end) : 0;
  const picture = `${size.width}×${size.height} ${scrollTop} ${duration} ${plotWidth} ${barsNow} ${themeSerial}|${rowsInView}`;
  const drawn = useRef({ picture: '', at: 0 });
  const draw = (): void => {
    const element = canvas.current;
    const context = element?.getContext('2d');
    if (!element || !context || size.width === 0 || picture === drawn.current.picture) return;
    drawn.current = { picture, at: performance.now() };
    const ratio = window.devicePixelRatio || 1;
    // Resizing the bitmap reallocates it: only when the size changed (drawTimeline clears it anyway).
    const width = Math.round(size.width * ratio);
    const height = Math.round(size.height * ratio);
    if (element.width !== width || element.height !== height) {
      element.width = width;
      element.height = height;
    }
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    if (palette.current?.serial !== themeSerial)
      palette.current = { serial: themeSerial, colours: readPalette(element) };
    drawTimeline(context, {
      rows,
      scale,
      width: size.width,
      height: size.height,
      scrollTop,
      now: barsNow,
      selected,
      palette: palette.current.colours,
      retries,
    });
  };
  const latestDraw = useRef(draw);
  latestDraw.current = draw;
  const deferred = useRef<number | null>(null);
  useEffect(() => {
    // While a run goes on, the canvas is redrawn at most every other frame: the rest waits for the
    // next animation frame, drawn then with the latest picture. A redraw costs the page a new bitmap
    // to hand the compositor, and a live run changes the picture in nearly every frame.
    if (running && performance.now() - drawn.current.at < LIVE_REDRAW_MS) {
      deferred.current ??= requestAnimationFrame(() => {
        deferred.current = null;
        latestDraw.current();
      });
      return;
    }
    draw();
  });
  useEffect(
    () => () => {
      if (deferred.current !== null) cancelAnimationFrame(deferred.current);
    },
    [],
  );

  const local = (event: ReactPointerEvent<HTMLCanvasElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    return { x: event.clientX - box.left, y: event.clientY - box.top };
  };
  const scrubAt = (x: number) => {
    const t = xToTime(scale, x);
    scrubTo(events, t);
    return t;
  };

  const onPointerDown = (event: ReactPointerEvent<HTMLCanvasElement>) => {
    const { x, y } = local(event);
    const nearPlayhead = Math.abs(x - timeToX(scale, playhead)) <= GRIP;
    if (!running && events.length > 0 && x >= LABEL_WIDTH && (y < AXIS_HEIGHT || nearPlayhead)) {
      dragging.current = true;
      event.currentTarget.setPointerCapture(event.pointerId);
      scrubAt(x);
      return;
    }
    const index = y >= AXIS_HEIGHT ? rowAt(rows.length, ROW_HEIGHT, y - AXIS_HEIGHT + scrollTop) : null;
    const row = index === null ? undefined : rows[index];
    if (!row) return;
    const from = timeToX(scale, row.created ?? row.started ?? row.ended ?? 0) - 3;
    const to = timeToX(scale, row.ended ?? (running ? now : end)) + 3;
    if (x < LABEL_WIDTH || (x >= from && x <= to))
      editorStore.getState().setSelection({ nodes: [row.node], edges: [] });
  };
  const onPointerMove = (event: ReactPointerEvent<HTMLCanvasElement>) => {
    if (dragging.current) scrubAt(local(event).x);
  };
  const onPointerUp = (event: ReactPointerEvent<HTMLCanvasElement>) => {
    if (!dragging.current) return;
    dragging.current = false;
    if (scrubAt(local(event).x) >= end) goLive();
  };

  // While a run goes on, the scrolled height is already that of a row for every node of the run: a
  // height growing in every frame made the browser lay out and re-tile the tall scrolled area each time.
  const totalHeight = AXIS_HEIGHT + (running ? Math.max(rows.length, runNodes) : rows.length) * ROW_HEIGHT;
  const playheadX = timeToX(scale, Math.min(Math.max(playhead, 0), duration));
  // While a run goes on, the playhead's text, slider and attributes move in tenths of a second:
  // updating them every frame re-laid out the panel's header 60 times a second for digits no one
  // reads at that pace (the playhead line itself moves every frame).
  const shownPlayhead = running && scrub === null ? Math.floor(playhead * 10) / 10 : playhead;
  const summary = summaryOf(rows, rowStates, end, shownPlayhead, replay);
  return (
    <section
      className="timeline-panel"
      aria-label="Timeline"
      style={{
        height: PANEL_HEIGHT,
        display: 'flex',
        flexDirection: 'column',
        background: 'var(--panel)',
        borderTop: '1px solid var(--border)',
      }}
    >
      <header style={{ display: 'flex', alignItems: 'center', gap: '0.75rem', padding: '0.2rem 0.75rem' }}>
        <h2 style={{ fontSize: '0.9rem', margin: 0 }}>Timeline</h2>
        <label style={{ display: 'flex', alignItems: 'center', gap: '0.4rem', flex: 1 }}>
          <span className="muted">Playhead {seconds(shownPlayhead)}</span>
          <input
            type="range"
            aria-label="Playhead (loop seconds)"
            min={0}
            max={duration}
            step={duration / 500}
            value={Math.min(shownPlayhead, duration)}
            disabled={running || events.length === 0}
            onChange={(event) => {
              const t = Number(event.target.value);
              if (t >= end) goLive();
              else scrubTo(events, t);
            }}
            style={{ flex: 1, maxWidth: '24rem' }}
          />
        </label>
        <button
          type="button"
          onClick={goLive}
          disabled={scrub === null}
          title="Show the run's final (or live) states"
        >
          Live
        </button>
      </header>
      <p className="visually-hidden" data-timeline-summary>
        {summary}
      </p>
      <div
        ref={scroller}
        className="timeline-scroll"
        style={{ flex: 1, minHeight: 0, overflowY: 'auto', overflowX: 'hidden', position: 'relative' }}
        onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
      >
        <div className="timeline-view" style={{ height: size.height }}>
          <canvas
            ref={canvas}
            className="timeline-canvas"
            role="img"
            aria-label={summary}
            data-duration={duration}
            data-playhead={shownPlayhead}
            data-plot-left={scale.left}
            data-plot-width={scale.width}
            data-rows={rows.length}
            style={{
              display: 'block',
              width: '100%',
              height: size.height,
              cursor: running ? 'default' : 'col-resize',
              touchAction: 'none',
            }}
            onPointerDown={onPointerDown}
            onPointerMove={onPointerMove}
            onPointerUp={onPointerUp}
            onPointerCancel={onPointerUp}
          />
          <div
            className={`timeline-playhead${running && !openInView && scrub === null ? ' gliding' : ''}`}
            aria-hidden="true"
            style={{ height: size.height, transform: `translateX(${playheadX}px)` }}
          />
        </div>
        <div style={{ height: Math.max(0, totalHeight - size.height) }} aria-hidden="true" />
      </div>
    </section>
  );
}
