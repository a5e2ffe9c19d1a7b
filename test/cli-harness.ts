/** Runs the CLI in this process with captured output, and as a real child process. */
import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { main, type CliIO } from '../cli/main';

export interface CliOutcome {
  status: number;
  stdout: string;
  stderr: string;
}

function collector(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

/** `stdin` is what standard input holds (for `-` as FILE); empty by default. */
export async function runCliInProcess(argv: string[], stdin: string | Buffer = ''): Promise<CliOutcome> {
  const out = collector();
  const err = collector();
  const signals = new EventEmitter();
  const io: CliIO = {
    stdout: out.stream,
    stderr: err.stream,
    stdin: Readable.from(stdin.length === 0 ? [] : [Buffer.from(stdin)]),
    env: { NO_COLOR: '1' },
    signals: signals as unknown as CliIO['signals'],
  };
  const status = await main(argv, io);
  await new Promise((resolve) => setImmediate(resolve));
  return { status, stdout: out.text(), stderr: err.text() };
}

export const BIN = fileURLToPath(new URL('../bin/flowloop.mjs', import.meta.url));

export interface CliProcess {
  outcome: Promise<CliOutcome>;
  kill(signal: NodeJS.Signals): void;
  /** Resolves once stdout or stderr has printed `text`. */
  printed(text: string): Promise<void>;
  /** What stdout has printed so far. */
  stdout(): Promise<string>;
}

export interface CliProcessOptions {
  env?: NodeJS.ProcessEnv;
  /** Written to the child's standard input, which is then closed; by default it is left open. */
  stdin?: string;
}

export function runCliProcess(argv: string[], options: CliProcessOptions = {}): CliProcess {
  const child = spawn(process.execPath, [BIN, ...argv], {
    env: { ...process.env, NO_COLOR: '1', ...options.env },
  });
  if (options.stdin !== undefined) child.stdin.end(options.stdin);
  let stdout = '';
  let stderr = '';
  const waiters: { text: string; resolve: () => void }[] = [];
  const check = (): void => {
    for (const w of [...waiters]) {
      if (stdout.includes(w.text) || stderr.includes(w.text)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  };
  child.stdout.on('data', (d: Buffer) => ((stdout += d.toString()), check()));
  child.stderr.on('data', (d: Buffer) => ((stderr += d.toString()), check()));
  const outcome = new Promise<CliOutcome>((resolve) => {
    child.on('close', (code) => resolve({ status: code ?? -1, stdout, stderr }));
  });
  return {
    outcome,
    kill: (signal) => child.kill(signal),
    stdout: () => Promise.resolve(stdout),
    printed: (text) =>
      new Promise<void>((resolve) => {
        waiters.push({ text, resolve });
        check();
      }),
  };
}
