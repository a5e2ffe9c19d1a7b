/**
 * The canvas: @xyflow/react, controlled by the editor store. Positions, selection and connections go
 * to the store; xyflow's own measurements of each node are kept (store/measured-sizes.ts) so re-derived
 * nodes stay measured.
 */
import { useCallback, useEffect, useMemo, useReducer, useRef, type DragEvent, type MouseEvent } from 'react';
import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type Connection,
  type Edge,
  type EdgeChange,
  type IsValidConnection,
  type NodeChange,
  type Viewport,
} from '@xyflow/react';
import type { GraphNode, NodeKind } from '../../../shared/graph';
import { isNodeKind } from '../../../shared/graph';
import { appStore, useApp } from '../app/app-store';
import { CENTER_NODE, viewCommands } from '../app/actions';
import { connectionRefusal, inputHandleCount } from '../store/connection-rules';
import { GRID } from '../store/editor-store';
import { measuredSizes, type Size } from '../store/measured-sizes';
import { editorStore, useEditor } from '../store/use-editor';
import { annotationNodeTypes } from './AnnotationNodes';
import { annotationLayer, splitAnnotationChanges, type AnnotationNode } from './annotation-layer';
import { CanvasTools } from './CanvasTools';
import { deriveEdges, type DerivedEdges } from './edge-flow';
import { edgeTypes } from './FlowEdge';
import { nodeTypes, type FlowNodeType } from './FlowNode';
import { useKeepFitted } from './keep-fitted';
import { isLargeGraph } from './large-graph';
import { LargeGraphMiniMap } from './LargeGraphMiniMap';
import { KIND_DRAG_TYPE } from './Palette';
import { QuickAdd } from './QuickAdd';

/** Workflow nodes, and the notes and group frames drawn with them (annotation-layer.ts). */
type CanvasNode = FlowNodeType | AnnotationNode;
const canvasNodeTypes = { ...nodeTypes, ...annotationNodeTypes };

type DerivedNode = {
  source: GraphNode;
  inputs: number;
  selected: boolean;
  size: Size | undefined;
  flowNode: FlowNodeType;
};

function inputOf(handle: string | null | undefined): number {
  const match = /^in-(\d+)$/.exec(handle ?? '');
  return match ? Number(match[1]) : -1;
}

/** Fit view leaves room at the bottom for the minimap (bottom right), so it covers no node, and does not blow a small graph up past 100%. */
const FIT_VIEW = {
  padding: { top: '40px', left: '48px', right: '48px', bottom: '176px' },
  maxZoom: 1,
} as const;
/** What a fitted graph keeps clear of: the minimap's band at the bottom (keep-fitted.ts). */
const MINIMAP_BAND = { top: 0, right: 0, bottom: 160, left: 0 };

export function Canvas() {
  const graph = useEditor((s) => s.graph);
  const selection = useEditor((s) => s.selection);
  const snap = useEditor((s) => s.snap);
  const quickAdd = useApp((s) => s.quickAdd);
  const [measureTick, remeasured] = useReducer((n: number) => n + 1, 0);
  const flow = useReactFlow<CanvasNode, Edge>();
  const wrapper = useRef<HTMLDivElement>(null);

  // The flow node made for each graph node last time: reused while its inputs are unchanged, so
  // xyflow and React skip every node an edit did not touch (adding one node renders only that one).
  const derived = useRef(new Map<string, DerivedNode>());
  const nodes = useMemo((): FlowNodeType[] => {
    if (!graph) return [];
    const selected = new Set(selection.nodes);
    const previous = derived.current;
    const next = new Map<string, DerivedNode>();
    const result = graph.nodes.map((node) => {
      const size = measuredSizes.get(node.id);
      const inputs = inputHandleCount(node.kind, graph.edges, node.id);
      const isSelected = selected.has(node.id);
      const last = previous.get(node.id);
      const flowNode =
        last &&
        last.source === node &&
        last.inputs === inputs &&
        last.selected === isSelected &&
        last.size === size
          ? last.flowNode
          : {
              id: node.id,
              type: 'flow' as const,
              position: node.position ?? { x: 0, y: 0 },
              data: { node, inputs },
              selected: isSelected,
              ariaLabel: `${node.label ?? node.id}, ${node.kind} node`,
              ...(size ? { measured: size } : {}),
            };
      next.set(node.id, { source: node, inputs, selected: isSelected, size, flowNode });
      return flowNode;
    });
    derived.current = next;
    return result;
    // measureTick: re-derive after xyflow measured a node.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- measureTick is the signal, not a value read
  }, [graph, selection.nodes, measureTick]);

  // Notes and group frames, frames drawn around their nodes as measured.
  const layer = useMemo(
    () =>
      graph
        ? annotationLayer(graph, selection, (id) => measuredSizes.get(id))
        : annotationLayer({ format: 'flowloop.graph/2', nodes: [], edges: [] }, selection, () => undefined),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- measureTick is the signal, not a value read
    [graph, selection, measureTick],
  );
  const layerRef = useRef(layer);
  layerRef.current = layer;
  const canvasNodes = useMemo(
    (): CanvasNode[] => (layer.nodes.length === 0 ? nodes : [...layer.nodes, ...nodes]),
    [layer, nodes],
  );

  // Edges as last derived: an edge whose source and selection are unchanged keeps its object. A run
  // never changes this array: each edge reads its source's state itself (FlowEdge, edge-flow.ts).
  const derivedEdges = useRef<DerivedEdges | null>(null);
  const edges = useMemo((): Edge[] => {
    if (!graph) return [];
    derivedEdges.current = deriveEdges(
      { edges: graph.edges, selected: new Set(selection.edges) },
      derivedEdges.current,
    );
    return derivedEdges.current.edges;
  }, [graph, selection.edges]);

  const onNodesChange = useCallback((all: NodeChange<CanvasNode>[]) => {
    const store = editorStore.getState();
    // Notes and frames first: a frame's drag moves its group's nodes (annotation-layer.ts).
    const annotated = splitAnnotationChanges(all, store.graph, layerRef.current, store.selection);
    const changes = annotated.rest;
    const moves: { id: string; position: { x: number; y: number } }[] = [];
    let dragging = annotated.live;
    let sawPosition = annotated.positioned;
    let selectionChanged = annotated.selected !== null;
    const selected = new Set(store.selection.nodes);
    let measuredChanged = false;
    for (const change of changes) {
      if (change.type === 'position') {
        sawPosition = true;
        if (change.dragging) dragging = true;
        if (change.position) moves.push({ id: change.id, position: change.position });
      } else if (change.type === 'select') {
        selectionChanged = true;
        if (change.selected) selected.add(change.id);
        else selected.delete(change.id);
      } else if (change.type === 'dimensions' && change.dimensions) {
        measuredSizes.set(change.id, change.dimensions);
        measuredChanged = true;
      }
    }
    // Nodes dragged along with their frame move once.
    const moved = new Set(moves.map((move) => move.id));
    for (const move of annotated.moves) if (!moved.has(move.id)) moves.push(move);
    if (sawPosition) store.moveNodes(moves, dragging, annotated.notes);
    if (selectionChanged)
      store.setSelection({
        ...editorStore.getState().selection,
        nodes: [...selected],
        ...(annotated.selected ?? {}),
      });
    if (measuredChanged) remeasured();
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange[]) => {
    const store = editorStore.getState();
    const selected = new Set(store.selection.edges);
    let changed = false;
    for (const change of changes) {
      if (change.type === 'select') {
        changed = true;
        if (change.selected) selected.add(change.id);
        else selected.delete(change.id);
      }
    }
    if (changed) store.setSelection({ ...store.selection, edges: [...selected] });
  }, []);

  const isValidConnection = useCallback<IsValidConnection<Edge>>((connection) => {
    const store = editorStore.getState();
    if (!store.graph) return false;
    const refusal = connectionRefusal(store.graph, {
      source: connection.source,
      target: connection.target,
      input: inputOf(connection.targetHandle),
    });
    if (refusal && store.status?.text !== refusal) store.say(refusal, 'error');
    return refusal === null;
  }, []);

  const onConnect = useCallback((connection: Connection) => {
    editorStore.getState().connect({
      source: connection.source,
      target: connection.target,
      input: inputOf(connection.targetHandle),
    });
  }, []);

  const onMoveEnd = useCallback((_event: unknown, viewport: Viewport) => {
    editorStore.getState().setView({ x: viewport.x, y: viewport.y, zoom: viewport.zoom });
  }, []);

  const addAt = useCallback((kind: NodeKind, position: { x: number; y: number }) => {
    editorStore.getState().addNode(kind, position);
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const kind = event.dataTransfer.getData(KIND_DRAG_TYPE);
      if (!isNodeKind(kind)) return;
      event.preventDefault();
      addAt(kind, flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }));
    },
    [flow, addAt],
  );

  const onDoubleClick = useCallback(
    (event: MouseEvent) => {
      const target = event.target as HTMLElement;
      if (!target.classList.contains('react-flow__pane')) return;
      const box = wrapper.current?.getBoundingClientRect();
      appStore.setState({
        quickAdd: {
          screen: { x: event.clientX - (box?.left ?? 0), y: event.clientY - (box?.top ?? 0) },
          flow: flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }),
        },
      });
    },
    [flow],
  );

  const fittedView = useMemo(
    () => ({
      bounds: () => {
        const nodes = flow.getNodes();
        return nodes.length === 0 ? null : flow.getNodesBounds(nodes);
      },
      viewport: () => flow.getViewport(),
      fit: () => void flow.fitView(FIT_VIEW),
    }),
    [flow],
  );
  useKeepFitted(wrapper, fittedView, MINIMAP_BAND);

  useEffect(() => {
    const zoomIn = () => void flow.zoomIn();
    const zoomOut = () => void flow.zoomOut();
    const fit = () => void flow.fitView(FIT_VIEW);
    // Centres a node (the command palette's "go to node"), zooming in as far as reading it needs.
    const center = (event: Event) => {
      const id = (event as CustomEvent<string>).detail;
      const node = editorStore.getState().graph?.nodes.find((n) => n.id === id);
      if (!node) return;
      const size = measuredSizes.get(id) ?? { width: 160, height: 60 };
      const position = node.position ?? { x: 0, y: 0 };
      void flow.setCenter(position.x + size.width / 2, position.y + size.height / 2, {
        zoom: Math.max(flow.getViewport().zoom, 0.75),
        duration: 200,
      });
    };
    viewCommands.addEventListener('view.zoomIn', zoomIn);
    viewCommands.addEventListener('view.zoomOut', zoomOut);
    viewCommands.addEventListener('view.fit', fit);
    viewCommands.addEventListener(CENTER_NODE, center);
    return () => {
      viewCommands.removeEventListener('view.zoomIn', zoomIn);
      viewCommands.removeEventListener('view.zoomOut', zoomOut);
      viewCommands.removeEventListener('view.fit', fit);
      viewCommands.removeEventListener(CENTER_NODE, center);
    };
  }, [flow]);

  if (!graph) return null;
  return (
    <div
      className={isLargeGraph(graph.nodes.length) ? 'canvas large-graph' : 'canvas'}
      ref={wrapper}
      onDoubleClick={onDoubleClick}
      onDragOver={(event) => {
        if (event.dataTransfer.types.includes(KIND_DRAG_TYPE)) {
          event.preventDefault();
          event.dataTransfer.dropEffect = 'copy';
        }
      }}
      onDrop={onDrop}
    >
      <ReactFlow<CanvasNode, Edge>
        nodes={canvasNodes}
        edges={edges}
        nodeTypes={canvasNodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        isValidConnection={isValidConnection}
        onMoveEnd={onMoveEnd}
        defaultViewport={graph.view ?? { x: 0, y: 0, zoom: 1 }}
        fitView={graph.view === undefined}
        fitViewOptions={FIT_VIEW}
        snapToGrid={snap}
        snapGrid={[GRID, GRID]}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={['Meta', 'Control']}
        zoomOnDoubleClick={false}
        disableKeyboardA11y={false}
        onlyRenderVisibleElements={isLargeGraph(graph.nodes.length)}
        proOptions={{ hideAttribution: true }}
        aria-label="Workflow canvas"
      >
        <Background variant={BackgroundVariant.Dots} gap={GRID} />
        {isLargeGraph(graph.nodes.length) ? (
          <LargeGraphMiniMap ariaLabel="Minimap" />
        ) : (
          <MiniMap pannable zoomable ariaLabel="Minimap" />
        )}
        <Controls aria-label="Zoom controls" fitViewOptions={FIT_VIEW} />
        <CanvasTools wrapper={wrapper} />
      </ReactFlow>
      {quickAdd && (
        <QuickAdd
          at={quickAdd.screen}
          onClose={() => appStore.setState({ quickAdd: null })}
          onPick={(kind) => {
            addAt(kind, quickAdd.flow);
            appStore.setState({ quickAdd: null });
          }}
        />
      )}
    </div>
  );
}
