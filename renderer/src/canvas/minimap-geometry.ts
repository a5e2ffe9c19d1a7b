/**
 * The large-graph minimap's geometry, free of the DOM: every node as one SVG path, and the view box
 * that shows all nodes and the visible part of the canvas (the same framing as xyflow's MiniMap).
 */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A node's size before xyflow has measured it (a node never scrolled into view): a typical node. */
export const UNMEASURED_NODE = { width: 160, height: 56 } as const;

const round = (n: number) => Math.round(n * 10) / 10;

/** One path of closed rectangles, one per node, in flow coordinates. */
export function nodesPath(nodes: Iterable<Rect>): string {
  const parts: string[] = [];
  for (const r of nodes)
    parts.push(`M${round(r.x)},${round(r.y)}h${round(r.width)}v${round(r.height)}h${round(-r.width)}z`);
  return parts.join('');
}

/** The smallest rectangle holding all of `rects`; null when there are none. */
export function boundsOf(rects: Iterable<Rect>): Rect | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const r of rects) {
    minX = Math.min(minX, r.x);
    minY = Math.min(minY, r.y);
    maxX = Math.max(maxX, r.x + r.width);
    maxY = Math.max(maxY, r.y + r.height);
  }
  return minX === Infinity ? null : { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

/** The part of the flow the canvas shows, from xyflow's transform [x, y, zoom] and its size in pixels. */
export function visibleFlowRect(
  transform: readonly [number, number, number],
  width: number,
  height: number,
): Rect {
  const [x, y, zoom] = transform;
  return { x: -x / zoom, y: -y / zoom, width: width / zoom, height: height / zoom };
}

export interface MinimapFrame {
  /** The SVG view box, in flow coordinates. */
  viewBox: Rect;
  /** Flow units per minimap pixel (xyflow's XYMinimap pans and zooms by it). */
  viewScale: number;
  /** Margin around the view box that the mask also covers. */
  offset: number;
}

/**
 * The view box for a minimap of `size` pixels showing `nodes` (their bounds) and `view`: both fit,
 * centred, with a margin of `offsetScale` minimap pixels, as xyflow's MiniMap frames it.
 */
export function minimapFrame(
  nodes: Rect | null,
  view: Rect,
  size: { width: number; height: number },
  offsetScale = 5,
): MinimapFrame {
  const box = nodes === null ? view : (boundsOf([nodes, view]) as Rect);
  const viewScale = Math.max(box.width / size.width, box.height / size.height);
  const viewWidth = viewScale * size.width;
  const viewHeight = viewScale * size.height;
  const offset = offsetScale * viewScale;
  return {
    viewBox: {
      x: box.x - (viewWidth - box.width) / 2 - offset,
      y: box.y - (viewHeight - box.height) / 2 - offset,
      width: viewWidth + offset * 2,
      height: viewHeight + offset * 2,
    },
    viewScale,
    offset,
  };
}

/** The mask: the whole view box (and its margin) with the visible part cut out. */
export function maskPath(frame: MinimapFrame, view: Rect): string {
  const { viewBox: b, offset } = frame;
  return (
    `M${b.x - offset},${b.y - offset}h${b.width + offset * 2}v${b.height + offset * 2}h${-b.width - offset * 2}z` +
    `M${view.x},${view.y}h${view.width}v${view.height}h${-view.width}z`
  );
}
