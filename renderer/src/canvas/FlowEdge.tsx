/**
 * xyflow's default (bezier) edge, plus the run's mark: the class and data-flow attribute are on the
 * edge's <g> (see edge-flow.ts); while the run is watched live, an edge that just carried something
 * plays one pulse, a dot travelling from source to target, coloured by what flowed.
 */
import { memo } from 'react';
import { BaseEdge, getBezierPath, type EdgeProps, type EdgeTypes } from '@xyflow/react';
import type { FlowEdgeType } from './edge-flow';
import './edge-flow.css';

function FlowEdgeView(props: EdgeProps<FlowEdgeType>) {
  const [path] = getBezierPath({
    sourceX: props.sourceX,
    sourceY: props.sourceY,
    sourcePosition: props.sourcePosition,
    targetX: props.targetX,
    targetY: props.targetY,
    targetPosition: props.targetPosition,
  });
  const pulse = props.data?.pulse === true;
  return (
    <>
      <BaseEdge
        id={props.id}
        path={path}
        markerStart={props.markerStart}
        markerEnd={props.markerEnd}
        style={props.style}
        interactionWidth={props.interactionWidth}
      />
      {pulse && <circle className="edge-pulse" r={4.5} style={{ offsetPath: `path('${path}')` }} aria-hidden="true" />}
    </>
  );
}

export const FlowEdge = memo(FlowEdgeView);

/** Stable across renders, as xyflow wants. */
export const edgeTypes: EdgeTypes = { flow: FlowEdge };
