import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWorkflow } from '../shared/runtime/run';
import { hostileRunGraph } from '../test/oracle/hostile-run';
import { describeTransformSandbox } from '../test/sandbox-test-cases';
import { TransformError } from '../shared/runtime/transform/transform-error';
import { runProcess } from '../test/run-process';
import { TransformThread } from './transform-thread';
import { transformWorkerUrl } from './transform-worker-url';
import { createWorkerSandbox, WorkerSandbox } from './worker-sandbox';

/** One native call, String.prototype.indexOf, quadratic here: ~40 s in QuickJS, never interrupted. */
const NATIVE_OVERRUN =
  'const hay = "a".repeat(200000);\nconst needle = "a".repeat(100000) + "b";\nreturn hay.indexOf(needle);';
const LIMIT_MS = 300;
/** Generous: the stop happens at the limit plus the grace (500 ms), where without it the call takes ~40 s. */
const STOPPED_WITHIN_MS = LIMIT_MS + 3000;
const MiB = 1024 * 1024;
const MEMORY_BOMB = 'let a = []; while (true) a.push(new Array(1e6).fill(1)); return a';
const TIME_LIMIT_MESSAGE = `transform ran longer than its time limit of ${LIMIT_MS} ms`;

describe('the worker-thread sandbox behaves exactly as the in-process one', () => {
  describeTransformSandbox(createWorkerSandbox);
});

function timed<T>(action: () => T): { value: T | TransformError; ms: number } {
  const started = performance.now();
  try {
    return { value: action(), ms: performance.now() - started };
  } catch (error) {
    if (!(error instanceof TransformError)) throw error;
    return { value: error, ms: performance.now() - started };
  }
}

describe('the hard time limit', () => {
  let sandbox: WorkerSandbox;
  beforeAll(async () => {
    sandbox = await createWorkerSandbox({ timeMs: LIMIT_MS });
    await sandbox.ready();
  });
  afterAll(() => sandbox.dispose());

  it('stops one long native call that the interrupt cannot, and the next transform runs at once', () => {
    const stopped = timed(() => sandbox.runJavaScript(NATIVE_OVERRUN, []));
    expect(stopped.value).toBeInstanceOf(TransformError);
    expect((stopped.value as TransformError).message).toBe(TIME_LIMIT_MESSAGE);
    expect(stopped.ms).toBeLessThan(STOPPED_WITHIN_MS);
    expect(sandbox.runJavaScript('input + 1', [41])).toBe(42);
  });

  it('stops an endless loop with its interrupt, keeping the worker', () => {
    expect(timed(() => sandbox.runJavaScript('while (true) {}', [])).value).toEqual(
      new TransformError(TIME_LIMIT_MESSAGE),
    );
    expect(sandbox.runJavaScript('"still here"', [])).toBe('still here');
  });

  it("stops a memory bomb at QuickJS's cap, and the worker goes on", async () => {
    // A default time limit: filling memory takes a while on a busy machine.
    const small = await createWorkerSandbox({ memoryBytes: 16 * MiB });
    try {
      const { value } = timed(() => small.runJavaScript(MEMORY_BOMB, []));
      expect(value).toEqual(new TransformError('transform exceeded its memory limit of 16 MiB'));
      expect(small.runJavaScript('input.length', ['x'.repeat(MiB)])).toBe(MiB);
    } finally {
      small.dispose();
    }
  });

  it('keeps escapes inside the sandbox', () => {
    const { value } = timed(() =>
      sandbox.runJavaScript("globalThis.constructor.constructor('return process')().pid", []),
    );
    expect(value).toEqual(
      new TransformError("transform threw ReferenceError: 'process' is not defined (line 1)"),
    );
  });

  it('survives overruns back to back: the second waits for the fresh spare, then all is well', () => {
    for (let i = 0; i < 2; i++) {
      const stopped = timed(() => sandbox.runJavaScript(NATIVE_OVERRUN, []));
      expect((stopped.value as TransformError).message).toBe(TIME_LIMIT_MESSAGE);
    }
    expect(sandbox.runJavaScript('[input, args.length]', ['x', 2])).toEqual(['x', 2]);
  });
});

describe('a terminated worker', () => {
  it('stops even in the middle of WebAssembly: its thread is gone long before the call could end', async () => {
    const thread = new TransformThread(await transformWorkerUrl(), {
      timeMs: 60_000,
      memoryBytes: 64 * 1024 * 1024,
    });
    await thread.started();
    expect(thread.run({ code: NATIVE_OVERRUN, argsJson: '[]' }, LIMIT_MS)).toEqual({ kind: 'timed-out' });
    const exited = thread.terminate().then(() => 'exited');
    const stillRunning = new Promise((resolve) => setTimeout(resolve, STOPPED_WITHIN_MS, 'still running'));
    expect(await Promise.race([exited, stillRunning])).toBe('exited');
  });
});

describe('starting workers', () => {
  it('makes a transform wait for a starting worker only as long as allowed, then runs it once ready', async () => {
    const limits = { timeMs: LIMIT_MS, memoryBytes: 64 * MiB };
    const sandbox = new WorkerSandbox(limits, await transformWorkerUrl(), 500, 1);
    try {
      // A worker takes well over 1 ms to start.
      expect(timed(() => sandbox.runJavaScript('1', [])).value).toEqual(
        new TransformError(
          'the JavaScript sandbox was not ready within 0.001 s (a fresh one starts after a transform is stopped)',
        ),
      );
      await sandbox.started();
      expect(sandbox.runJavaScript('input', ['ready'])).toBe('ready');
    } finally {
      sandbox.dispose();
    }
  });

  it('says why a worker could not start', async () => {
    const thread = new TransformThread(new URL('./no-such-worker.js', import.meta.url), {
      timeMs: LIMIT_MS,
      memoryBytes: 64 * MiB,
    });
    await expect(thread.started()).rejects.toThrow(/^the transform worker did not start: .*no-such-worker/);
    expect(thread.waitUntilReady(0).kind).toBe('failed');
  });
});

describe('hostile transforms in a run with the worker sandbox', () => {
  // Room for the memory bomb to reach a small memory cap before the time limit, on a busy machine.
  const timeMs = 2000;
  let sandbox: WorkerSandbox;
  beforeAll(async () => {
    sandbox = await createWorkerSandbox({ timeMs, memoryBytes: 16 * MiB });
  });
  afterAll(() => sandbox.dispose());

  it.each([
    ['one long native call', NATIVE_OVERRUN, /time limit/],
    ['an endless loop', 'while (true) {}', /time limit/],
    ['a memory bomb', MEMORY_BOMB, /memory limit/],
    [
      'an escape attempt',
      "return globalThis.constructor.constructor('return process')().pid",
      /ReferenceError: 'process' is not defined/,
    ],
  ])(
    '%s ends as a TransformError while the loop keeps serving the other tasks',
    async (_what, code, message) => {
      const g = hostileRunGraph(code, { then: true });
      const started = performance.now();
      const report = await runWorkflow(g, { clock: 'virtual', sandbox });
      expect(performance.now() - started).toBeLessThan(timeMs + 3000);
      expect(report.status).toBe('done');
      expect(report.nodes.hostile).toMatchObject({ state: 'failed', error: { type: 'TransformError' } });
      expect(report.nodes.hostile!.error!.message).toMatch(message);
      expect(report.nodes.alongside).toMatchObject({ state: 'done', endedAt: 2 });
      expect(report.nodes.after).toMatchObject({ state: 'done', endedAt: 3 });
      expect(report.result).toEqual([{ error: report.nodes.hostile!.error }, 'a', 'c!']);
    },
  );
});

describe('dispose', () => {
  it('terminates the workers: a process that used and disposed a sandbox exits by itself', async () => {
    const module = fileURLToPath(new URL('./worker-sandbox.ts', import.meta.url));
    const script = [
      `const { createWorkerSandbox } = await import(${JSON.stringify(module)});`,
      'const sandbox = await createWorkerSandbox({ timeMs: 300 });',
      `try { sandbox.runJavaScript(${JSON.stringify(NATIVE_OVERRUN)}, []); } catch (error) { console.log(error.message); }`,
      'console.log(sandbox.runJavaScript("input * 2", [21]));',
      'sandbox.dispose();',
    ].join('\n');
    // Were a worker left running, the child would never exit and this test would time out.
    const { code, stdout, stderr } = await runProcess(process.execPath, [
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      script,
    ]);
    expect(stderr).toBe('');
    expect(stdout).toBe(`${TIME_LIMIT_MESSAGE}\n42\n`);
    expect(code).toBe(0);
  });
});
