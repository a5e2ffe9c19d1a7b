import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../shared/runtime/types';
import { runCliInProcess, runCliProcess } from '../test/cli-harness';

const fixture = (name: string): string =>
  fileURLToPath(new URL(`../test/fixtures/cli/${name}`, import.meta.url));
const NO_STACK = /\n\s+at |Error: .*\n.*node:internal/;

describe('flowloop run', () => {
  it('prints the --json report of docs/run-report.md and exits 0 when the run is done', async () => {
    const { status, stdout } = await runCliInProcess([
      'run',
      fixture('sleeps.flow.json'),
      '--clock',
      'virtual',
      '--json',
    ]);
    expect(status).toBe(0);
    const report = JSON.parse(stdout) as RunReport;
    expect(report.status).toBe('done');
    expect(report.result).toEqual(['q', 's']);
    expect(report.error).toBeNull();
    expect(report.nodes.slow).toEqual({
      state: 'done',
      result: 's',
      error: null,
      createdAt: 0,
      startedAt: 0,
      endedAt: 3,
    });
    expect(report.events[0]).toEqual({ seq: 0, t: 0, node: 'both', state: 'pending' });
  });

  it("takes the workflow's inputs from --input NAME=JSON, the others from their defaults", async () => {
    const run = (...extra: string[]) =>
      runCliInProcess(['run', fixture('inputs.flow.json'), '--clock', 'virtual', '--json', ...extra]);
    const given = await run('--input', 'user={"name":"ada"}');
    expect(given.status).toBe(0);
    expect((JSON.parse(given.stdout) as RunReport).result).toEqual([{ name: 'ada' }, 2]);
    const both = await run('--input=user="bob"', '--input', 'times=5');
    expect((JSON.parse(both.stdout) as RunReport).result).toEqual(['bob', 5]);
    // Refused before anything runs, each saying what is wrong and how to give it.
    const missing = await run();
    expect(missing).toMatchObject({ status: 2, stdout: '' });
    expect(missing.stderr).toBe(
      'flowloop: input user has no default and no value was given: give --input user=JSON\n',
    );
    const unknown = await run('--input', 'user=1', '--input', 'usr=2');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('"usr" is not an input of this workflow: its inputs are user, times');
    const notJson = await run('--input', 'user=bob');
    expect(notJson.status).toBe(2);
    expect(notJson.stderr).toContain(
      `--input user: 'bob' is not JSON (a string is written in quotes: --input 'user="bob"')`,
    );
    const twice = await run('--input', 'user=1', '--input', 'user=2');
    expect(twice.stderr).toContain('--input user is given twice');
    expect((await run('--input', '=1')).stderr).toContain("--input needs NAME=JSON with NAME an input's id");
    for (const output of [missing, unknown, notJson, twice]) expect(output.stderr).not.toMatch(NO_STACK);
  });

  it('exits 1 with the error when the run fails', async () => {
    const { status, stdout } = await runCliInProcess([
      'run',
      fixture('fails.flow.json'),
      '--clock=virtual',
      '--json',
    ]);
    expect(status).toBe(1);
    const report = JSON.parse(stdout) as RunReport;
    expect(report).toMatchObject({ status: 'failed', error: { type: 'ValueError', message: 'no good' } });
    expect(report.nodes.boom!.endedAt).toBe(0.5);
  });

  it('--deadline cancels the main task as a stop would: status cancelled, exit 1', async () => {
    const { status, stdout } = await runCliInProcess([
      'run',
      fixture('sleeps.flow.json'),
      '--clock',
      'virtual',
      '--deadline',
      '2',
      '--json',
    ]);
    expect(status).toBe(1);
    const report = JSON.parse(stdout) as RunReport;
    expect(report.status).toBe('cancelled');
    expect(report.nodes.quick!.state).toBe('done');
    expect(report.nodes.slow).toMatchObject({ state: 'cancelled', endedAt: 2 });
  });

  it('shows readable progress without --json when the output is not a terminal', async () => {
    const { status, stdout } = await runCliInProcess([
      'run',
      fixture('sleeps.flow.json'),
      '--clock',
      'virtual',
    ]);
    expect(status).toBe(0);
    expect(stdout).toContain('flowloop run sleeps (clock: virtual)');
    expect(stdout).toMatch(/3\.000s {2}✔ slow done/);
    expect(stdout).toContain('✔ done at t = 3.000s · result: ["q","s"]');
  });

  it('refuses a broken file before running anything: every problem, exit 2, no stack trace', async () => {
    const { status, stdout, stderr } = await runCliInProcess(['run', fixture('broken.flow.json'), '--json']);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    const lines = stderr.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(5);
    expect(stderr).toContain('nap');
    expect(stderr).toContain('teleport');
    expect(stderr).toContain('ghost');
    expect(stderr).not.toMatch(NO_STACK);
  });

  it('says plainly when the file cannot be read (exit 2)', async () => {
    const { status, stderr } = await runCliInProcess(['run', '/nonexistent/x.flow.json']);
    expect(status).toBe(2);
    expect(stderr).toBe('flowloop: cannot read /nonexistent/x.flow.json: no such file\n');
  });

  it('answers bad usage with the usage text and exit 2', async () => {
    for (const argv of [
      [],
      ['fly'],
      ['run'],
      ['run', 'a', 'b'],
      ['run', 'a', '--clock', 'fast'],
      ['run', 'a', '--deadline', '-1'],
      ['validate', 'a', '--clock', 'real'],
      ['export', 'a'],
    ]) {
      const { status, stderr } = await runCliInProcess(argv);
      expect(status, argv.join(' ')).toBe(2);
      expect(stderr).toContain('Usage:');
    }
  });

  it('stops a real-clock run on SIGINT: the main task is cancelled, exit 1', async () => {
    const cli = runCliProcess(['run', fixture('long.flow.json')]);
    // The CLI compiles its sources on start (slowly on a busy machine): interrupt once the run is under way.
    await cli.printed('forever running');
    cli.kill('SIGINT');
    const { status, stdout, stderr } = await cli.outcome;
    expect(status).toBe(1);
    expect(stderr).toContain('stopping the run');
    expect(stdout).toMatch(/⊘ forever cancelled\n⊘ cancelled at t = /);
  });

  it('runs as a real process through the bin entry', async () => {
    const { status, stdout } = await runCliProcess([
      'run',
      fixture('sleeps.flow.json'),
      '--clock',
      'virtual',
      '--json',
    ]).outcome;
    expect(status).toBe(0);
    expect((JSON.parse(stdout) as RunReport).result).toEqual(['q', 's']);
  });

  it('stops a transform stuck in one long native call at the time limit, and the process exits', async () => {
    // One quadratic indexOf: minutes in QuickJS, where the interrupt is never consulted. The
    // worker sandbox terminates it at the 5 s limit (plus a grace); the run goes on.
    const started = performance.now();
    const { status, stdout } = await runCliProcess([
      'run',
      fixture('native-overrun.flow.json'),
      '--clock',
      'virtual',
      '--json',
    ]).outcome;
    expect(performance.now() - started).toBeLessThan(30_000);
    expect(status).toBe(0);
    const report = JSON.parse(stdout) as RunReport;
    expect(report.nodes.overrun).toMatchObject({
      state: 'failed',
      error: { type: 'TransformError', message: 'transform ran longer than its time limit of 5000 ms' },
    });
    expect(report.result).toEqual([{ error: report.nodes.overrun!.error }, 'slept!']);
  });
});

describe('flowloop validate', () => {
  it('says ok and exits 0 for a valid file', async () => {
    expect(await runCliInProcess(['validate', fixture('sleeps.flow.json')])).toMatchObject({
      status: 0,
      stdout: expect.stringContaining(': ok'),
    });
  });

  it('prints every problem and exits 1', async () => {
    const { status, stderr } = await runCliInProcess(['validate', fixture('broken.flow.json')]);
    expect(status).toBe(1);
    expect(stderr).toMatch(/\d+ problems in /);
  });

  it('--json gives the problems as data', async () => {
    const { status, stdout } = await runCliInProcess(['validate', fixture('broken.flow.json'), '--json']);
    expect(status).toBe(1);
    const parsed = JSON.parse(stdout) as { ok: boolean; problems: { code: string }[] };
    expect(parsed.ok).toBe(false);
    expect(new Set(parsed.problems.map((p) => p.code))).toEqual(
      expect.objectContaining({ size: expect.any(Number) }),
    );
    expect(parsed.problems.map((p) => p.code)).toEqual(
      expect.arrayContaining(['duplicate-id', 'unknown-kind', 'dangling-edge', 'bad-params']),
    );
  });
});

describe('FILE as - (standard input)', () => {
  it('validate - reads the workflow from standard input and names it <stdin>', async () => {
    const text = await readFile(fixture('sleeps.flow.json'));
    expect(await runCliInProcess(['validate', '-'], text)).toEqual({
      status: 0,
      stdout: '<stdin>: ok\n',
      stderr: '',
    });
    const broken = await runCliInProcess(['validate', '-'], await readFile(fixture('broken.flow.json')));
    expect(broken.status).toBe(1);
    expect(broken.stderr).toMatch(/^<stdin>: /);
    expect(broken.stderr).toMatch(/\d+ problems in <stdin>\n$/);
  });

  it('run - runs it, in a real process with the workflow piped in', async () => {
    const text = await readFile(fixture('sleeps.flow.json'), 'utf8');
    const { status, stdout } = await runCliProcess(['run', '-', '--clock', 'virtual', '--json'], {
      stdin: text,
    }).outcome;
    expect(status).toBe(0);
    expect((JSON.parse(stdout) as RunReport).result).toEqual(['q', 's']);
  });

  it('export - writes the export of what came in', async () => {
    const { status, stdout } = await runCliInProcess(
      ['export', '-', '--to', 'python'],
      await readFile(fixture('sleeps.flow.json')),
    );
    expect(status).toBe(0);
    expect(stdout).toContain('async def slow():');
  });

  it('an empty standard input is bad input, named as such', async () => {
    const { status, stderr } = await runCliInProcess(['run', '-', '--json']);
    expect(status).toBe(2);
    expect(stderr).toMatch(/^<stdin>: /);
  });
});

describe('inputs that are not workflow files', () => {
  it.skipIf(process.platform === 'win32')(
    'refuses a device and a FIFO at once, without reading or waiting',
    async () => {
      expect(await runCliInProcess(['validate', '/dev/zero'])).toEqual({
        status: 2,
        stdout: '',
        stderr: 'flowloop: cannot read /dev/zero: it is not a regular file\n',
      });
      const dir = await mkdtemp(join(tmpdir(), 'flowloop-fifo-'));
      const fifo = join(dir, 'pipe.flow.json');
      expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
      // No writer ever opens the FIFO: a read would wait forever.
      expect(await runCliProcess(['run', fifo]).outcome).toMatchObject({
        status: 2,
        stderr: `flowloop: cannot read ${fifo}: it is not a regular file\n`,
      });
    },
  );

  it('refuses a folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'flowloop-folder-'));
    expect(await runCliInProcess(['validate', dir])).toMatchObject({
      status: 2,
      stderr: `flowloop: cannot read ${dir}: it is a directory\n`,
    });
  });
});

describe('flowloop export', () => {
  it('writes the file with -o, and re-exporting gives the same bytes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'flowloop-export-'));
    const out = join(dir, 'sleeps.py');
    expect(
      (await runCliInProcess(['export', fixture('sleeps.flow.json'), '--to', 'python', '-o', out])).status,
    ).toBe(0);
    const first = await readFile(out, 'utf8');
    expect(first).toContain('async def slow():');
    expect(
      (await runCliInProcess(['export', fixture('sleeps.flow.json'), '--to', 'python', '-o', out])).status,
    ).toBe(0);
    expect(await readFile(out, 'utf8')).toBe(first);
    expect(await readdir(dir)).toEqual(['sleeps.py']); // no temporary file left behind
  });

  it('writes no file for an invalid graph and exits 2 with the validator’s messages', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'flowloop-export-'));
    const out = join(dir, 'broken.py');
    const { status, stderr } = await runCliInProcess([
      'export',
      fixture('broken.flow.json'),
      '--to',
      'python',
      '-o',
      out,
    ]);
    expect(status).toBe(2);
    expect(stderr).toContain('teleport');
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses a JavaScript transform for Python, naming the node, and leaves an existing file untouched', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'flowloop-export-'));
    const graph = join(dir, 'js.flow.json');
    await writeFile(
      graph,
      JSON.stringify({
        format: 'flowloop.graph/2',
        nodes: [{ id: 'double_it', kind: 'transform', params: { code: 'input * 2' } }],
        edges: [],
      }),
    );
    const out = join(dir, 'js.py');
    await writeFile(out, 'previous contents');
    const { status, stderr } = await runCliInProcess(['export', graph, '--to', 'python', '-o', out]);
    expect(status).toBe(2);
    expect(stderr).toContain('double_it');
    expect(await readFile(out, 'utf8')).toBe('previous contents');
  });
});
