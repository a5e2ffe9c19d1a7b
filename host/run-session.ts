/**
 * One run as the app sees it: started from a validated graph, its state, holder and slow-step
 * events gathered into frames of about one animation frame (16 ms), then the report. Every
 * state event is in exactly one frame, in order, and all frames come before `run.ended`.
 */
import type { JsonValue } from '../shared/graph/json-value';
import type { Graph } from '../shared/graph/types';
import type { HolderEvent, RetryEvent, SlowStepWarning, StateEvent } from '../shared/runtime/types';
import type { ClockMode, HostEvent } from '../shared/protocol/messages';
import { startHostedRun } from './hosted-run';
import { ScaledClock } from './scaled-clock';
import type { RunHandle } from '../shared/runtime/run';

export const FRAME_MS = 16;
export const HEARTBEAT_MS = 100;

/**
 * The frame length from FLOWLOOP_FRAME_MS (`npm run bench`'s unbatched baseline): a whole number
 * of ms >= 0, where 0 sends every state event in a message of its own. Unset or bad: FRAME_MS.
 */
export function frameMsFromEnv(env: Record<string, string | undefined>): number {
  const raw = env.FLOWLOOP_FRAME_MS;
  if (raw === undefined || !/^\d+$/.test(raw)) return FRAME_MS;
  return Number(raw);
}

export interface RunSession {
  readonly runId: string;
  stop(): void;
  /** Settles after `run.ended` has been emitted. */
  readonly ended: Promise<void>;
}

function clockFor(mode: ClockMode): 'real' | 'virtual' | ScaledClock {
  return mode.kind === 'slow' ? new ScaledClock(mode.scale) : mode.kind;
}

export function startRunSession(
  runId: string,
  graph: Graph,
  clock: ClockMode,
  emit: (event: HostEvent) => void,
  frameMs: number = FRAME_MS,
  /** Values for the workflow's inputs, already checked (inputProblems). */
  inputs: Readonly<Record<string, JsonValue>> = {},
  /** What `{env.NAME}` placeholders read (by default the process environment: hosted-run.ts). */
  env?: (name: string) => string | undefined,
): RunSession {
  let states: StateEvent[] = [];
  let holder: HolderEvent | null = null;
  let warnings: SlowStepWarning[] = [];
  let retries: RetryEvent[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;

  let handle: RunHandle | null = null;
  /** The loop's time now; before startHostedRun returns (first steps run at once), the newest event's. */
  const loopTime = (): number => handle?.loopTime() ?? states.at(-1)?.t ?? 0;

  const flush = (): void => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (states.length === 0 && holder === null && warnings.length === 0 && retries.length === 0) return;
    const frame: HostEvent = { type: 'run.events', runId, states, holder, warnings, now: loopTime() };
    if (retries.length > 0) frame.retries = retries;
    states = [];
    holder = null;
    warnings = [];
    retries = [];
    emit(frame);
  };
  const schedule = (): void => {
    if (frameMs === 0) flush();
    else if (timer === null) timer = setTimeout(flush, frameMs);
  };

  // While timers run in real or scaled time, a frame at least every 100 ms carries the loop's time,
  // so the app's loop clock and running nodes' elapsed times move while no state changes.
  const heartbeat =
    clock.kind === 'virtual'
      ? null
      : setInterval(() => {
          if (timer === null && states.length === 0)
            emit({ type: 'run.events', runId, states: [], holder: null, warnings: [], now: loopTime() });
        }, HEARTBEAT_MS);
  const stopHeartbeat = (): void => {
    if (heartbeat !== null) clearInterval(heartbeat);
  };

  try {
    handle = startHostedRun(graph, {
      clock: clockFor(clock),
      inputs,
      ...(env === undefined ? {} : { env }),
      listener: {
        state: (e) => (states.push(e), schedule()),
        holder: (e) => ((holder = e), schedule()),
        slowStep: (w) => (warnings.push(w), schedule()),
        retry: (r) => (retries.push(r), schedule()),
      },
    });
  } catch (error) {
    stopHeartbeat();
    return {
      runId,
      stop: () => undefined,
      ended: Promise.reject(error instanceof Error ? error : new Error(String(error))),
    };
  }
  const running = handle;
  const ended = running.report.then(
    (report) => {
      stopHeartbeat();
      flush();
      emit({ type: 'run.ended', runId, report });
    },
    (error: unknown) => {
      stopHeartbeat();
      flush();
      // The engine reports failures in the report; reaching here is a bug in it. Say so in a report-shaped way.
      const message = error instanceof Error ? error.message : String(error);
      emit({
        type: 'run.ended',
        runId,
        report: {
          status: 'failed',
          result: null,
          error: { type: 'InternalError', message },
          nodes: {},
          events: [],
        },
      });
    },
  );
  return { runId, stop: () => running.stop(), ended };
}
