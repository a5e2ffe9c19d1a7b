/**
 * Paints the timeline on a 2D canvas: the axis band and only the rows in view (bars from created →
 * started → ended). Pure drawing: the panel decides what and where. The playhead is an element over
 * the canvas (timeline.css), so moving it repaints nothing.
 */
import type { NodeState } from '../../../shared/runtime/types';
import { axisTicks, timeToX, visibleRows, type TimeScale, type TimelineRow } from './rows';

export const ROW_HEIGHT = 18;
export const AXIS_HEIGHT = 22;
export const LABEL_WIDTH = 150;
export const RIGHT_PAD = 14;
/** What an empty timeline says. */
export const EMPTY_HINT = 'No tasks yet: run the workflow (F5) and each task gets a row here.';

export interface TimelinePalette {
  text: string;
  muted: string;
  border: string;
  selected: string;
  states: Record<NodeState, string>;
}

export interface TimelineFrame {
  rows: readonly TimelineRow[];
  scale: TimeScale;
  width: number;
  height: number;
  scrollTop: number;
  /** Loop seconds where open bars (not yet started or ended) stop: the live time. */
  now: number;
  selected: ReadonlySet<string>;
  palette: TimelinePalette;
  /** The loop times at which each node's try failed and its retry caught it (absent: none). */
  retries?: ReadonlyMap<string, readonly number[]>;
}

/**
 * Reads the editor's state colours from its CSS variables, so the timeline follows the theme. A
 * variable holds `light-dark(…, …)`, which only a property of type colour resolves: each is read
 * back as the computed colour of a probe element inside `element`'s document.
 */
export function readPalette(element: Element): TimelinePalette {
  const probe = element.ownerDocument.createElement('span');
  probe.hidden = true;
  element.ownerDocument.body.append(probe);
  const v = (name: string, fallback: string) => {
    probe.style.color = `var(${name}, ${fallback})`;
    return getComputedStyle(probe).color || fallback;
  };
  try {
    return {
      text: v('--text', '#1b1d22'),
      muted: v('--muted', '#5b6270'),
      border: v('--border', '#c9cdd6'),
      selected: v('--focus', '#ff9e1b'),
      states: {
        idle: v('--muted', '#5b6270'),
        pending: v('--pending', '#8a8f99'),
        running: v('--running', '#2457c5'),
        done: v('--done', '#1e7a3c'),
        failed: v('--failed', '#b3261e'),
        cancelled: v('--cancelled', '#7a4fb3'),
      },
    };
  } finally {
    probe.remove();
  }
}

function drawRow(ctx: CanvasRenderingContext2D, frame: TimelineFrame, row: TimelineRow, y: number): void {
  const { scale, palette, now } = frame;
  if (frame.selected.has(row.node)) {
    ctx.fillStyle = palette.selected;
    ctx.globalAlpha = 0.18;
    ctx.fillRect(0, y, frame.width, ROW_HEIGHT);
    ctx.globalAlpha = 1;
  }
  ctx.fillStyle = palette.text;
  ctx.fillText(row.node, 6, y + ROW_HEIGHT / 2, LABEL_WIDTH - 12);

  const colour = palette.states[row.state];
  const barTop = y + 4;
  const barHeight = ROW_HEIGHT - 8;
  const created = row.created ?? row.started ?? row.ended ?? now;
  const pendingEnd = row.started ?? row.ended ?? now;
  const runningEnd = row.ended ?? now;
  const x0 = timeToX(scale, created);
  const x1 = timeToX(scale, pendingEnd);
  const x2 = timeToX(scale, runningEnd);
  // Waiting to start: the final colour, light.
  ctx.fillStyle = colour;
  ctx.globalAlpha = 0.3;
  ctx.fillRect(x0, barTop, Math.max(x1 - x0, 1), barHeight);
  ctx.globalAlpha = 1;
  // Running: solid. A zero-length step still shows as a 2 px mark.
  if (row.started !== null) ctx.fillRect(x1, barTop, Math.max(x2 - x1, 2), barHeight);
  // The end: a dark tick in the final state's colour.
  if (row.ended !== null) {
    ctx.fillRect(x2 - 1, y + 2, 2, ROW_HEIGHT - 4);
  }
  // Each failed try a retry caught: a notch across the bar where it failed, in the text colour over
  // a failed-coloured edge, so it shows on a bar of any state.
  const tries = frame.retries?.get(row.node);
  if (tries !== undefined) {
    for (const t of tries) {
      const x = timeToX(scale, t);
      ctx.fillStyle = palette.states.failed;
      ctx.fillRect(x - 2, y + 1, 5, ROW_HEIGHT - 2);
      ctx.fillStyle = palette.text;
      ctx.fillRect(x - 0.5, y + 1, 1.5, ROW_HEIGHT - 2);
    }
  }
}

export function drawTimeline(ctx: CanvasRenderingContext2D, frame: TimelineFrame): void {
  const { width, height, scale, palette } = frame;
  ctx.clearRect(0, 0, width, height);
  ctx.font = '11px system-ui, sans-serif';
  ctx.textBaseline = 'middle';

  const { first, end } = visibleRows(frame.rows.length, ROW_HEIGHT, frame.scrollTop, height - AXIS_HEIGHT);
  ctx.save();
  ctx.beginPath();
  ctx.rect(0, AXIS_HEIGHT, width, height - AXIS_HEIGHT);
  ctx.clip();
  for (let index = first; index < end; index += 1) {
    const row = frame.rows[index];
    if (row) drawRow(ctx, frame, row, AXIS_HEIGHT + index * ROW_HEIGHT - frame.scrollTop);
  }
  ctx.restore();

  // Axis band with ticks and grid lines, in loop seconds.
  ctx.strokeStyle = palette.border;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(0, AXIS_HEIGHT - 0.5);
  ctx.lineTo(width, AXIS_HEIGHT - 0.5);
  ctx.moveTo(LABEL_WIDTH - 0.5, 0);
  ctx.lineTo(LABEL_WIDTH - 0.5, height);
  ctx.stroke();
  ctx.fillStyle = palette.muted;
  ctx.textAlign = 'center';
  const ticks = axisTicks(scale.duration, Math.max(2, Math.floor(scale.width / 70)));
  for (const tick of ticks) {
    const x = Math.round(timeToX(scale, tick)) + 0.5;
    ctx.fillText(`${tick}s`, Math.min(Math.max(x, scale.left + 8), width - 12), AXIS_HEIGHT / 2);
    ctx.globalAlpha = 0.35;
    ctx.beginPath();
    ctx.moveTo(x, AXIS_HEIGHT - 4);
    ctx.lineTo(x, height);
    ctx.stroke();
    ctx.globalAlpha = 1;
  }
  ctx.textAlign = 'left';
  ctx.fillText('loop seconds', 6, AXIS_HEIGHT / 2);
  if (frame.rows.length === 0) {
    ctx.textAlign = 'center';
    ctx.fillText(EMPTY_HINT, scale.left + scale.width / 2, AXIS_HEIGHT + (height - AXIS_HEIGHT) / 2);
    ctx.textAlign = 'left';
  }
}
