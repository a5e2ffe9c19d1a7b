/**
 * Debian Chromium driven over a bare DevTools connection, for the stream bench. Playwright enables
 * the DevTools Network domain on every page it drives, so every WebSocket message the page receives
 * is also copied into a DevTools event and sent to the test process: work a user's browser never
 * does, and under a stream of run events it cost the page about a fifth of its frames (measured side
 * by side: 40 vs 49 fps). This client attaches nothing: it evaluates scripts, dispatches mouse input
 * and, when asked, profiles or traces. The same switches Playwright launches Chromium with that bear
 * on timing (no background throttling, no IPC flooding protection) are set here too.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { CHROMIUM, CHROMIUM_ARGS } from './browser';
import { processTreeCpuMs, threadCpuMs } from './process-cpu';

const SWITCHES = [
  ...CHROMIUM_ARGS,
  '--headless=new',
  '--remote-debugging-port=0',
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
  '--disable-ipc-flooding-protection',
  '--disable-dev-shm-usage',
  '--disable-extensions',
  '--force-color-profile=srgb',
  '--enable-unsafe-swiftshader',
];

/** The DevTools timeline's categories, or FLOWLOOP_BENCH_TRACE_CATEGORIES (comma-separated, e.g. adding `cc,viz,gpu` for the compositor's threads). */
const TRACE_CATEGORIES = process.env.FLOWLOOP_BENCH_TRACE_CATEGORIES?.split(',') ?? [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  'v8',
];

type Params = Record<string, unknown>;
interface Reply {
  id?: number;
  method?: string;
  params?: Params;
  result?: Params;
  error?: { message: string };
}

/** One DevTools WebSocket: commands with replies, and events by name. */
class Connection {
  private nextId = 0;
  private readonly waiting = new Map<
    number,
    { resolve: (r: Params) => void; reject: (e: Error) => void; method: string }
  >();
  private readonly listeners = new Map<string, ((params: Params) => void)[]>();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as Reply;
      if (message.id !== undefined) {
        const waiter = this.waiting.get(message.id);
        this.waiting.delete(message.id);
        if (message.error) waiter?.reject(new Error(`${waiter.method}: ${message.error.message}`));
        else waiter?.resolve(message.result ?? {});
      } else if (message.method) {
        for (const listener of this.listeners.get(message.method) ?? []) listener(message.params ?? {});
      }
    });
    socket.on('close', () => {
      for (const waiter of this.waiting.values())
        waiter.reject(new Error(`${waiter.method}: the DevTools connection closed`));
      this.waiting.clear();
    });
  }

  static async open(url: string): Promise<Connection> {
    const socket = new WebSocket(url, { perMessageDeflate: false, maxPayload: 1 << 30 });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new Connection(socket);
  }

  send<T = Params>(method: string, params: Params = {}): Promise<T> {
    this.nextId += 1;
    const id = this.nextId;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (r: Params) => void, reject, method });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  once(method: string): Promise<Params> {
    return new Promise((resolve) => {
      const listener = (params: Params) => {
        this.listeners.set(
          method,
          (this.listeners.get(method) ?? []).filter((l) => l !== listener),
        );
        resolve(params);
      };
      this.listeners.set(method, [...(this.listeners.get(method) ?? []), listener]);
    });
  }

  close(): void {
    this.socket.close();
  }
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export class CdpPage {
  private pressed = false;

  constructor(
    private readonly connection: Connection,
    private readonly browser: CdpBrowser,
    readonly targetId: string,
  ) {}

  /** The value of a page expression (promises awaited), or the page's exception as an Error. */
  async evaluate<T>(expression: string): Promise<T> {
    const reply = await this.connection.send<{
      result: { value?: unknown };
      exceptionDetails?: { text: string; exception?: { description?: string } };
    }>('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
    if (reply.exceptionDetails)
      throw new Error(
        `in the page: ${reply.exceptionDetails.exception?.description ?? reply.exceptionDetails.text}`,
      );
    return reply.result.value as T;
  }

  /** Polls `expression` until it is truthy. */
  async waitFor(expression: string, timeoutMs = 60_000): Promise<void> {
    const began = performance.now();
    while (!(await this.evaluate<boolean>(`Boolean(${expression})`))) {
      if (performance.now() - began > timeoutMs) throw new Error(`waited ${timeoutMs} ms for ${expression}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** A raw DevTools command on this page (Performance.*, Profiler.*). */
  send<T = Params>(method: string, params: Params = {}): Promise<T> {
    return this.connection.send<T>(method, params);
  }

  readonly mouse = {
    move: (x: number, y: number) => this.mouseEvent('mouseMoved', x, y),
    down: () => {
      this.pressed = true;
      return this.mouseEvent('mousePressed', this.at.x, this.at.y);
    },
    up: () => {
      this.pressed = false;
      return this.mouseEvent('mouseReleased', this.at.x, this.at.y);
    },
    wheel: (deltaX: number, deltaY: number) =>
      this.mouseEvent('mouseWheel', this.at.x, this.at.y, { deltaX, deltaY }),
  };

  private at = { x: 0, y: 0 };

  private async mouseEvent(type: string, x: number, y: number, extra: Params = {}): Promise<void> {
    this.at = { x, y };
    const button = type === 'mouseWheel' ? 'none' : 'left';
    const buttons = this.pressed ? 1 : 0;
    await this.connection.send('Input.dispatchMouseEvent', {
      type,
      x,
      y,
      button,
      buttons,
      clickCount: type === 'mouseMoved' || type === 'mouseWheel' ? 0 : 1,
      ...extra,
    });
  }

  /** The element's box in CSS pixels, or null when no element matches. */
  box(selector: string): Promise<Box | null> {
    return this.evaluate<Box | null>(
      `(() => { const e = document.querySelector(${JSON.stringify(selector)}); if (!e) return null; const r = e.getBoundingClientRect(); return { x: r.x, y: r.y, width: r.width, height: r.height }; })()`,
    );
  }

  async close(): Promise<void> {
    this.connection.close();
    await this.browser.closeTarget(this.targetId);
  }
}

export class CdpBrowser {
  private constructor(
    private readonly child: ChildProcess,
    private readonly exited: Promise<void>,
    private readonly profileDir: string,
    private readonly port: number,
    private readonly connection: Connection,
    readonly version: string,
  ) {}

  static async launch(): Promise<CdpBrowser> {
    const profileDir = mkdtempSync(join(tmpdir(), 'flowloop-bench-chromium-'));
    const child = spawn(CHROMIUM, [...SWITCHES, `--user-data-dir=${profileDir}`, 'about:blank'], {
      stdio: 'ignore',
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const activePort = join(profileDir, 'DevToolsActivePort');
    const port = await Promise.race([
      exited.then(() => {
        throw new Error(`${CHROMIUM} exited before it opened its DevTools port`);
      }),
      (async () => {
        for (let i = 0; i < 300; i++) {
          try {
            const [portLine] = readFileSync(activePort, 'utf8').split('\n');
            if (portLine) return Number(portLine);
          } catch {
            // not written yet
          }
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        throw new Error(`${CHROMIUM} did not open its DevTools port in 30 s`);
      })(),
    ]);
    const info = (await (await fetch(`http://127.0.0.1:${port}/json/version`)).json()) as {
      webSocketDebuggerUrl: string;
      Browser: string;
    };
    const connection = await Connection.open(info.webSocketDebuggerUrl);
    return new CdpBrowser(child, exited, profileDir, port, connection, info.Browser);
  }

  /** CPU milliseconds the browser's processes have used so far (Linux); null where that cannot be read. */
  cpuMs(): number | null {
    return processTreeCpuMs(this.child.pid);
  }

  /** CPU milliseconds so far by process type and thread (Linux), see threadCpuMs. */
  threadCpuMs(): Map<string, number> {
    return threadCpuMs(this.child.pid);
  }

  /** A new page of `viewport` CSS pixels showing `url`. */
  async newPage(url: string, viewport: { width: number; height: number }): Promise<CdpPage> {
    const { targetId } = await this.connection.send<{ targetId: string }>('Target.createTarget', {
      url: 'about:blank',
      newWindow: true,
      width: viewport.width,
      height: viewport.height,
    });
    const connection = await Connection.open(`ws://127.0.0.1:${this.port}/devtools/page/${targetId}`);
    const page = new CdpPage(connection, this, targetId);
    await page.send('Emulation.setDeviceMetricsOverride', {
      width: viewport.width,
      height: viewport.height,
      deviceScaleFactor: 1,
      mobile: false,
    });
    await page.send('Page.navigate', { url });
    return page;
  }

  closeTarget(targetId: string): Promise<unknown> {
    return this.connection.send('Target.closeTarget', { targetId });
  }

  /** Records a Chrome trace (the DevTools timeline categories) while `during` runs; returns its JSON text. */
  async trace(during: () => Promise<void>): Promise<string> {
    await this.connection.send('Tracing.start', {
      transferMode: 'ReturnAsStream',
      traceConfig: { includedCategories: TRACE_CATEGORIES },
    });
    await during();
    const complete = this.connection.once('Tracing.tracingComplete');
    await this.connection.send('Tracing.end');
    const { stream } = (await complete) as { stream: string };
    let text = '';
    for (;;) {
      const chunk = await this.connection.send<{ data: string; eof: boolean; base64Encoded?: boolean }>(
        'IO.read',
        { handle: stream },
      );
      text += chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString('utf8') : chunk.data;
      if (chunk.eof) break;
    }
    await this.connection.send('IO.close', { handle: stream });
    return text;
  }

  async close(): Promise<void> {
    try {
      await this.connection.send('Browser.close');
    } catch {
      // already gone
    }
    this.connection.close();
    const gone = await Promise.race([
      this.exited.then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 5000)),
    ]);
    if (!gone) {
      this.child.kill('SIGKILL');
      await this.exited;
    }
    rmSync(this.profileDir, { recursive: true, force: true });
  }
}
