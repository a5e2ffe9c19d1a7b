/**
 * The typed messages between the app's two sides: the renderer (React, in Electron or a browser
 * tab) and the host (files, runs, examples — host/). The same schemas validate every
 * message on the host side whatever the transport: Electron IPC, or the browser mode's
 * WebSocket bridge. Requests get exactly one response; the host also pushes events.
 */
import { z } from 'zod';
import { describeMiB, MAX_DOCUMENT_BYTES, utf8BytesOver } from './limits';
import { jsonValueSchema } from '../graph/param-schemas';
import type { JsonValue } from '../graph/json-value';
import type { Graph } from '../graph/types';
import type { Problem } from '../graph';
import type { HolderEvent, RetryEvent, RunReport, SlowStepWarning, StateEvent } from '../runtime/types';
import { compactReport, type EndedReport } from './ended-report';
import type { RunHistorySummary, RunRecord } from './run-history';

/** How a run's timers are paced: real time, slowed down (0.1x–1x), or instant (the virtual clock). */
export const clockModeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('real') }),
  z.object({ kind: z.literal('slow'), scale: z.number().min(0.1).max(1) }),
  z.object({ kind: z.literal('virtual') }),
]);
export type ClockMode = z.infer<typeof clockModeSchema>;

const path = z.string().min(1).max(4096);
/** An autosave key names a file in the data folder: letters, digits, '-', '_', '.', not starting with '.'. */
const autosaveKey = z
  .string()
  .regex(
    /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}$/,
    "an autosave key uses letters, digits, '-', '_' or '.' and does not start with '.'",
  );
/** A workflow document as text; the host parses and validates it with shared/graph. */
const TOO_LARGE = `a workflow may be at most ${describeMiB(MAX_DOCUMENT_BYTES)} of UTF-8`;
const documentText = z
  .string()
  .max(MAX_DOCUMENT_BYTES, TOO_LARGE)
  .refine((text) => utf8BytesOver(text, MAX_DOCUMENT_BYTES) === null, TOO_LARGE);
/** Which document a run belongs to (its run history): its path, or its autosave key while unsaved. */
const historyDocument = z.object({ path: path.nullable(), key: autosaveKey });
/** Values for a workflow's inputs by name (an input node's id): what a run is given. */
const inputValues = z.record(z.string().max(200), jsonValueSchema).superRefine((values, ctx) => {
  const names = Object.keys(values);
  if (names.length > 10_000) ctx.addIssue({ code: 'custom', message: 'at most 10,000 inputs' });
  for (const name of names.filter((n) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(n)).slice(0, 3))
    ctx.addIssue({ code: 'custom', path: [name], message: "is not an input name (an input node's id)" });
});

/** Largest value the app keeps for a workflow's `{env.NAME}` (UTF-8 bytes); a key or token is far smaller. */
export const MAX_SECRET_BYTES = 64 * 1024;
/** The name of an environment variable, as `{env.NAME}` writes it. */
const envName = z
  .string()
  .max(200, 'a variable name is at most 200 characters')
  .regex(
    /^[A-Za-z_][A-Za-z0-9_]*$/,
    'is not a variable name: a letter or _ followed by letters, digits or _',
  );

export const hostRequestSchema = z.discriminatedUnion('type', [
  /** Start-up facts: version, the file given on the command line, the clock to start with. */
  z.object({ type: z.literal('app.info') }),
  /** Reads and validates a workflow file. */
  z.object({ type: z.literal('file.read'), path }),
  /** Asks the person for a file to open (Electron: a dialog; browser mode: not available). */
  z.object({ type: z.literal('file.chooseOpen') }),
  /** Asks the person where to save (Electron: a dialog; browser mode: not available). */
  z.object({ type: z.literal('file.chooseSave'), suggestedName: z.string().max(255) }),
  /** Saves atomically (temporary file, then rename). */
  z.object({ type: z.literal('file.save'), path, text: documentText }),
  z.object({ type: z.literal('file.recent') }),
  /**
   * Page `watcher` (an id it makes up, one per page) has the workflow file `path` open, or none
   * (null): the host tells it of changes to that file on disk by others (file.changedOnDisk).
   */
  z.object({
    type: z.literal('file.watch'),
    watcher: z.string().min(1).max(100),
    path: path.nullable(),
  }),
  /** Unsaved work, kept in the app's data folder until saved or discarded. */
  z.object({
    type: z.literal('autosave.write'),
    key: autosaveKey,
    path: path.nullable(),
    text: documentText,
  }),
  z.object({ type: z.literal('autosave.list') }),
  z.object({ type: z.literal('autosave.discard'), key: autosaveKey }),
  z.object({ type: z.literal('examples.list') }),
  /** Runs a snapshot of the graph (sent as text; the host validates it). */
  z.object({
    type: z.literal('run.start'),
    text: documentText,
    clock: clockModeSchema,
    document: historyDocument.optional(),
    /** The workflow's inputs (checked before the run: an unknown or missing one refuses it). */
    inputs: inputValues.optional(),
  }),
  /**
   * Runs again the graph that run `runId` ran (the usual next Run: a 5,000-node graph is a megabyte
   * of text not sent again). The host keeps the last few runs' graphs; for an older run it answers
   * an error, and the page sends the graph with run.start.
   */
  z.object({
    type: z.literal('run.again'),
    runId: z.string().min(1).max(100),
    clock: clockModeSchema,
    document: historyDocument.optional(),
    inputs: inputValues.optional(),
  }),
  /** The values last given to a document's inputs (the Run dialog fills them in again). */
  z.object({ type: z.literal('inputs.last'), document: historyDocument }),
  z.object({ type: z.literal('run.stop'), runId: z.string().min(1).max(100) }),
  /** A recently ended run's whole report: for a page that missed some of its events. */
  z.object({ type: z.literal('run.report'), runId: z.string().min(1).max(100) }),
  /** The document's last runs (see shared/protocol/run-history.ts), newest first. */
  z.object({ type: z.literal('history.list'), document: historyDocument }),
  /** One run of the document's history in full: the graph text that ran and its report. */
  z.object({ type: z.literal('history.get'), document: historyDocument, runId: z.string().min(1).max(100) }),
  /**
   * Secrets: the `{env.NAME}` variables of the workflow at `path` (null: unsaved), the `names` its
   * fetch nodes use: for each (and each the app keeps for it that it no longer uses), whether it is
   * set and where from. Never a value: the page cannot read one back.
   */
  z.object({
    type: z.literal('secrets.list'),
    path: path.nullable(),
    names: z.array(envName).max(1000),
  }),
  /** Keeps `value` for `name` in the app, for the workflow file at `path` only (0600, in the data folder). */
  z.object({
    type: z.literal('secrets.set'),
    path,
    name: envName,
    value: z.string().max(MAX_SECRET_BYTES, `a secret's value is at most ${MAX_SECRET_BYTES / 1024} KiB`),
  }),
  /** Forgets the value the app keeps for `name` in the workflow at `path`. */
  z.object({ type: z.literal('secrets.clear'), path, name: envName }),
]);
export type HostRequest = z.infer<typeof hostRequestSchema>;

export interface AppInfo {
  version: string;
  /** The workflow named on the command line (or opened through the OS), if any. */
  initialFile: string | null;
  defaultClock: ClockMode;
  /** 'electron' or 'browser': what the renderer may offer (native dialogs exist only in Electron). */
  shell: 'electron' | 'browser';
}

export type FileReadResult =
  | { ok: true; path: string; text: string; graph: Graph }
  | { ok: false; path: string; reason: 'unreadable'; message: string }
  | { ok: false; path: string; reason: 'invalid'; text: string; problems: Problem[] };

export interface RecoverableWork {
  key: string;
  path: string | null;
  savedAt: string;
  text: string;
}

export interface Example {
  id: string;
  name: string;
  description: string;
  text: string;
}

/** A `{env.NAME}` of a workflow as the page sees it: set or not, and where from, never its value. */
export interface SecretState {
  name: string;
  /** Some fetch node of the workflow uses it (false: kept in the app from an earlier version). */
  used: boolean;
  /** 'app': a value kept for this workflow (it wins); 'environment': the host's process environment; null: not set. */
  source: 'app' | 'environment' | null;
}

export type RunStartResult = { ok: true; runId: string } | { ok: false; problems: Problem[] };

/** What each request answers. */
export interface HostResponses {
  'app.info': AppInfo;
  'file.read': FileReadResult;
  'file.chooseOpen': { path: string | null };
  'file.chooseSave': { path: string | null };
  'file.save': { path: string };
  'file.recent': { paths: string[] };
  /** The absolute path watched, null when none. */
  'file.watch': { path: string | null };
  'autosave.write': { ok: true };
  'autosave.list': { items: RecoverableWork[] };
  'autosave.discard': { ok: true };
  'examples.list': { examples: Example[] };
  'run.start': RunStartResult;
  'run.again': RunStartResult;
  'run.stop': { stopped: boolean };
  'inputs.last': { values: Record<string, JsonValue> | null };
  /** null when the host no longer keeps that run's report (it keeps the last few). */
  'run.report': { report: RunReport | null };
  /** problem: why the stored history could not be read (the next run replaces it); null when fine. */
  'history.list': { runs: RunHistorySummary[]; problem: string | null };
  'history.get': { record: RunRecord | null };
  'secrets.list': { secrets: SecretState[] };
  'secrets.set': { ok: true };
  'secrets.clear': { ok: true };
}

export type HostResponse<T extends HostRequest['type']> = HostResponses[T];

/** A request the host refused or failed: the message names what is wrong. */
export interface HostError {
  error: { message: string };
}

/** Commands the native menu (or a keyboard shortcut in the browser) sends to the renderer. */
export const MENU_COMMANDS = [
  'file.new',
  'file.open',
  'file.save',
  'file.saveAs',
  'file.close',
  'edit.undo',
  'edit.redo',
  'edit.cut',
  'edit.copy',
  'edit.paste',
  'edit.duplicate',
  'edit.delete',
  'edit.selectAll',
  'view.zoomIn',
  'view.zoomOut',
  'view.fit',
  'view.theme',
  'run.run',
  'run.stop',
  'help.examples',
  'help.about',
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

/** Events the host pushes. State events come in batches of about one animation frame (16 ms). */
export type HostEvent =
  /**
   * One frame of a run: its state events since the last frame (every one exactly once, in order;
   * all frames together equal report.events), the last holder change in the frame (null: none),
   * slow-step warnings, and the loop's time when the frame was sent (`now`, seconds from the run's
   * start; real and slow clocks send a frame with no states at least every 100 ms to keep it moving).
   * In browser mode every page hears every run; follow your runId.
   */
  | {
      type: 'run.events';
      runId: string;
      states: StateEvent[];
      holder: HolderEvent | null;
      warnings: SlowStepWarning[];
      /** Failed tries that nodes' retries caught since the last frame (absent: none). */
      retries?: RetryEvent[];
      now: number;
    }
  /** The run's end; comes after its last run.events frame. */
  | { type: 'run.ended'; runId: string; report: RunReport }
  | { type: 'menu.command'; command: MenuCommand }
  | { type: 'file.openRequested'; path: string }
  /**
   * A watched workflow file (file.watch) changed on disk, by someone other than this app's own
   * save: its content differs from what the app last read or wrote ('changed'), or it is gone
   * ('deleted'). Once per change; in browser mode every page hears it, so follow your path.
   */
  | { type: 'file.changedOnDisk'; path: string; change: 'changed' | 'deleted' };

export type { EndedReport, NodeOutcome } from './ended-report';

/** What the app's page hears from the host: HostEvent, with run.ended's report as EndedReport. */
export type AppEvent =
  Exclude<HostEvent, { type: 'run.ended' }> | { type: 'run.ended'; runId: string; report: EndedReport };

/** The form a host event crosses to the page in (Electron IPC or the browser bridge). */
export function toAppEvent(event: HostEvent): AppEvent {
  if (event.type !== 'run.ended') return event;
  return { type: 'run.ended', runId: event.runId, report: compactReport(event.report) };
}

/** The one API the renderer talks to; Electron's preload and the browser bridge both provide it. */
export interface HostApi {
  request<T extends HostRequest['type']>(
    request: Extract<HostRequest, { type: T }>,
  ): Promise<HostResponse<T>>;
  /** Subscribes to host events; returns the unsubscribe function. */
  onEvent(listener: (event: AppEvent) => void): () => void;
  /**
   * Electron only: tells the shell whether the document has unsaved changes, so that closing the
   * window asks first. Absent in the browser mode, where the page asks through beforeunload.
   */
  setDirty?(dirty: boolean): void;
}

/** The WebSocket bridge's frames (browser mode). */
export type BridgeClientFrame = { id: number; request: HostRequest };
export type BridgeServerFrame =
  { id: number; response: unknown } | { id: number; error: { message: string } } | { event: AppEvent };
