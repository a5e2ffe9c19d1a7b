/**
 * `flowloop web [FILE] [--port N] [--clock real|virtual]` (docs/command-line.md, docs/app-surface.md):
 * the browser mode until SIGINT/SIGTERM.
 */
import { resolve } from 'node:path';
import type { Command } from './args';
import type { CliIO } from './main';
import { moveLegacyDataDir, resolveDataDir } from '../host/data-dir';
import { createHostService } from '../host/host-service';
import { frameMsFromEnv } from '../host/run-session';
import { readWorkflowFile } from '../host/workflow-file';
import { startWebServer, type WebServer } from '../shell/web/server';

export async function webCommand(command: Extract<Command, { kind: 'web' }>, io: CliIO): Promise<number> {
  const initialFile = command.file === null ? null : resolve(command.file);
  if (initialFile !== null) {
    // Read as the page's file.read will (a regular file within the cap), to say now what is wrong.
    const read = await readWorkflowFile(initialFile);
    if (!read.ok) {
      io.stderr.write(`flowloop: ${read.message}\n`);
      return 2;
    }
  }
  // Listen for the end before the URL is out: whoever reads the URL may signal at once.
  let stopListening = (): void => undefined;
  const stopped = new Promise<void>((resolveStop) => {
    const stop = (): void => {
      io.signals.off('SIGINT', stop);
      io.signals.off('SIGTERM', stop);
      resolveStop();
    };
    stopListening = stop;
    io.signals.on('SIGINT', stop);
    io.signals.on('SIGTERM', stop);
  });
  moveLegacyDataDir(io.env);
  const service = createHostService({
    dataDir: resolveDataDir(io.env),
    initialFile,
    defaultClock: { kind: command.clock },
    shell: 'browser',
    frameMs: frameMsFromEnv(io.env),
  });
  let server: WebServer;
  try {
    server = await startWebServer({
      service,
      port: command.port,
      onClientError: (error) =>
        io.stderr.write(`flowloop: a page's connection was closed: ${error.message}\n`),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'EADDRINUSE'
        ? `port ${command.port} is in use`
        : code === 'EACCES'
          ? `port ${command.port} needs privileges`
          : (error as Error).message;
    io.stderr.write(`flowloop: cannot start the browser mode: ${why}\n`);
    stopListening();
    return 2;
  }
  io.stdout.write(`${server.url}\n`);
  io.stderr.write('flowloop: open the URL above in a browser; Ctrl-C ends the browser mode\n');
  await stopped;
  await server.close();
  await service.close();
  return 0;
}
