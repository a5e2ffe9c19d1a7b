/**
 * Playwright fixtures that start `flowloop web` for a test, as a person would from a terminal, and
 * stop it after:
 * - `appArgs`: the command line of the test's app (`test.use({ appArgs: [file, '--clock', 'virtual'] })`);
 * - `app`: that app, started (with a fresh data folder) only when a test asks for it;
 * - `launchApp(args, dataDir?)`: another server, e.g. a second start on the same data folder.
 * Every server a test started is stopped when the test ends, whether it passed or not.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test as base, type Page } from '@playwright/test';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const BIN = join(ROOT, 'bin', 'flowloop.mjs');

export interface WebApp {
  url: string;
  dataDir: string;
  process: ChildProcess;
  /** Everything the server printed, for failure messages. */
  output(): string;
  /** Stops the server (SIGTERM, as Ctrl+C would) and waits for it to exit; a second call does nothing. */
  stop(): Promise<void>;
}

export interface AppFixtures {
  /** The arguments after `flowloop web` (a file, `--clock ...`); `--port 0` is added. */
  appArgs: string[];
  /** `flowloop web ...appArgs` on its own data folder, started when the test first uses it. */
  app: WebApp;
  /** Starts another `flowloop web`, on `dataDir` if given, else on a fresh data folder. */
  launchApp: (args: string[], dataDir?: string) => Promise<WebApp>;
}

const URL_TIMEOUT_MS = 30_000;
const EXIT_GRACE_MS = 10_000;

async function startWebApp(args: string[], dataDir: string): Promise<WebApp> {
  const child = spawn(process.execPath, [BIN, 'web', ...args, '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, FLOWLOOP_DATA_DIR: dataDir, NO_COLOR: '1' },
  });
  let printed = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL'); // a server that never came up must not outlive the test
      reject(new Error(`flowloop web printed no URL in 30 s:\n${printed}`));
    }, URL_TIMEOUT_MS);
    const onData = (chunk: Buffer): void => {
      printed += chunk.toString();
      const match = /^(http:\/\/127\.0\.0\.1:\d+\/\S*)$/m.exec(printed);
      if (match) {
        clearTimeout(timer);
        resolve(match[1] as string);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`flowloop web exited with ${String(code)}:\n${printed}`));
    });
  });
  return { url, dataDir, process: child, output: () => printed, stop: () => stopProcess(child) };
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  // A server stuck in its shutdown is killed rather than left to hold the test up.
  const stuck = setTimeout(() => child.kill('SIGKILL'), EXIT_GRACE_MS);
  await exited;
  clearTimeout(stuck);
}

export const test = base.extend<AppFixtures>({
  appArgs: [[], { option: true }],

  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
  launchApp: async ({}, use, testInfo) => {
    const started: WebApp[] = [];
    const madeDirs: string[] = [];
    try {
      await use(async (args, dataDir) => {
        if (dataDir === undefined) {
          dataDir = mkdtempSync(join(tmpdir(), 'flowloop-e2e-'));
          madeDirs.push(dataDir);
        }
        const app = await startWebApp(args, dataDir);
        started.push(app);
        return app;
      });
    } finally {
      for (const app of started) await app.stop();
      if (testInfo.status !== testInfo.expectedStatus) {
        for (const [i, app] of started.entries())
          await testInfo.attach(`flowloop web output ${i + 1}`, {
            body: app.output(),
            contentType: 'text/plain',
          });
      }
      for (const dir of madeDirs) rmSync(dir, { recursive: true, force: true });
    }
  },

  app: async ({ appArgs, launchApp }, use) => {
    await use(await launchApp(appArgs));
  },
});

/** The engine's own report for a file: what the canvas must show when a run ends. */
export interface EngineReport {
  status: string;
  nodes: Record<string, { state: string }>;
}

export async function engineReport(
  file: string,
  clock: 'virtual' | 'real' = 'virtual',
): Promise<EngineReport> {
  const child = spawn(process.execPath, [BIN, 'run', file, '--clock', clock, '--json'], { cwd: ROOT });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  await new Promise((resolve) => child.on('close', resolve));
  return JSON.parse(out) as EngineReport;
}

/** Each node's data-state on the canvas, by node id. */
export function canvasStates(page: Page): Promise<Record<string, string | null>> {
  return page
    .locator('[data-node-id]')
    .evaluateAll((els) =>
      Object.fromEntries(
        els.map((e) => [e.getAttribute('data-node-id') ?? '', e.getAttribute('data-state')]),
      ),
    );
}

/** One change the page made inside a node on the canvas, seen by a MutationObserver (watchNodeWrites). */
export interface NodeWrite {
  node: string;
  /** The attribute written, or 'children' / 'text' for a change of the node's content. */
  what: string;
  from: string | null;
  to: string | null;
}

/** Starts recording every change the page makes inside the canvas's nodes; `nodeWrites` reads them. */
export async function watchNodeWrites(page: Page): Promise<void> {
  await page.locator('.react-flow__nodes').evaluate((nodes) => {
    const writes: NodeWrite[] = [];
    (window as unknown as { __nodeWrites: NodeWrite[] }).__nodeWrites = writes;
    new MutationObserver((records) => {
      for (const record of records) {
        const target = record.target instanceof Element ? record.target : record.target.parentElement;
        const node = target?.closest('[data-node-id]')?.getAttribute('data-node-id');
        if (node === undefined || node === null) continue;
        const what =
          record.type === 'attributes'
            ? (record.attributeName ?? '')
            : record.type === 'childList'
              ? 'children'
              : 'text';
        const to =
          record.type === 'attributes' && target !== null
            ? target.getAttribute(record.attributeName ?? '')
            : null;
        writes.push({ node, what, from: record.oldValue, to });
      }
    }).observe(nodes, {
      subtree: true,
      attributes: true,
      attributeOldValue: true,
      childList: true,
      characterData: true,
    });
  });
}

export function nodeWrites(page: Page): Promise<NodeWrite[]> {
  return page.evaluate(() => (window as unknown as { __nodeWrites: NodeWrite[] }).__nodeWrites);
}

/**
 * docs/app-surface.md's promise, checked after an end-to-end run: the canvas shows, node for node, the final
 * states of the engine's own `flowloop run --json` report for the same file. Gives the report.
 */
export async function expectCanvasToMatchEngine(
  page: Page,
  file: string,
  clock: 'virtual' | 'real' = 'virtual',
): Promise<EngineReport> {
  const report = await engineReport(file, clock);
  expect(await canvasStates(page)).toEqual(
    Object.fromEntries(Object.entries(report.nodes).map(([id, n]) => [id, n.state])),
  );
  return report;
}

export { expect };
