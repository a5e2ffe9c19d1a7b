/**
 * xyflow's default (bezier) edge, plus the run's mark (edge-flow.ts), so a run never changes the
 * edges array: the edge's own <g class="flow-edge"> carries data-flow (what flowed) and data-waiting
 * (the source is pending or running: dashed), and its <title> says what flowed — written by
 * run-marks.ts, not rendered here. While the run is watched live, an edge that just carried something
 * plays one pulse, a dot travelling from source to target, coloured by what flowed.
 */
import { memo, useMemo } from 'react';
import { BaseEdge, getBezierPath, type EdgeProps, type EdgeTypes } from '@xyflow/react';
import { useEditor } from '../store/use-editor';
import { decodeLook, edgeLook, type FlowEdgeType } from './edge-flow';
import { useEdgeRunMarks } from './use-run-marks';
import './edge-flow.css';

function FlowEdgeView(props: EdgeProps<FlowEdgeType>) {
  const marks = useEdgeRunMarks(props.source);
  const pulse = useEditor((s) => decodeLook(edgeLook(s, props.source)).pulse);
  const { sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition } = props;
  const [path] = useMemo(
    () => getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition }),
    [sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition],
  );
  // The drawing does not depend on the run: when only the pulse comes or goes, React keeps it.
  const { id, markerStart, markerEnd, style, interactionWidth } = props;
  const drawing = useMemo(
    () => (
      <BaseEdge
        id={id}
        path={path}
        markerStart={markerStart}
        markerEnd={markerEnd}
        style={style}
        interactionWidth={interactionWidth}
      />
    ),
    [id, path, markerStart, markerEnd, style, interactionWidth],
  );
  return (
    <g className="flow-edge" data-edge-id={props.id} ref={marks.element}>
      <title ref={marks.title} />
      {drawing}
      {pulse && (
        <circle className="edge-pulse" r={4.5} style={{ offsetPath: `path('${path}')` }} aria-hidden="true" />
      )}
    </g>
  );
}

export const FlowEdge = memo(FlowEdgeView);

/** Stable across renders, as xyflow wants. */
export const edgeTypes: EdgeTypes = { flow: FlowEdge };
