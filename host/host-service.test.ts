import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { homedir, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createHostService, HostRequestError, type HostService } from './host-service';
import type { HostEvent, RecoverableWork } from '../shared/protocol/messages';
import type { RunReport, StateEvent } from '../shared/runtime/types';

const SLEEPS = JSON.stringify({
  format: 'flowloop.graph/2',
  name: 'two sleeps',
  nodes: [
    { id: 'a', kind: 'sleep', params: { seconds: 1, result: 'a' }, position: { x: 0, y: 0 } },
    { id: 'b', kind: 'sleep', params: { seconds: 2, result: 'b' }, position: { x: 0, y: 100 } },
    { id: 'all', kind: 'gather', params: {}, position: { x: 200, y: 50 } },
  ],
  edges: [
    { source: 'a', target: 'all', input: 0 },
    { source: 'b', target: 'all', input: 1 },
  ],
});

const LONG_SLEEP = JSON.stringify({
  format: 'flowloop.graph/2',
  name: 'long',
  nodes: [{ id: 'nap', kind: 'sleep', params: { seconds: 3600 }, position: { x: 0, y: 0 } }],
  edges: [],
});

let dir: string;
let service: HostService;

function newService(): HostService {
  return createHostService({
    dataDir: join(dir, 'data'),
    initialFile: null,
    defaultClock: { kind: 'virtual' },
    shell: 'browser',
  });
}

/** Sends `request` (run.start or run.again) and waits for that run's end. */
async function runToEnd(request: object): Promise<{ runId: string; report: RunReport }> {
  let runId = '';
  const collected = collectRun(service, () => runId);
  runId = ((await service.handle(request)) as { runId: string }).runId;
  return { runId, report: (await collected).report };
}

function collectRun(
  s: HostService,
  runId: () => string,
): Promise<{ frames: Extract<HostEvent, { type: 'run.events' }>[]; report: RunReport }> {
  const frames: Extract<HostEvent, { type: 'run.events' }>[] = [];
  return new Promise((resolveRun) => {
    const off = s.onEvent((event) => {
      if (event.type === 'run.events' && event.runId === runId()) frames.push(event);
      if (event.type === 'run.ended' && event.runId === runId()) {
        off();
        resolveRun({ frames, report: event.report });
      }
    });
  });
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'flowloop-host-'));
  service = newService();
});
afterEach(async () => {
  await service.close();
  await chmod(dir, 0o755).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

describe('requests', () => {
  it('refuses a bad request with a message naming what is wrong', async () => {
    await expect(service.handle({ type: 'file.launch' })).rejects.toThrow(
      /unknown request type "file.launch"/,
    );
    await expect(service.handle('app.info')).rejects.toThrow(/must be an object/);
    await expect(service.handle({ type: 'file.save', path: '/tmp/x' })).rejects.toThrow(
      /bad 'file.save' request: text:/,
    );
    await expect(
      service.handle({ type: 'run.start', text: '{}', clock: { kind: 'slow', scale: 5 } }),
    ).rejects.toBeInstanceOf(HostRequestError);
  });

  it('answers app.info with the start-up facts', async () => {
    const info = await service.handle({ type: 'app.info' });
    expect(info).toMatchObject({ initialFile: null, defaultClock: { kind: 'virtual' }, shell: 'browser' });
  });

  it('has no file dialogs in browser mode', async () => {
    await expect(service.handle({ type: 'file.chooseOpen' })).rejects.toThrow(
      /not available in browser mode/,
    );
  });

  it('lists the examples with their names and descriptions', async () => {
    const { examples } = (await service.handle({ type: 'examples.list' })) as {
      examples: { id: string; name: string; description: string }[];
    };
    const race = examples.find((e) => e.id === 'race.flow.json');
    expect(race?.name).toBe('Race: the first answer wins');
    expect(race?.description).toMatch(/first to finish/);
  });
});

describe('files', () => {
  it('reads a valid file with its text and graph, and remembers it', async () => {
    const file = join(dir, 'w.flow.json');
    await writeFile(file, SLEEPS);
    const read = await service.handle({ type: 'file.read', path: file });
    expect(read).toMatchObject({ ok: true, path: file, text: SLEEPS });
    expect(await service.handle({ type: 'file.recent' })).toEqual({ paths: [file] });
  });

  it('refuses an unreadable file and an invalid one, with reasons', async () => {
    expect(await service.handle({ type: 'file.read', path: join(dir, 'missing.flow.json') })).toMatchObject({
      ok: false,
      reason: 'unreadable',
      message: expect.stringMatching(/no such file/) as unknown,
    });
    const bad = join(dir, 'bad.flow.json');
    await writeFile(bad, '{"format": "flowloop.graph/2", "nodes": [');
    const read = (await service.handle({ type: 'file.read', path: bad })) as {
      ok: boolean;
      reason: string;
      problems: unknown[];
    };
    expect(read.ok).toBe(false);
    expect(read.reason).toBe('invalid');
    expect(read.problems.length).toBeGreaterThan(0);
  });

  it('saves atomically: whole file, no temporary left', async () => {
    const file = join(dir, 'saved.flow.json');
    await service.handle({ type: 'file.save', path: file, text: SLEEPS });
    expect(await readFile(file, 'utf8')).toBe(SLEEPS);
    expect(await readdir(dir)).toEqual(['data', 'saved.flow.json']); // data: the recent list
  });

  it('a save that cannot be renamed into place fails cleanly and leaves no temporary file', async () => {
    const target = join(dir, 'taken.flow.json');
    await mkdir(target); // a folder where the file should go: the final rename fails
    await writeFile(join(target, 'inside'), 'kept');
    await expect(service.handle({ type: 'file.save', path: target, text: SLEEPS })).rejects.toThrow(
      /cannot save .*taken\.flow\.json/,
    );
    expect(await readdir(dir)).toEqual(['taken.flow.json']);
    expect(await readFile(join(target, 'inside'), 'utf8')).toBe('kept');
  });

  it('a save into a read-only folder fails cleanly and the old file stays', async () => {
    const folder = join(dir, 'locked');
    await mkdir(folder);
    const file = join(folder, 'w.flow.json');
    await writeFile(file, 'old contents');
    await chmod(folder, 0o555);
    try {
      // Root writes into read-only folders: there the save is made by a host running as nobody.
      const failure = process.getuid?.() === 0 ? await saveAsNobody(file) : await saveHere(file);
      expect(failure).toMatch(/cannot save .*permission denied/);
      expect(await readFile(file, 'utf8')).toBe('old contents');
      expect(await readdir(folder)).toEqual(['w.flow.json']);
    } finally {
      await chmod(folder, 0o755);
    }
  });

  it('keeps at most ten recent files, newest first, across restarts', async () => {
    for (let i = 0; i < 12; i++)
      await service.handle({ type: 'file.save', path: join(dir, `f${i}.flow.json`), text: '{}' });
    await service.handle({ type: 'file.save', path: join(dir, 'f5.flow.json'), text: '{}' });
    const { paths } = (await newService().handle({ type: 'file.recent' })) as { paths: string[] };
    expect(paths).toHaveLength(10);
    expect(paths[0]).toBe(join(dir, 'f5.flow.json'));
    expect(paths[1]).toBe(join(dir, 'f11.flow.json'));
    expect(paths.filter((p) => p.endsWith('f5.flow.json'))).toHaveLength(1);
  });
});

async function saveHere(file: string): Promise<string> {
  return service.handle({ type: 'file.save', path: file, text: SLEEPS }).then(
    () => 'saved',
    (error: unknown) => String(error),
  );
}

/** file.save by a host service in a process running as the user nobody (65534). */
async function saveAsNobody(file: string): Promise<string> {
  await chmod(dir, 0o755); // mkdtemp's folder is the owner's alone
  const data = join(dir, 'nobody-data');
  await mkdir(data, { mode: 0o777 });
  await chmod(data, 0o777);
  const hostService = pathToFileURL(fileURLToPath(new URL('./host-service.ts', import.meta.url))).href;
  const script = `
    const { createHostService } = await import(${JSON.stringify(hostService)});
    const service = createHostService({ dataDir: ${JSON.stringify(data)}, initialFile: null, defaultClock: { kind: 'virtual' }, shell: 'browser' });
    const outcome = await service.handle({ type: 'file.save', path: ${JSON.stringify(file)}, text: '{}' }).then(() => 'saved', (error) => String(error));
    process.stdout.write(outcome);
    await service.close();`;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    uid: 65534,
    gid: 65534,
    env: { ...process.env, HOME: dir },
    encoding: 'utf8',
  });
  if (child.status !== 0) throw new Error(`the host as nobody failed: ${child.stderr}`);
  return child.stdout;
}

describe('a page touches workflow files only', () => {
  const read = (path: string) =>
    service.handle({ type: 'file.read', path }) as Promise<Record<string, unknown>>;

  it('reads no file that is not named *.flow.json, and hands out none of its text', async () => {
    for (const path of [
      '/etc/passwd',
      '/proc/self/environ',
      join(dir, 'w.json'),
      '~/.bashrc',
      '../../etc/hostname',
    ]) {
      const answer = await read(path);
      expect(answer).toMatchObject({
        ok: false,
        reason: 'unreadable',
        message: expect.stringContaining('workflow files only'),
      });
      expect(answer).not.toHaveProperty('text');
    }
    expect(await service.handle({ type: 'file.recent' })).toEqual({ paths: [] });
  });

  it('hands out the text of a *.flow.json only when it is meant as a workflow, even through a link', async () => {
    const disguised = join(dir, 'passwd.flow.json');
    await symlink('/etc/passwd', disguised);
    const environ = join(dir, 'environ.flow.json');
    await symlink('/proc/self/environ', environ);
    const config = join(dir, 'config.flow.json');
    await writeFile(config, '{"token": "s3cret", "user": "ada"}');
    for (const path of [disguised, environ, config]) {
      const answer = await read(path);
      expect(answer).toMatchObject({
        ok: false,
        reason: 'unreadable',
        message: expect.stringContaining('is not a Flowloop workflow'),
      });
      expect(JSON.stringify(answer)).not.toMatch(/root:|s3cret|PATH=/);
    }
    const mendable = join(dir, 'mend.flow.json');
    await writeFile(mendable, '{"format": "flowloop.graph/2", "nodes": [{"id": "x", "kind": "teleport"}]}');
    expect(await read(mendable)).toMatchObject({
      ok: false,
      reason: 'invalid',
      text: expect.stringContaining('teleport'),
    });
    expect(await service.handle({ type: 'file.recent' })).toEqual({ paths: [mendable] });
  });

  it('saves only to *.flow.json paths, relative ones against the host’s folder and ~ as the home folder', async () => {
    for (const path of ['~/.bashrc', '../../etc/x', join(dir, 'notes.txt'), join(dir, 'w.flow.json.bak')]) {
      await expect(service.handle({ type: 'file.save', path, text: SLEEPS })).rejects.toThrow(
        /workflow files only/,
      );
    }
    expect((await readdir(dir)).sort()).toEqual([]);
    expect(
      await service.handle({ type: 'file.save', path: join(dir, 'ok.FLOW.JSON'), text: SLEEPS }),
    ).toEqual({ path: join(dir, 'ok.FLOW.JSON') });
    const tilde = (await service.handle({
      type: 'file.save',
      path: `~/${relative(homedir(), join(dir, 'home.flow.json'))}`,
      text: SLEEPS,
    })) as { path: string };
    expect(tilde.path).toBe(join(dir, 'home.flow.json'));
  });
});

describe('autosave', () => {
  it('writes, lists after a crash (a new service on the same data), and discards', async () => {
    await service.handle({ type: 'autosave.write', key: 'doc-1', path: null, text: SLEEPS });
    await service.handle({ type: 'autosave.write', key: 'doc-2', path: '/w/x.flow.json', text: '{"x":1}' });
    const recovered = newService(); // the first one "crashed": nothing was closed
    const { items } = (await recovered.handle({ type: 'autosave.list' })) as { items: RecoverableWork[] };
    expect(items.map((i) => i.key).sort()).toEqual(['doc-1', 'doc-2']);
    const one = items.find((i) => i.key === 'doc-1');
    expect(one).toMatchObject({ path: null, text: SLEEPS });
    expect(Number.isNaN(Date.parse(one?.savedAt ?? ''))).toBe(false);
    await recovered.handle({ type: 'autosave.discard', key: 'doc-1' });
    const after = (await recovered.handle({ type: 'autosave.list' })) as { items: RecoverableWork[] };
    expect(after.items.map((i) => i.key)).toEqual(['doc-2']);
    expect(await readdir(join(dir, 'data', 'autosave'))).toEqual(['doc-2.json']);
  });

  it('refuses keys that are not plain file names', async () => {
    await expect(
      service.handle({ type: 'autosave.write', key: '../escape', path: null, text: '' }),
    ).rejects.toThrow(/bad 'autosave.write' request: key: an autosave key/);
    await expect(service.handle({ type: 'autosave.discard', key: '.hidden' })).rejects.toThrow(
      /key: an autosave key .* does not start with '.'/,
    );
  });
});

describe('runs', () => {
  it('runs with the inputs it is given, refuses wrong ones before the run, and remembers them by document', async () => {
    const text = JSON.stringify({
      format: 'flowloop.graph/2',
      nodes: [
        { id: 'user', kind: 'input', params: {} },
        { id: 'limit', kind: 'input', params: { default: 3 } },
        { id: 'both', kind: 'sequence', params: {} },
      ],
      edges: [
        { source: 'user', target: 'both', input: 0 },
        { source: 'limit', target: 'both', input: 1 },
      ],
    });
    const document = { path: null, key: 'inputs-doc' };
    const clock = { kind: 'virtual' };
    expect(await service.handle({ type: 'inputs.last', document })).toEqual({ values: null });
    await expect(service.handle({ type: 'run.start', text, clock, document })).rejects.toThrow(
      'the run needs its inputs: input user has no default and no value was given: give a value for user',
    );
    await expect(
      service.handle({ type: 'run.start', text, clock, document, inputs: { user: 1, usr: 2 } }),
    ).rejects.toThrow('"usr" is not an input of this workflow: its inputs are user, limit');
    await expect(
      service.handle({ type: 'run.start', text, clock, document, inputs: { 'not a name': 1 } }),
    ).rejects.toThrow("inputs.not a name: is not an input name (an input node's id)");
    const first = await runToEnd({ type: 'run.start', text, clock, document, inputs: { user: 'ada' } });
    expect(first.report.result).toEqual(['ada', 3]);
    const again = await runToEnd({
      type: 'run.again',
      runId: first.runId,
      clock,
      document,
      inputs: { user: { n: 1 }, limit: 0 },
    });
    expect(again.report.result).toEqual([{ n: 1 }, 0]);
    await expect
      .poll(async () => service.handle({ type: 'inputs.last', document }))
      .toEqual({
        values: { user: { n: 1 }, limit: 0 },
      });
    // Kept in the data folder: a new host (the next start) fills the dialog in the same way.
    const next = newService();
    expect(await next.handle({ type: 'inputs.last', document })).toEqual({
      values: { user: { n: 1 }, limit: 0 },
    });
    await next.close();
  });

  it('refuses to start an invalid graph and names the problems', async () => {
    const result = (await service.handle({
      type: 'run.start',
      text: '{"format": "flowloop.graph/2"}',
      clock: { kind: 'virtual' },
    })) as {
      ok: boolean;
      problems: { message: string }[];
    };
    expect(result.ok).toBe(false);
    expect(result.problems.length).toBeGreaterThan(0);
  });

  it('sends every state event once, in batches, then the report', async () => {
    let runId = '';
    const collected = collectRun(service, () => runId);
    const started = (await service.handle({
      type: 'run.start',
      text: SLEEPS,
      clock: { kind: 'virtual' },
    })) as { ok: true; runId: string };
    runId = started.runId;
    const { frames, report } = await collected;
    expect(report.status).toBe('done');
    expect(report.result).toEqual(['a', 'b']);
    const streamed: StateEvent[] = frames.flatMap((f) => f.states);
    expect(streamed).toEqual(report.events);
    expect(report.events.length).toBeGreaterThan(0);
    // A page that missed events asks for the whole report; the host keeps the last four runs'.
    expect(await service.handle({ type: 'run.report', runId })).toEqual({ report });
    const later: string[] = [];
    for (let i = 0; i < 4; i++)
      later.push((await runToEnd({ type: 'run.start', text: SLEEPS, clock: { kind: 'virtual' } })).runId);
    expect(await service.handle({ type: 'run.report', runId })).toEqual({ report: null });
    expect(
      ((await service.handle({ type: 'run.report', runId: later[0] as string })) as { report: unknown })
        .report,
    ).not.toBeNull();
  });

  it('runs the same graph text again, and a changed text as it now is', async () => {
    const run = async (text: string) =>
      (await runToEnd({ type: 'run.start', text, clock: { kind: 'virtual' } })).report;
    expect((await run(SLEEPS)).result).toEqual(['a', 'b']);
    expect((await run(SLEEPS)).result).toEqual(['a', 'b']);
    const changed = SLEEPS.replace('"result":"b"', '"result":"B"');
    expect((await run(changed)).result).toEqual(['a', 'B']);
    const broken = SLEEPS.replace('"kind":"gather"', '"kind":"gathr"');
    for (let i = 0; i < 2; i++)
      expect(
        (
          (await service.handle({ type: 'run.start', text: broken, clock: { kind: 'virtual' } })) as {
            ok: boolean;
          }
        ).ok,
      ).toBe(false);
    expect((await run(SLEEPS)).result).toEqual(['a', 'b']);
  });

  it('runs again the graph an earlier run ran (run.again), with its own run id, history and report', async () => {
    const document = { path: null, key: 'doc-again' };
    const first = await runToEnd({ type: 'run.start', text: SLEEPS, clock: { kind: 'virtual' }, document });
    const again = await runToEnd({
      type: 'run.again',
      runId: first.runId,
      clock: { kind: 'virtual' },
      document,
    });
    expect(again.runId).not.toBe(first.runId);
    expect(again.report).toEqual(first.report);
    // A run of a run again can be run again: each run keeps the graph it ran.
    const third = await runToEnd({
      type: 'run.again',
      runId: again.runId,
      clock: { kind: 'virtual' },
      document,
    });
    expect(third.report.result).toEqual(['a', 'b']);
    const { runs } = (await service.handle({ type: 'history.list', document })) as { runs: { id: string }[] };
    expect(runs.map((r) => r.id)).toEqual([third.runId, again.runId, first.runId]);
    const { record } = (await service.handle({ type: 'history.get', document, runId: again.runId })) as {
      record: { text: string };
    };
    expect(record.text).toBe(SLEEPS);
  });

  it('says plainly when the graph of the run to run again is no longer kept', async () => {
    await expect(
      service.handle({ type: 'run.again', runId: 'no-such-run', clock: { kind: 'virtual' } }),
    ).rejects.toThrow(/run no-such-run's graph is no longer kept; send the graph to run/);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push((await runToEnd({ type: 'run.start', text: SLEEPS, clock: { kind: 'virtual' } })).runId);
    // The last four runs' graphs are kept.
    await expect(
      service.handle({ type: 'run.again', runId: ids[0], clock: { kind: 'virtual' } }),
    ).rejects.toBeInstanceOf(HostRequestError);
    expect(
      (await runToEnd({ type: 'run.again', runId: ids[1], clock: { kind: 'virtual' } })).report.status,
    ).toBe('done');
  });

  it('runs on a slowed real clock with loop times in loop seconds', async () => {
    const quick = SLEEPS.replace('"seconds":1', '"seconds":0.01').replace('"seconds":2', '"seconds":0.02');
    let runId = '';
    const collected = collectRun(service, () => runId);
    runId = (
      (await service.handle({ type: 'run.start', text: quick, clock: { kind: 'slow', scale: 0.5 } })) as {
        runId: string;
      }
    ).runId;
    const { frames, report } = await collected;
    expect(report.status).toBe('done');
    expect(report.nodes.b?.endedAt).toBeGreaterThanOrEqual(0.02);
    expect(frames.flatMap((f) => f.states)).toEqual(report.events);
  });

  it('stop cancels a running run', async () => {
    let runId = '';
    const collected = collectRun(service, () => runId);
    runId = (
      (await service.handle({ type: 'run.start', text: LONG_SLEEP, clock: { kind: 'real' } })) as {
        runId: string;
      }
    ).runId;
    expect(await service.handle({ type: 'run.stop', runId })).toEqual({ stopped: true });
    const { report, frames } = await collected;
    expect(report.status).toBe('cancelled');
    expect(report.nodes.nap?.state).toBe('cancelled');
    expect(frames.flatMap((f) => f.states)).toEqual(report.events);
    expect(await service.handle({ type: 'run.stop', runId })).toEqual({ stopped: false });
  });
});
