/**
 * The minimap of a large graph (large-graph.ts). xyflow's MiniMap draws every node as an SVG rect of
 * its own, each with its own store subscription: with 5,000 nodes the browser spent ~10 ms of every
 * frame in which a run changed the canvas re-layerizing those rects, and every xyflow store update
 * ran 5,000 selectors. This one draws all nodes as one path (one element to paint) and otherwise does
 * what MiniMap does, through xyflow's own XYMinimap: drag to pan, wheel to zoom, the visible part
 * cut out of the mask.
 */
import { memo, useEffect, useMemo, useRef } from 'react';
import { Panel, useStore, useStoreApi, type ReactFlowState } from '@xyflow/react';
import { getNodeDimensions, XYMinimap, type XYMinimapInstance } from '@xyflow/system';
import { shallow } from 'zustand/shallow';
import {
  boundsOf,
  maskPath,
  minimapFrame,
  nodesPath,
  UNMEASURED_NODE,
  visibleFlowRect,
  type Rect,
} from './minimap-geometry';

const SIZE = { width: 200, height: 150 };

function nodeRects(state: ReactFlowState): Rect[] {
  const rects: Rect[] = [];
  for (const node of state.nodeLookup.values()) {
    if (node.hidden) continue;
    const { width, height } = getNodeDimensions(node.internals.userNode);
    const { x, y } = node.internals.positionAbsolute;
    rects.push(width > 0 && height > 0 ? { x, y, width, height } : { x, y, ...UNMEASURED_NODE });
  }
  return rects;
}

const viewSelector = (s: ReactFlowState) => ({
  x: s.transform[0],
  y: s.transform[1],
  zoom: s.transform[2],
  width: s.width,
  height: s.height,
  panZoom: s.panZoom,
  translateExtent: s.translateExtent,
});

function LargeGraphMiniMapView({ ariaLabel }: { ariaLabel: string }) {
  const store = useStoreApi();
  const svg = useRef<SVGSVGElement>(null);
  // The nodes array changes whenever a node moves, is added or removed, or is measured; the geometry
  // itself (absolute positions, measured sizes) is read from xyflow's node lookup then.
  const nodes = useStore((s) => s.nodes);
  const { path, bounds } = useMemo(() => {
    const rects = nodeRects(store.getState());
    return { path: nodesPath(rects), bounds: boundsOf(rects) };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- nodes is the signal; the geometry is read from the store
  }, [nodes, store]);
  const { x, y, zoom, width, height, panZoom, translateExtent } = useStore(viewSelector, shallow);
  const view = visibleFlowRect([x, y, zoom], width, height);
  const frame = minimapFrame(bounds, view, SIZE);
  const viewScale = useRef(frame.viewScale);
  viewScale.current = frame.viewScale;

  const minimap = useRef<XYMinimapInstance | null>(null);
  useEffect(() => {
    if (svg.current === null || panZoom === null) return;
    const instance = XYMinimap({
      domNode: svg.current,
      panZoom,
      getTransform: () => store.getState().transform,
      getViewScale: () => viewScale.current,
    });
    minimap.current = instance;
    return () => {
      instance.destroy();
      minimap.current = null;
    };
  }, [panZoom, store]);
  useEffect(() => {
    minimap.current?.update({ translateExtent, width, height, pannable: true, zoomable: true, zoomStep: 1 });
  }, [translateExtent, width, height, panZoom]);

  const box = frame.viewBox;
  return (
    <Panel
      position="bottom-right"
      className="react-flow__minimap large-graph-minimap"
      data-testid="rf__minimap"
    >
      <svg
        ref={svg}
        width={SIZE.width}
        height={SIZE.height}
        viewBox={`${box.x} ${box.y} ${box.width} ${box.height}`}
        className="react-flow__minimap-svg"
        role="img"
        aria-label={ariaLabel}
      >
        <path className="react-flow__minimap-node" d={path} data-minimap-nodes={nodes.length} />
        <path
          className="react-flow__minimap-mask"
          d={maskPath(frame, view)}
          fillRule="evenodd"
          pointerEvents="none"
        />
      </svg>
    </Panel>
  );
}

export const LargeGraphMiniMap = memo(LargeGraphMiniMapView);
