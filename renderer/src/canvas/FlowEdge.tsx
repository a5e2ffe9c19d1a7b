/**
 * xyflow's default (bezier) edge, plus the run's mark (edge-flow.ts), read from the store by the edge
 * itself so a run never changes the edges array: the class and data-flow attribute sit on the edge's
 * own <g class="flow-edge">; an edge whose source is pending or running is dashed and moving; while
 * the run is watched live, an edge that just carried something plays one pulse, a dot travelling
 * from source to target, coloured by what flowed. Its <title> says what flowed.
 */
import { memo } from 'react';
import { BaseEdge, getBezierPath, type EdgeProps, type EdgeTypes } from '@xyflow/react';
import { useEditor } from '../store/use-editor';
import { decodeLook, edgeLook, FLOW_LABELS, type FlowEdgeType } from './edge-flow';
import './edge-flow.css';

function FlowEdgeView(props: EdgeProps<FlowEdgeType>) {
  const look = useEditor((s) => edgeLook(s, props.source));
  const { flow, pulse, waiting } = decodeLook(look);
  const [path] = getBezierPath({
    sourceX: props.sourceX,
    sourceY: props.sourceY,
    sourcePosition: props.sourcePosition,
    targetX: props.targetX,
    targetY: props.targetY,
    targetPosition: props.targetPosition,
  });
  const className = `flow-edge${flow ? ` flow-${flow}` : ''}${waiting ? ' source-waiting' : ''}`;
  return (
    <g className={className} data-edge-id={props.id} data-flow={flow ?? undefined}>
      {flow && <title>{FLOW_LABELS[flow]}</title>}
      <BaseEdge
        id={props.id}
        path={path}
        markerStart={props.markerStart}
        markerEnd={props.markerEnd}
        style={props.style}
        interactionWidth={props.interactionWidth}
      />
      {pulse && <circle className="edge-pulse" r={4.5} style={{ offsetPath: `path('${path}')` }} aria-hidden="true" />}
    </g>
  );
}

export const FlowEdge = memo(FlowEdgeView);

/** Stable across renders, as xyflow wants. */
export const edgeTypes: EdgeTypes = { flow: FlowEdge };
