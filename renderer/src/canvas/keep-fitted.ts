/**
 * When the canvas changes size (a panel such as the timeline opens, the window is resized), a
 * graph that was wholly in view and would now be partly hidden (cut by the new edge, or under the
 * minimap when it was clear of it) is fitted to the view again. A person who zoomed into part of
 * the graph keeps their view.
 */
import { useEffect, type RefObject } from 'react';
import type { Rect, Viewport } from '@xyflow/react';

export interface Size {
  width: number;
  height: number;
}

/** Room kept clear around a fitted graph: the minimap sits in the bottom band. */
export interface Margins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

const NO_MARGINS: Margins = { top: 0, right: 0, bottom: 0, left: 0 };

/** Whether `bounds` (flow coordinates) shown through `viewport` lie within a pane of `size`, inside `margins`. */
export function boundsInView(bounds: Rect, viewport: Viewport, size: Size, margins: Margins): boolean {
  if (bounds.width <= 0 && bounds.height <= 0) return true;
  const left = bounds.x * viewport.zoom + viewport.x;
  const top = bounds.y * viewport.zoom + viewport.y;
  const right = left + bounds.width * viewport.zoom;
  const bottom = top + bounds.height * viewport.zoom;
  const slack = 1; // rounding
  return (
    left >= margins.left - slack &&
    top >= margins.top - slack &&
    right <= size.width - margins.right + slack &&
    bottom <= size.height - margins.bottom + slack
  );
}

/**
 * Fits the graph again after a resize of `pane` that would hide part of a graph that was in view.
 * `bounds` and `viewport` read the graph's current extent and view; `fit` fits it.
 */
export function useKeepFitted(
  pane: RefObject<HTMLElement | null>,
  view: { bounds(): Rect | null; viewport(): Viewport; fit(): void },
  margins: Margins,
): void {
  useEffect(() => {
    const element = pane.current;
    if (!element) return;
    let size: Size = { width: element.clientWidth, height: element.clientHeight };
    const observer = new ResizeObserver(() => {
      const next = { width: element.clientWidth, height: element.clientHeight };
      const before = size;
      size = next;
      if (
        next.width === 0 ||
        next.height === 0 ||
        (next.width === before.width && next.height === before.height)
      )
        return;
      const bounds = view.bounds();
      if (bounds === null) return;
      const viewport = view.viewport();
      const whole = (at: Size) => boundsInView(bounds, viewport, at, NO_MARGINS);
      const clear = (at: Size) => boundsInView(bounds, viewport, at, margins);
      // Clear of the minimap before and not now, or in view before and cut by an edge now.
      if ((clear(before) && !clear(next)) || (whole(before) && !whole(next))) view.fit();
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [pane, view, margins]);
}
