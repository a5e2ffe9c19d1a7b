/**
 * One run as the app sees it: started from a validated graph, its state, holder and slow-step
 * events gathered into frames of about one animation frame (16 ms), then the report. Every
 * state event is in exactly one frame, in order, and all frames come before `run.ended`.
 */
import type { Graph } from '../../shared/graph/types';
import type { HolderEvent, SlowStepWarning, StateEvent } from '../../shared/runtime/types';
import type { ClockMode, HostEvent } from '../../shared/protocol/messages';
import { startHostedRun } from './hosted-run';
import { ScaledClock } from './scaled-clock';
import type { RunHandle } from '../../shared/runtime/run';

export const FRAME_MS = 16;

export interface RunSession {
  readonly runId: string;
  stop(): void;
  /** Settles after `run.ended` has been emitted. */
  readonly ended: Promise<void>;
}

function clockFor(mode: ClockMode): 'real' | 'virtual' | ScaledClock {
  return mode.kind === 'slow' ? new ScaledClock(mode.scale) : mode.kind;
}

export function startRunSession(runId: string, graph: Graph, clock: ClockMode, emit: (event: HostEvent) => void): RunSession {
  let states: StateEvent[] = [];
  let holder: HolderEvent | null = null;
  let warnings: SlowStepWarning[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;

  const flush = (): void => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (states.length === 0 && holder === null && warnings.length === 0) return;
    const frame: HostEvent = { type: 'run.events', runId, states, holder, warnings };
    states = [];
    holder = null;
    warnings = [];
    emit(frame);
  };
  const schedule = (): void => {
    if (timer === null) timer = setTimeout(flush, FRAME_MS);
  };

  let handle: RunHandle;
  try {
    handle = startHostedRun(graph, {
      clock: clockFor(clock),
      listener: {
        state: (e) => (states.push(e), schedule()),
        holder: (e) => ((holder = e), schedule()),
        slowStep: (w) => (warnings.push(w), schedule()),
      },
    });
  } catch (error) {
    return { runId, stop: () => undefined, ended: Promise.reject(error instanceof Error ? error : new Error(String(error))) };
  }
  const ended = handle.report.then(
    (report) => {
      flush();
      emit({ type: 'run.ended', runId, report });
    },
    (error: unknown) => {
      flush();
      // The engine reports failures in the report; reaching here is a bug in it. Say so in a report-shaped way.
      const message = error instanceof Error ? error.message : String(error);
      emit({
        type: 'run.ended',
        runId,
        report: { status: 'failed', result: null, error: { type: 'InternalError', message }, nodes: {}, events: [] },
      });
    },
  );
  return { runId, stop: () => handle.stop(), ended };
}
