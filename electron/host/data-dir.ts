/** Where the app keeps its own files (recent list, autosaves): FLOWLOOP_DATA_DIR, else XDG's data home. */
import { homedir } from 'node:os';
import { join } from 'node:path';

export function resolveDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const explicit = env.FLOWLOOP_DATA_DIR;
  if (explicit !== undefined && explicit !== '') return explicit;
  const xdg = env.XDG_DATA_HOME;
  return join(xdg !== undefined && xdg !== '' ? xdg : join(homedir(), '.local', 'share'), 'flowloop');
}
