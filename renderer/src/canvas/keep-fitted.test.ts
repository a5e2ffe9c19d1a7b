import { describe, expect, it } from 'vitest';
import { boundsInView } from './keep-fitted';

describe('boundsInView', () => {
  const pane = { width: 800, height: 600 };
  const none = { top: 0, right: 0, bottom: 0, left: 0 };
  const band = { top: 0, right: 0, bottom: 160, left: 0 };
  const graph = { x: 0, y: 0, width: 400, height: 300 };

  it('places the graph through the viewport (pan, then zoom) and checks it against the pane', () => {
    expect(boundsInView(graph, { x: 10, y: 10, zoom: 1 }, pane, none)).toBe(true);
    expect(boundsInView(graph, { x: 10, y: 10, zoom: 2 }, pane, none)).toBe(false); // 810 px wide
    expect(boundsInView(graph, { x: -20, y: 10, zoom: 1 }, pane, none)).toBe(false); // left of the pane
    expect(boundsInView(graph, { x: 10, y: 310, zoom: 1 }, pane, none)).toBe(false); // 610 px down
  });

  it('keeps the margins clear: a graph reaching the minimap band is in view but not clear of it', () => {
    const view = { x: 10, y: 250, zoom: 1 }; // bottom at 550
    expect(boundsInView(graph, view, pane, none)).toBe(true);
    expect(boundsInView(graph, view, pane, band)).toBe(false);
    expect(boundsInView(graph, view, { width: 800, height: 720 }, band)).toBe(true);
  });

  it('allows a pixel of rounding, and an empty graph is always in view', () => {
    expect(boundsInView(graph, { x: 0, y: 0, zoom: 2 }, pane, none)).toBe(true); // 800 × 600: the whole pane
    expect(boundsInView(graph, { x: 0, y: 0, zoom: 2.01 }, pane, none)).toBe(false);
    expect(
      boundsInView({ x: 0, y: 0, width: 800.6, height: 600.4 }, { x: 0, y: 0, zoom: 1 }, pane, none),
    ).toBe(true);
    expect(boundsInView({ x: 5000, y: 5000, width: 0, height: 0 }, { x: 0, y: 0, zoom: 1 }, pane, none)).toBe(
      true,
    );
  });
});
