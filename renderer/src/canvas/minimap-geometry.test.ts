import { describe, expect, it } from 'vitest';
import { boundsOf, maskPath, minimapFrame, nodesPath, visibleFlowRect } from './minimap-geometry';

describe('the large-graph minimap’s geometry', () => {
  it('draws every node as a closed rectangle of one path', () => {
    expect(
      nodesPath([
        { x: 0, y: 0, width: 160, height: 56 },
        { x: 300.04, y: -20, width: 10, height: 5 },
      ]),
    ).toBe('M0,0h160v56h-160zM300,-20h10v5h-10z');
    expect(nodesPath([])).toBe('');
  });

  it('bounds all nodes, or none', () => {
    expect(
      boundsOf([
        { x: 0, y: 10, width: 100, height: 50 },
        { x: -40, y: 200, width: 10, height: 10 },
      ]),
    ).toEqual({ x: -40, y: 10, width: 140, height: 200 });
    expect(boundsOf([])).toBeNull();
  });

  it('knows the visible part of the flow from the viewport transform', () => {
    expect(visibleFlowRect([40, 40, 0.5], 1000, 600)).toEqual({ x: -80, y: -80, width: 2000, height: 1200 });
  });

  it('frames nodes and view together, centred with a margin, as xyflow’s MiniMap does', () => {
    const nodes = { x: 0, y: 0, width: 4000, height: 1000 };
    const view = { x: 0, y: 0, width: 1000, height: 1000 };
    const frame = minimapFrame(nodes, view, { width: 200, height: 150 });
    expect(frame.viewScale).toBe(20); // the 4,000-unit width fills 200 px
    expect(frame.offset).toBe(100);
    // 4,000 × 3,000 units around the 4,000 × 1,000 bounds, centred vertically, plus the margin.
    expect(frame.viewBox).toEqual({ x: -100, y: -1100, width: 4200, height: 3200 });
    expect(maskPath(frame, view)).toBe('M-200,-1200h4400v3400h-4400zM0,0h1000v1000h-1000z');
    // With no nodes the view alone is framed.
    expect(minimapFrame(null, view, { width: 200, height: 150 }).viewScale).toBe(1000 / 150);
  });
});
