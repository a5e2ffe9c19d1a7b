/**
 * xyflow's default (bezier) edge, plus the run's mark (edge-flow.ts), read from the store by the edge
 * itself so a run never changes the edges array: the class and data-flow attribute sit on the edge's
 * own <g class="flow-edge">; an edge whose source is pending or running is dashed and moving; while
 * the run is watched live, an edge that just carried something plays one pulse, a dot travelling
 * from source to target, coloured by what flowed. Its <title> says what flowed.
 */
import { memo, useMemo } from 'react';
import { BaseEdge, getBezierPath, type EdgeProps, type EdgeTypes } from '@xyflow/react';
import { useEditor } from '../store/use-editor';
import { decodeLook, edgeLook, FLOW_LABELS, type FlowEdgeType } from './edge-flow';
import './edge-flow.css';

function FlowEdgeView(props: EdgeProps<FlowEdgeType>) {
  const look = useEditor((s) => edgeLook(s, props.source));
  const { flow, pulse, waiting } = decodeLook(look);
  const { sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition } = props;
  const [path] = useMemo(
    () => getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition }),
    [sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition],
  );
  // The drawing does not depend on the run: when only the look changes, React keeps this element
  // and re-renders just the wrapping <g> (a run changes the look of every edge in view, often at once).
  const { id, markerStart, markerEnd, style, interactionWidth } = props;
  const drawing = useMemo(
    () => <BaseEdge id={id} path={path} markerStart={markerStart} markerEnd={markerEnd} style={style} interactionWidth={interactionWidth} />,
    [id, path, markerStart, markerEnd, style, interactionWidth],
  );
  const className = `flow-edge${flow ? ` flow-${flow}` : ''}${waiting ? ' source-waiting' : ''}`;
  return (
    <g className={className} data-edge-id={props.id} data-flow={flow ?? undefined}>
      {flow && <title>{FLOW_LABELS[flow]}</title>}
      {drawing}
      {pulse && <circle className="edge-pulse" r={4.5} style={{ offsetPath: `path('${path}')` }} aria-hidden="true" />}
    </g>
  );
}

export const FlowEdge = memo(FlowEdgeView);

/** Stable across renders, as xyflow wants. */
export const edgeTypes: EdgeTypes = { flow: FlowEdge };
