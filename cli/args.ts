/** The command line of docs/command-line.md, parsed without side effects so it can be tested. */
import type { JsonValue } from '../shared/graph/json-value';
import type { ClockKind } from '../shared/loop';

export type Command =
  | {
      kind: 'run';
      file: string;
      clock: ClockKind;
      json: boolean;
      deadline: number | null;
      /** --input NAME=JSON, by name. */
      inputs: Record<string, JsonValue>;
    }
  | { kind: 'validate'; file: string; json: boolean }
  | { kind: 'export'; file: string; to: 'python' | 'typescript'; out: string | null }
  | { kind: 'web'; file: string | null; port: number; clock: ClockKind }
  | { kind: 'help' }
  | { kind: 'version' };

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const USAGE = `Usage:
  flowloop run FILE [--clock real|virtual] [--json] [--deadline SECONDS]
                    [--input NAME=JSON ...]
  flowloop validate FILE [--json]
  flowloop export FILE --to python|typescript [-o OUT]
  flowloop web [FILE] [--port N] [--clock real|virtual]
  flowloop --help | --version

FILE - reads the workflow from standard input.

Exit status: 0 the run finished with a result, 1 it failed or was cancelled
(validate: problems found), 2 bad input or usage.`;

interface Flags {
  positional: string[];
  values: Map<string, string>;
  switches: Set<string>;
  /** --input, which may be given many times. */
  inputs: string[];
}

const VALUE_FLAGS = new Set(['--clock', '--deadline', '--to', '-o', '--out', '--port']);
const SWITCHES = new Set(['--json', '--help', '-h', '--version']);

function splitFlags(argv: readonly string[]): Flags {
  const flags: Flags = { positional: [], values: new Map(), switches: new Set(), inputs: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      flags.positional.push(...argv.slice(i + 1));
      break;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (name === '--input') {
      const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined) throw new UsageError('--input needs NAME=JSON');
      flags.inputs.push(value);
    } else if (VALUE_FLAGS.has(name)) {
      const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined) throw new UsageError(`${name} needs a value`);
      flags.values.set(name === '--out' ? '-o' : name, value);
    } else if (SWITCHES.has(arg)) {
      flags.switches.add(arg === '-h' ? '--help' : arg);
    } else if (arg.startsWith('-') && arg !== '-') {
      throw new UsageError(`unknown option ${arg}`);
    } else {
      flags.positional.push(arg);
    }
  }
  return flags;
}

function onlyAllowed(flags: Flags, command: string, allowed: readonly string[]): void {
  const given = [...flags.values.keys(), ...flags.switches, ...(flags.inputs.length > 0 ? ['--input'] : [])];
  for (const name of given) {
    if (!allowed.includes(name)) throw new UsageError(`${name} does not apply to '${command}'`);
  }
}

function oneFile(flags: Flags, command: string): string {
  const [file, ...extra] = flags.positional.slice(1);
  if (file === undefined) throw new UsageError(`'${command}' needs a FILE`);
  if (extra.length > 0) throw new UsageError(`unexpected argument ${extra[0]}`);
  return file;
}

/** `--input NAME=JSON` values, by name: each NAME once, each value JSON. */
function parseInputs(texts: readonly string[]): Record<string, JsonValue> {
  const inputs: Record<string, JsonValue> = {};
  for (const text of texts) {
    const eq = text.indexOf('=');
    const name = eq > 0 ? text.slice(0, eq) : '';
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
      throw new UsageError(`--input needs NAME=JSON with NAME an input's id, not '${text}'`);
    if (Object.hasOwn(inputs, name)) throw new UsageError(`--input ${name} is given twice`);
    const json = text.slice(eq + 1);
    try {
      inputs[name] = JSON.parse(json) as JsonValue;
    } catch {
      const hint = /^[A-Za-z]/.test(json.trim())
        ? ` (a string is written in quotes: --input '${name}="${json}"')`
        : '';
      throw new UsageError(`--input ${name}: '${json}' is not JSON${hint}`);
    }
  }
  return inputs;
}

export function parseArgs(argv: readonly string[]): Command {
  const flags = splitFlags(argv);
  if (flags.switches.has('--help')) return { kind: 'help' };
  if (flags.switches.has('--version')) return { kind: 'version' };
  const command = flags.positional[0];
  switch (command) {
    case 'run': {
      onlyAllowed(flags, command, ['--clock', '--json', '--deadline', '--input']);
      const clock = flags.values.get('--clock') ?? 'real';
      if (clock !== 'real' && clock !== 'virtual')
        throw new UsageError(`--clock must be real or virtual, not '${clock}'`);
      const deadlineText = flags.values.get('--deadline');
      let deadline: number | null = null;
      if (deadlineText !== undefined) {
        deadline = Number(deadlineText);
        if (deadlineText.trim() === '' || !Number.isFinite(deadline) || deadline < 0) {
          throw new UsageError(`--deadline must be a number of seconds >= 0, not '${deadlineText}'`);
        }
      }
      return {
        kind: 'run',
        file: oneFile(flags, command),
        clock,
        json: flags.switches.has('--json'),
        deadline,
        inputs: parseInputs(flags.inputs),
      };
    }
    case 'validate':
      onlyAllowed(flags, command, ['--json']);
      return { kind: 'validate', file: oneFile(flags, command), json: flags.switches.has('--json') };
    case 'export': {
      onlyAllowed(flags, command, ['--to', '-o']);
      const to = flags.values.get('--to');
      if (to === undefined) throw new UsageError("'export' needs --to python or --to typescript");
      if (to !== 'python' && to !== 'typescript')
        throw new UsageError(`--to must be python or typescript, not '${to}'`);
      return { kind: 'export', file: oneFile(flags, command), to, out: flags.values.get('-o') ?? null };
    }
    case 'web': {
      onlyAllowed(flags, command, ['--clock', '--port']);
      const [file, ...extra] = flags.positional.slice(1);
      if (extra.length > 0) throw new UsageError(`unexpected argument ${extra[0]}`);
      const clock = flags.values.get('--clock') ?? 'real';
      if (clock !== 'real' && clock !== 'virtual')
        throw new UsageError(`--clock must be real or virtual, not '${clock}'`);
      const portText = flags.values.get('--port') ?? '0';
      const port = Number(portText);
      if (!/^\d+$/.test(portText) || port > 65535)
        throw new UsageError(`--port must be a port number 0-65535, not '${portText}'`);
      return { kind: 'web', file: file ?? null, port, clock };
    }
    case undefined:
      throw new UsageError('no command given');
    default:
      throw new UsageError(`unknown command '${command}'`);
  }
}
