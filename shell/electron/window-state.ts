/**
 * The window's size and position between sessions: a small JSON file in the app's data folder,
 * written atomically. Pure apart from the file: main passes the displays' work areas in, so a
 * window saved on a monitor that is gone comes back centred on the primary display.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { writeFileAtomic } from '../../host/atomic-write';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  /** Absent on first start: the OS places the window. */
  bounds: Rect | null;
  maximized: boolean;
}

export const DEFAULT_SIZE = { width: 1280, height: 800 } as const;
export const MIN_SIZE = { width: 640, height: 420 } as const;
/** How much of the title bar must lie on a display for the saved position to count as visible. */
const VISIBLE_MARGIN = 48;

const finite = z.number().finite();
const savedStateSchema = z.object({
  bounds: z.object({ x: finite, y: finite, width: finite.positive(), height: finite.positive() }).nullable(),
  maximized: z.boolean(),
});

export const WINDOW_STATE_FILE = 'window-state.json';

/** Reads the saved state; anything missing, unreadable or malformed gives the defaults. */
export async function loadWindowState(file: string): Promise<WindowState> {
  try {
    const parsed = savedStateSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // no file yet, or not JSON: start fresh
  }
  return { bounds: null, maximized: false };
}

export async function saveWindowState(file: string, state: WindowState): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(state, null, 2)}\n`);
}

function intersects(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/**
 * The bounds to open with, given the displays' work areas (primary first). Saved bounds are kept
 * when the title bar's strip still lies on some display, shrunk to fit it; otherwise (monitor
 * removed, resolution changed) the saved size is fitted and centred on the primary display.
 */
export function placeWindow(
  saved: Rect | null,
  workAreas: readonly Rect[],
): Rect | { width: number; height: number } {
  const primary = workAreas[0];
  if (saved === null || primary === undefined) {
    if (primary === undefined) return { ...DEFAULT_SIZE };
    return {
      width: Math.min(DEFAULT_SIZE.width, primary.width),
      height: Math.min(DEFAULT_SIZE.height, primary.height),
    };
  }
  const titleBar: Rect = { x: saved.x, y: saved.y, width: saved.width, height: VISIBLE_MARGIN };
  const home = workAreas.find((area) => {
    const overlap = intersects(titleBar, area);
    return overlap.width >= VISIBLE_MARGIN * 2 && overlap.height >= VISIBLE_MARGIN / 2;
  });
  if (home !== undefined) {
    const width = clamp(Math.round(saved.width), MIN_SIZE.width, home.width);
    const height = clamp(Math.round(saved.height), MIN_SIZE.height, home.height);
    return {
      x: clamp(Math.round(saved.x), home.x, home.x + home.width - width),
      y: clamp(Math.round(saved.y), home.y, home.y + home.height - height),
      width,
      height,
    };
  }
  const width = clamp(Math.round(saved.width), MIN_SIZE.width, primary.width);
  const height = clamp(Math.round(saved.height), MIN_SIZE.height, primary.height);
  return {
    x: primary.x + Math.round((primary.width - width) / 2),
    y: primary.y + Math.round((primary.height - height) / 2),
    width,
    height,
  };
}

/** Clamps to [low, high]; when the range is empty (a display smaller than the minimum) `high` wins. */
function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high);
}
