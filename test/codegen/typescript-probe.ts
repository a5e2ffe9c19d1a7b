/**
 * What the TypeScript parity test appends to its own copy of an exported program, so that the
 * run can be compared with the engine's as the Python one is (run_python_export.py imports the
 * Python module and reads its tasks): the final state of every node's task and the clock's time
 * when the process ends, written as JSON to `report`; and, for a scenario with a deadline (a
 * user's stop), the cancellation of main's task at that time. The program's own lines are left
 * as exported; the test type-checks both the program and this copy. No export holds any of this.
 *
 * The names here start with `$`, which no node's function name can hold (ids are identifiers of
 * letters, digits and _), so they cannot clash with the program's.
 */
import type { Graph } from '../../shared/graph/types';
import { indexGraph } from '../../shared/graph/algorithms';
import { typeScriptNodeNames } from '../../shared/codegen/typescript';

/** The state a task ends in, named as the engine names node states. */
export type TaskState = 'running' | 'done' | 'failed' | 'cancelled';

export interface ProbeReport {
  /** Function name → final state, for every node that got a task. */
  states: Record<string, TaskState>;
  /** The clock's time (performance.now()) when the process exits, in seconds. */
  endTime: number;
}

/** The lines appended to `program`, the export of `graph`; the probe writes its report to `report`. */
export function probeText(graph: Graph, program: string, deadline: number | null, report: string): string {
  const index = indexGraph(graph);
  const names = typeScriptNodeNames(graph, index);
  const terminals = index.terminals.map((id) => names.get(id) as string);
  const lines = [
    '',
    '// ---- Appended by the parity test (test/codegen/typescript-probe.ts); no export holds it.',
    "import { writeFileSync as $writeReport } from 'node:fs';",
    '',
  ];
  // A program without callLater has no timers: nothing in it takes time, so it ends at 0,
  // before any deadline after 0, which it needs no more than the engine's run needs it.
  const hasTimers = program.includes('\nfunction callLater(');
  if (deadline !== null && (deadline === 0 || hasTimers)) {
    // The engine and run_python_export.py cancel main's task at the deadline, set before the run
    // begins. main() awaits the terminal nodes' tasks (asyncio.gather in Python): cancelling it
    // cancels them, as here.
    lines.push(
      `const $terminals = [${terminals.join(', ')}].map((node) => demand(node));`,
      'const $stop = (): void => $terminals.forEach((task) => task.cancel());',
    );
    if (deadline === 0) {
      // asyncio runs a timer due now in the turn after main's first step, before any task it
      // created has started; a Node timer of 0 ms would let them start first. Here main() has
      // just taken its first step, and its tasks have not started.
      lines.push('$stop();');
    } else {
      // Among the program's own timers (callLater): asyncio fires every timer due at an instant
      // before anything they wake up runs, the deadline first as it was set first, and so does
      // callLater, which also counts seconds as asyncio does, to the nanosecond. A Node timer of
      // its own would let the cancellation run on before a sleep ending at the same instant is
      // seen to end.
      lines.push(
        `const $cancelDeadline = callLater(${String(deadline)}, $stop);`,
        '// Once main has what it awaited, the deadline is no longer there to fire (nor to move the clock on).',
        'void Promise.allSettled($terminals.map((task) => task.promise)).then($cancelDeadline);',
      );
    }
  }
  lines.push(
    "process.on('exit', () => {",
    "  const states: Record<string, 'running' | 'done' | 'failed' | 'cancelled'> = {};",
    '  for (const [node, task] of nodeTasks) {',
    '    const outcome = task.outcome;',
    "    states[node.name] = outcome === undefined ? 'running' : 'value' in outcome ? 'done' : outcome.error instanceof CancelledError ? 'cancelled' : 'failed';",
    '  }',
    `  $writeReport(${JSON.stringify(report)}, JSON.stringify({ states, endTime: performance.now() / 1000 }));`,
    '});',
    '',
  );
  return lines.join('\n');
}
