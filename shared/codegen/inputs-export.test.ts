/**
 * A workflow's inputs in the exports: the Python program (argparse) and the TypeScript program (the
 * runtime's readInputs) read `--NAME JSON` from their command line, take defaults for the rest, and
 * refuse a missing or malformed input before running, as `flowloop run --input` does. Each run is
 * compared with the engine given the same values.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../graph/json-value';
import { parseGraph } from '../graph/parse';
import type { Graph } from '../graph/types';
import { runWorkflow } from '../runtime/run';
import { PYTHON } from '../../test/oracle/oracle';
import { runProcess } from '../../test/run-process';
import { exportPython } from './python';
import { exportTypeScript } from './typescript';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX = join(ROOT, 'node_modules/tsx/dist/cli.mjs');
const parsed = parseGraph(readFileSync(join(ROOT, 'test/fixtures/cli/inputs.flow.json'), 'utf8'));
if (!parsed.ok) throw new Error('the inputs fixture does not parse');
const graph: Graph = parsed.graph;

const folder = mkdtempSync(join(tmpdir(), 'flowloop-inputs-'));
function written(name: string, result: ReturnType<typeof exportPython>): string {
  if (!result.ok) throw new Error(result.problems.join('; '));
  const path = join(folder, name);
  writeFileSync(path, result.code);
  return path;
}
const pythonFile = written('inputs.py', exportPython(graph));
const typescriptFile = written('inputs.ts', exportTypeScript(graph));

const programs = {
  python: (args: string[]) => runProcess(PYTHON, [pythonFile, ...args], { cwd: folder }),
  typescript: (args: string[]) =>
    runProcess(process.execPath, [TSX, typescriptFile, ...args], { cwd: folder }),
};

async function engine(inputs: Record<string, JsonValue>): Promise<JsonValue> {
  const report = await runWorkflow(graph, { clock: 'virtual', inputs });
  return report.result;
}

describe.each(Object.entries(programs))('the %s export', (_language, program) => {
  it('takes --NAME JSON for each input, the defaults for the rest, and gives what the engine gives', async () => {
    const cases: [string[], Record<string, JsonValue>][] = [
      [['--user', '{"name": "ada"}'], { user: { name: 'ada' } }],
      [['--user', '"bob"', '--times', '5'], { user: 'bob', times: 5 }],
      [['--user=null'], { user: null }],
    ];
    for (const [args, inputs] of cases) {
      const out = await program(args);
      expect(out.stderr, args.join(' ')).toBe('');
      expect(out.code).toBe(0);
      expect(JSON.parse(out.stdout)).toEqual(await engine(inputs));
    }
  }, 60_000);

  it('refuses a missing required input and a value that is not JSON before running, with status 2', async () => {
    const missing = await program([]);
    expect(missing.code).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toMatch(/required: --user/);
    const notJson = await program(['--user', 'bob']);
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toMatch(/argument --user: invalid/);
    const unknown = await program(['--user', '1', '--usr', '2']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unrecognized arguments?: --usr/);
  }, 60_000);

  it('lists its inputs with --help', async () => {
    const help = await program(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--user JSON/);
    expect(help.stdout).toMatch(/who to greet/);
    expect(help.stdout).toMatch(/--times JSON/);
  }, 60_000);
});
