/** One node on the canvas: kind, id, key params, run state and problems; numbered input handles. */
import { memo, useMemo } from 'react';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { isCombinatorKind, type GraphNode } from '../../../shared/graph';
import { inputName } from '../store/connection-rules';
import { useEditor } from '../store/use-editor';
import { nodeSummary } from './node-summary';
import { useNodeRunMarks } from './use-run-marks';

export type FlowNodeData = { node: GraphNode; inputs: number };
export type FlowNodeType = Node<FlowNodeData, 'flow'>;

/**
 * A running node's elapsed loop time, "1.3 s" (nothing otherwise). Its own component, subscribed to a
 * string rounded to a tenth of a second: the loop clock ticks every frame, it re-renders ten times a
 * second at most, and only while the node runs.
 */
function Elapsed({ id }: { id: string }) {
  const text = useEditor((s) => {
    const since = s.run.runningSince.get(id);
    if (s.run.replay !== null || s.run.now === null || since === undefined || s.run.states[id] !== 'running')
      return '';
    return `${Math.max(0, s.run.now - since).toFixed(1)} s`;
  });
  return text === '' ? null : (
    <span className="flow-node-elapsed" data-elapsed={text} title="loop time since it started running">
      {text}
    </span>
  );
}

/** "↻2": the failed tries the node's retry caught so far in the run (its errors in the title). */
function Retries({ id }: { id: string }) {
  const count = useEditor((s) => s.run.retryCounts[id] ?? 0);
  const retries = useEditor((s) => s.run.retries);
  if (count === 0) return null;
  const lines = retries
    .filter((retry) => retry.node === id)
    .map(
      (r) =>
        `try ${r.attempt} failed at ${r.t.toFixed(2)} s: ${r.error.type}${r.error.message === '' ? '' : `: ${r.error.message}`}`,
    );
  return (
    <span
      className="flow-node-retries"
      data-retries={count}
      title={lines.join('\n')}
      aria-label={`${count} failed ${count === 1 ? 'try' : 'tries'} retried`}
    >
      ↻{count}
    </span>
  );
}

function FlowNodeView({ id, data, selected }: NodeProps<FlowNodeType>) {
  const { node, inputs } = data;
  // The node's run state (data-state, the state mark) is not rendered here: run-marks.ts writes it.
  const marks = useNodeRunMarks(id);
  const holding = useEditor((s) => s.run.holder === id);
  const problemCount = useEditor((s) => s.problems.reduce((n, p) => (p.node === id ? n + 1 : n), 0));
  const group = isCombinatorKind(node.kind) ? 'combinator' : 'coroutine';
  // Made once per node and input count: when only the selection or the loop's holder changes,
  // React keeps these elements and updates the wrapper's class.
  const handles = useMemo(
    () =>
      Array.from({ length: inputs }, (_, input) => (
        <Handle
          key={input}
          type="target"
          id={`in-${input}`}
          position={Position.Left}
          style={{ top: `${((input + 1) / (inputs + 1)) * 100}%` }}
          aria-label={`input ${input} of ${id}`}
          title={inputName(node.kind, input)}
        />
      )),
    [id, inputs, node.kind],
  );
  const body = useMemo(() => {
    const summary = nodeSummary(node);
    return (
      <>
        <div className="flow-node-id">{node.label ?? id}</div>
        {node.label !== undefined && <div className="flow-node-sub">{id}</div>}
        {summary !== '' && <div className="flow-node-summary">{summary}</div>}
      </>
    );
  }, [id, node]);
  const output = useMemo(
    () => <Handle type="source" id="out" position={Position.Right} aria-label={`output of ${id}`} />,
    [id],
  );
  return (
    <div
      ref={marks.element}
      className={`flow-node ${group}${selected ? ' selected' : ''}${problemCount > 0 ? ' has-problems' : ''}${holding ? ' holding' : ''}`}
      data-node-id={id}
      data-kind={node.kind}
      style={{ minHeight: Math.max(56, inputs * 18 + 20) }}
    >
      {handles}
      <div className="flow-node-head">
        <span className="flow-node-kind">{node.kind}</span>
        <Elapsed id={id} />
        <Retries id={id} />
        <span className="flow-node-state" ref={marks.mark} />
      </div>
      {body}
      {problemCount > 0 && (
        <div className="flow-node-problems" role="note">
          {problemCount} problem{problemCount === 1 ? '' : 's'}
        </div>
      )}
      {output}
    </div>
  );
}

export const FlowNode = memo(FlowNodeView);
export const nodeTypes = { flow: FlowNode };
