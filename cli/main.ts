/**
 * `flowloop run | validate | export` (docs/command-line.md). Returns the exit status; never prints a stack trace.
 * Only the argument parser is loaded up front: every command loads what it needs, so that
 * `--version` and `--help` answer as fast as Node starts.
 */
import type { Graph, Problem } from '../shared/graph';
import type { LoadResult } from '../host/workflow-file';
import { inputProblems } from '../shared/graph/inputs';
import { parseArgs, UsageError, USAGE, type Command } from './args';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_BAD_INPUT = 2;

export interface CliIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number; rows?: number };
  stderr: NodeJS.WritableStream;
  /** Where `-` as FILE reads the workflow from. */
  stdin: AsyncIterable<Buffer | string>;
  env: NodeJS.ProcessEnv;
  /** Where SIGINT/SIGTERM are listened to; the test harness may pass its own emitter. */
  signals: Pick<NodeJS.Process, 'on' | 'off'>;
}

const defaultIO = (): CliIO => ({
  stdout: process.stdout,
  stderr: process.stderr,
  // Made only when read (for `-` as FILE): making process.stdin opens it (a few ms at start-up).
  get stdin() {
    return process.stdin;
  },
  env: process.env,
  signals: process,
});

export async function main(argv: readonly string[], io: CliIO = defaultIO()): Promise<number> {
  let command: Command;
  try {
    command = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`flowloop: ${error.message}\n\n${USAGE}\n`);
    return EXIT_BAD_INPUT;
  }
  try {
    switch (command.kind) {
      case 'help':
        io.stdout.write(`${USAGE}\n`);
        return EXIT_OK;
      case 'version':
        io.stdout.write(`flowloop ${(await import('../host/app-root')).appVersion()}\n`);
        return EXIT_OK;
      case 'validate':
        return await validateCommand(command, io);
      case 'run':
        return await runCommand(command, io);
      case 'export':
        return await exportCommand(command, io);
      case 'web': {
        // Loaded on demand: the server and the host service are not needed by the other commands.
        const { webCommand } = await import('./web-command');
        return await webCommand(command, io);
      }
    }
  } catch (error) {
    io.stderr.write(
      `flowloop: internal error: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}\n`,
    );
    return EXIT_FAILED;
  }
}

function printProblems(io: CliIO, file: string, problems: readonly Problem[]): void {
  for (const problem of problems) io.stderr.write(`${file}: ${problem.message}\n`);
  io.stderr.write(`${problems.length} problem${problems.length === 1 ? '' : 's'} in ${file}\n`);
}

/** FILE as the CLI names it: `-` is standard input. */
function displayName(file: string): string {
  return file === '-' ? '<stdin>' : file;
}

/** The workflow named by FILE, read from the file or, for `-`, from standard input. */
async function load(file: string, io: CliIO): Promise<LoadResult> {
  const { loadWorkflowFile, loadWorkflowStream } = await import('../host/workflow-file');
  return file === '-' ? loadWorkflowStream(io.stdin) : loadWorkflowFile(file);
}

/** The file's graph, or null after saying why there is none (a file that cannot run is bad input). */
async function loadOrReport(file: string, io: CliIO): Promise<Graph | null> {
  const loaded = await load(file, io);
  if (loaded.ok) return loaded.graph;
  if (loaded.reason === 'unreadable') io.stderr.write(`flowloop: ${loaded.message}\n`);
  else printProblems(io, displayName(file), loaded.problems);
  return null;
}

async function validateCommand(command: Extract<Command, { kind: 'validate' }>, io: CliIO): Promise<number> {
  const loaded = await load(command.file, io);
  if (!loaded.ok && loaded.reason === 'unreadable') {
    io.stderr.write(`flowloop: ${loaded.message}\n`);
    return EXIT_BAD_INPUT;
  }
  const problems = loaded.ok ? [] : loaded.problems;
  if (command.json) {
    io.stdout.write(`${JSON.stringify({ ok: problems.length === 0, problems }, null, 2)}\n`);
  } else if (problems.length === 0) {
    io.stdout.write(`${displayName(command.file)}: ok\n`);
  } else {
    printProblems(io, displayName(command.file), problems);
  }
  return problems.length === 0 ? EXIT_OK : EXIT_FAILED;
}

async function runCommand(command: Extract<Command, { kind: 'run' }>, io: CliIO): Promise<number> {
  const loaded = await loadOrReport(command.file, io);
  if (loaded === null) return EXIT_BAD_INPUT;
  // The run, and what shows it: the JSON writer for --json, else the progress view.
  const [hostedRun, output] = await Promise.all([
    import('../host/hosted-run'),
    command.json ? import('../shared/protocol/report-json') : import('./progress-view'),
  ]);
  const graph = loaded;
  const wrongInputs = inputProblems(graph, command.inputs, (name) => `--input ${name}=JSON`);
  if (wrongInputs.length > 0) {
    for (const problem of wrongInputs) io.stderr.write(`flowloop: ${problem}\n`);
    return EXIT_BAD_INPUT;
  }
  const view =
    'ProgressView' in output
      ? new output.ProgressView(io.stdout, graph, {
          clock: command.clock,
          colour: io.stdout.isTTY === true && io.env.NO_COLOR === undefined,
        })
      : null;
  const { startHostedRun, environmentLookup } = hostedRun;
  const run = startHostedRun(graph, {
    clock: command.clock,
    deadline: command.deadline,
    inputs: command.inputs,
    // {env.NAME} placeholders read this process's environment.
    env: environmentLookup(io.env),
    listener:
      view === null
        ? {}
        : {
            state: (e) => view.state(e),
            holder: (e) => view.holderChanged(e),
            slowStep: (w) => view.slowStep(w),
            retry: (r) => view.retry(r),
          },
  });
  let interrupts = 0;
  const onSignal = (): void => {
    interrupts++;
    if (interrupts === 1) {
      io.stderr.write('\nflowloop: stopping the run (interrupt again to quit at once)\n');
      run.stop();
    } else {
      process.exit(130);
    }
  };
  io.signals.on('SIGINT', onSignal);
  io.signals.on('SIGTERM', onSignal);
  view?.start();
  try {
    const report = await run.report;
    if (view !== null) view.finish(report);
    else if ('reportJsonChunks' in output) {
      // In pieces, one node and one event per line: never the whole report as one string.
      for (const chunk of output.reportJsonChunks(report)) io.stdout.write(chunk);
    }
    return report.status === 'done' ? EXIT_OK : EXIT_FAILED;
  } finally {
    io.signals.off('SIGINT', onSignal);
    io.signals.off('SIGTERM', onSignal);
  }
}

async function exportCommand(command: Extract<Command, { kind: 'export' }>, io: CliIO): Promise<number> {
  const loaded = await loadOrReport(command.file, io);
  if (loaded === null) return EXIT_BAD_INPUT;
  const { exportWorkflow } = await import('../shared/codegen');
  const { writeFileAtomic } = await import('../host/atomic-write');
  const exported = exportWorkflow(loaded, command.to);
  if (!exported.ok) {
    for (const problem of exported.problems) io.stderr.write(`flowloop: ${problem}\n`);
    return EXIT_BAD_INPUT;
  }
  if (command.out === null) {
    io.stdout.write(exported.code);
    return EXIT_OK;
  }
  try {
    await writeFileAtomic(command.out, exported.code);
  } catch (error) {
    io.stderr.write(`flowloop: cannot write ${command.out}: ${(error as Error).message}\n`);
    return EXIT_BAD_INPUT;
  }
  io.stderr.write(`wrote ${command.out}\n`);
  return EXIT_OK;
}
