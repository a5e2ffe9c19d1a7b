/**
 * The host's side of the app, whatever the transport (Electron IPC or the browser bridge):
 * validates each request with the protocol's schema and answers it — files, recent list,
 * autosave, examples and runs — and pushes run events to its listeners.
 */
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { parseGraph, type Graph } from '../shared/graph';
import { inputProblems } from '../shared/graph/inputs';
import type { RunReport } from '../shared/runtime/types';
import {
  hostRequestSchema,
  type AppInfo,
  type ClockMode,
  type HostEvent,
  type HostRequest,
  type HostResponses,
} from '../shared/protocol/messages';
import { appVersion } from './app-root';
import { writeFileAtomic } from './atomic-write';
import { AutosaveStore } from './autosave-store';
import { listExamples } from './examples-gallery';
import { FileWatch, type FileWatchOptions } from './file-watch';
import { RecentFiles } from './recent-files';
import { RunInputs, type InputValues } from './run-inputs';
import { SecretsError, WorkflowSecrets } from './workflow-secrets';
import { RunHistory } from './run-history';
import { startRunSession, type RunSession } from './run-session';
import { loadWorkflowFile, meantAsWorkflow, workflowPath, WORKFLOW_SUFFIX } from './workflow-file';
import type { HistoryDocument } from '../shared/protocol/run-history';

/** Native dialogs; only the Electron shell has them. */
export interface FileChooser {
  open(): Promise<string | null>;
  save(suggestedName: string): Promise<string | null>;
}

export interface HostServiceOptions {
  dataDir: string;
  initialFile: string | null;
  defaultClock: ClockMode;
  shell: 'electron' | 'browser';
  chooseFile?: FileChooser;
  /** The examples gallery's folder; the repository's examples/ by default. */
  examplesDir?: string;
  /** How long run events are gathered before they are sent (run-session.ts FRAME_MS by default; 0: one event per message). */
  frameMs?: number;
  /** How the open files are watched for changes on disk (file-watch.ts's defaults by default). */
  fileWatch?: FileWatchOptions;
  /** The environment `{env.NAME}` placeholders fall back on (this process's by default). */
  processEnv?: Readonly<Record<string, string | undefined>>;
}

export interface HostService {
  /** Answers one request; rejects with a HostRequestError whose message names what is wrong. */
  handle(request: unknown): Promise<unknown>;
  /** Subscribes to pushed events; returns the unsubscribe function. */
  onEvent(listener: (event: HostEvent) => void): () => void;
  /** Pushes an event from the shell (menu commands, files opened through the OS). */
  emit(event: HostEvent): void;
  /** Stops every run and waits for their reports; the service stays usable. */
  stopAllRuns(): Promise<void>;
  /** Stops every run and waits for their reports. */
  close(): Promise<void>;
}

/** A refused or failed request. Transports send `{ error: { message } }` (the protocol's HostError). */
function notAWorkflowPath(path: string): string {
  return `Flowloop reads and writes workflow files only, whose names end in ${WORKFLOW_SUFFIX}; ${path} is not one`;
}

export class HostRequestError extends Error {
  override readonly name = 'HostRequestError';
}

export function describeBadRequest(request: unknown): string {
  if (typeof request !== 'object' || request === null || Array.isArray(request)) {
    return `a request must be an object with a 'type', not ${request === null ? 'null' : Array.isArray(request) ? 'an array' : typeof request}`;
  }
  const type = (request as { type?: unknown }).type;
  const known = hostRequestSchema.options.map((o) => o.shape.type.value);
  if (typeof type !== 'string' || !(known as string[]).includes(type)) {
    return `unknown request type ${JSON.stringify(type) ?? 'undefined'}; known: ${known.join(', ')}`;
  }
  const parsed = hostRequestSchema.safeParse(request);
  if (parsed.success) return '';
  const details = parsed.error.issues.map(
    (i) => `${i.path.length > 0 ? i.path.join('.') : '(request)'}: ${i.message}`,
  );
  return `bad '${type}' request: ${details.join('; ')}`;
}

/** How long after a run's end its history record is written. */
const HISTORY_WRITE_DELAY_MS = 250;
const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** How many ended runs' reports the host keeps for run.report, and runs' graphs for run.again. */
const KEPT_REPORTS = 4;

/** A graph run.start parsed and checked, with the text it came as (kept with the run's history). */
interface RanGraph {
  text: string;
  graph: Graph;
}

/** Drops a map's oldest entries (first inserted) until it holds at most `size`. */
function keepNewest<K, V>(map: Map<K, V>, size: number): void {
  for (const oldest of map.keys()) {
    if (map.size <= size) break;
    map.delete(oldest);
  }
}

export function createHostService(options: HostServiceOptions): HostService {
  const listeners = new Set<(event: HostEvent) => void>();
  const recent = new RecentFiles(options.dataDir);
  const autosave = new AutosaveStore(options.dataDir);
  const runInputs = new RunInputs(options.dataDir);
  const secrets = new WorkflowSecrets(options.dataDir, options.processEnv);
  const runs = new Map<string, RunSession>();
  /** The last few ended runs' reports, oldest first: a page that missed events of a run asks for it whole (run.report). */
  const endedReports = new Map<string, RunReport>();
  const history = new RunHistory(options.dataDir, {
    onProblem: (message) => console.warn(`flowloop: ${message}`),
  });
  /**
   * The graphs of the last few runs, by run id: run.again names one, and run.start with the same
   * text as one (a reloaded page running again) skips parsing and checking it, tens of milliseconds
   * at thousands of nodes. Nothing changes a parsed graph, so runs can share one.
   */
  const ranGraphs = new Map<string, RanGraph>();
  /** The files pages have open, watched for changes by others (file.watch, file.changedOnDisk). */
  const fileWatch = new FileWatch(
    (path, change) => emit({ type: 'file.changedOnDisk', path, change }),
    options.fileWatch,
  );

  const emit = (event: HostEvent): void => {
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch {
        // One broken listener (a closed connection) must not keep events from the others.
      }
    }
  };

  /**
   * Starts a run of `ran` (a graph run.start checked) with `inputs` and keeps the graph for run.again.
   * Inputs that do not fit the workflow refuse the run before it starts.
   */
  const startRun = (
    ran: RanGraph,
    clock: ClockMode,
    document: HistoryDocument | undefined,
    inputs: InputValues,
    env: (name: string) => string | undefined,
  ): string => {
    const wrongInputs = inputProblems(ran.graph, inputs);
    if (wrongInputs.length > 0)
      throw new HostRequestError(`the run needs its inputs: ${wrongInputs.join('; ')}`);
    if (document !== undefined)
      runInputs
        .remember(document, inputs)
        .catch((error: unknown) => console.warn(`flowloop: the run's inputs not kept: ${fsReason(error)}`));
    const runId = randomUUID();
    const startedAt = new Date();
    const session = startRunSession(
      runId,
      ran.graph,
      clock,
      (event) => {
        if (event.type === 'run.ended') {
          runs.delete(runId); // before anyone hears of the end
          endedReports.set(runId, event.report);
          keepNewest(endedReports, KEPT_REPORTS);
        }
        if (event.type === 'run.ended' && document !== undefined) {
          // Queued before the end is heard of, so a history.list sent on run.ended waits for it;
          // written a moment later: encoding and writing a run of thousands of nodes (megabytes of
          // JSON) competed with the page drawing the end, and in the desktop app held up the main
          // process that carries the end to the window.
          const run = {
            id: runId,
            startedAt,
            endedAt: new Date(),
            clock,
            text: ran.text,
            report: event.report,
          };
          history
            .record(document, run, delay(HISTORY_WRITE_DELAY_MS))
            .catch((error: unknown) =>
              console.warn(`flowloop: run ${runId} not kept in the history: ${fsReason(error)}`),
            );
        }
        emit(event);
      },
      options.frameMs,
      inputs,
      env,
    );
    runs.set(runId, session);
    session.ended.catch(() => runs.delete(runId));
    ranGraphs.set(runId, ran);
    keepNewest(ranGraphs, KEPT_REPORTS);
    return runId;
  };

  const handlers: {
    [T in HostRequest['type']]: (r: Extract<HostRequest, { type: T }>) => Promise<HostResponses[T]>;
  } = {
    'app.info': async (): Promise<AppInfo> => ({
      version: appVersion(),
      initialFile: options.initialFile === null ? null : resolve(options.initialFile),
      defaultClock: options.defaultClock,
      shell: options.shell,
    }),
    // A page reads and writes workflow files only (*.flow.json), and sees the text only of one
    // meant as a workflow: never /etc/passwd, ~/.bashrc or /proc/self/environ, whoever asks.
    'file.read': async ({ path }) => {
      const absolute = workflowPath(path);
      if (absolute === null)
        return { ok: false, path: resolve(path), reason: 'unreadable', message: notAWorkflowPath(path) };
      const loaded = await loadWorkflowFile(absolute);
      if (!loaded.ok && loaded.reason === 'unreadable')
        return { ok: false, path: absolute, reason: 'unreadable', message: loaded.message };
      if (!loaded.ok && !meantAsWorkflow(loaded.text)) {
        return {
          ok: false,
          path: absolute,
          reason: 'unreadable',
          message: `${absolute} is not a Flowloop workflow: ${loaded.problems[0]?.message ?? 'it does not parse'}`,
        };
      }
      await recent.add(absolute).catch(() => undefined); // the recent list is a convenience, never a failure
      return loaded.ok
        ? { ok: true, path: absolute, text: loaded.text, graph: loaded.graph }
        : { ok: false, path: absolute, reason: 'invalid', text: loaded.text, problems: loaded.problems };
    },
    'file.chooseOpen': async () => ({ path: await chooser().open() }),
    'file.chooseSave': async ({ suggestedName }) => ({ path: await chooser().save(suggestedName) }),
    'file.save': async ({ path, text }) => {
      const absolute = workflowPath(path);
      if (absolute === null) throw new HostRequestError(notAWorkflowPath(path));
      try {
        // The app's own save: not a change on disk for the pages watching the file.
        await fileWatch.ownWrite(absolute, text, () => writeFileAtomic(absolute, text));
      } catch (error) {
        throw new HostRequestError(`cannot save ${absolute}: ${fsReason(error)}`);
      }
      await recent.add(absolute).catch(() => undefined);
      return { path: absolute };
    },
    'file.recent': async () => ({ paths: await recent.list() }),
    'file.watch': async ({ watcher, path }) => {
      const absolute = path === null ? null : workflowPath(path);
      if (path !== null && absolute === null) throw new HostRequestError(notAWorkflowPath(path));
      await fileWatch.watch(watcher, absolute);
      return { path: absolute };
    },
    'autosave.write': async ({ key, path, text }) => {
      await autosave.write(key, path, text).catch(rethrowAsRequestError);
      return { ok: true };
    },
    'autosave.list': async () => ({ items: await autosave.list() }),
    'autosave.discard': async ({ key }) => {
      await autosave.discard(key).catch(rethrowAsRequestError);
      return { ok: true };
    },
    'examples.list': async () => ({ examples: await listExamples(options.examplesDir) }),
    'run.start': async ({ text, clock, document, inputs }) => {
      let ran = [...ranGraphs.values()].find((kept) => kept.text === text);
      if (ran === undefined) {
        const parsed = parseGraph(text);
        if (!parsed.ok) return { ok: false, problems: parsed.problems };
        ran = { text, graph: parsed.graph };
      }
      const env = await runEnvironment(document);
      return { ok: true, runId: startRun(ran, clock, document, inputs ?? {}, env) };
    },
    'run.again': async ({ runId, clock, document, inputs }) => {
      const ran = ranGraphs.get(runId);
      if (ran === undefined)
        throw new HostRequestError(
          `run ${runId}'s graph is no longer kept; send the graph to run (run.start)`,
        );
      const env = await runEnvironment(document);
      return { ok: true, runId: startRun(ran, clock, document, inputs ?? {}, env) };
    },
    'inputs.last': async ({ document }) => ({ values: await runInputs.last(document) }),
    'run.stop': async ({ runId }) => {
      const session = runs.get(runId);
      session?.stop();
      return { stopped: session !== undefined };
    },
    'run.report': async ({ runId }) => ({ report: endedReports.get(runId) ?? null }),
    'history.list': async ({ document }) => history.list(document),
    'history.get': async ({ document, runId }) => ({ record: await history.get(document, runId) }),
    // Names, whether set and where from: never a value, whoever asks.
    'secrets.list': async ({ path, names }) => {
      if (path !== null && workflowPath(path) === null) throw new HostRequestError(notAWorkflowPath(path));
      return { secrets: await secrets.describe(path, names).catch(rethrowAsRequestError) };
    },
    'secrets.set': async ({ path, name, value }) => {
      await secrets.set(path, name, value).catch(rethrowAsRequestError);
      return { ok: true };
    },
    'secrets.clear': async ({ path, name }) => {
      await secrets.clear(path, name).catch(rethrowAsRequestError);
      return { ok: true };
    },
  };

  /** What a run's `{env.NAME}` read: the values kept for its workflow file first, then the environment. */
  async function runEnvironment(
    document: HistoryDocument | undefined,
  ): Promise<(name: string) => string | undefined> {
    try {
      return await secrets.runEnvironment(document?.path ?? null);
    } catch (error) {
      throw new HostRequestError(
        `the run cannot read the workflow's secrets: ${error instanceof SecretsError ? error.message : fsReason(error)}`,
      );
    }
  }

  async function stopAllRuns(): Promise<void> {
    const sessions = [...runs.values()];
    for (const session of sessions) session.stop();
    await Promise.allSettled(sessions.map((s) => s.ended));
    await history.idle(); // the ended runs' history records
  }

  function chooser(): FileChooser {
    if (options.chooseFile === undefined) {
      throw new HostRequestError(
        `file dialogs are not available in ${options.shell} mode; give the file's path instead`,
      );
    }
    return options.chooseFile;
  }

  return {
    async handle(request: unknown): Promise<unknown> {
      const parsed = hostRequestSchema.safeParse(request);
      if (!parsed.success) throw new HostRequestError(describeBadRequest(request));
      const typed = parsed.data;
      const handler = handlers[typed.type] as (r: HostRequest) => Promise<unknown>;
      return handler(typed);
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit,
    stopAllRuns,
    close: async () => {
      fileWatch.close();
      await stopAllRuns();
    },
  };
}

function fsReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOENT') return 'its folder does not exist';
  if (code === 'EISDIR') return 'it is a directory';
  return error instanceof Error ? error.message : String(error);
}

function rethrowAsRequestError(error: unknown): never {
  throw new HostRequestError(error instanceof Error ? error.message : String(error));
}
