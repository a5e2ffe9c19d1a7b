/**
 * Writes a file so that it is either the old one or the whole new one, never half of either, as
 * careful editors do: the new contents go to a temporary file beside the target, are flushed to
 * disk, and renamed over it; then the folder itself is flushed, so that the rename survives a
 * power cut. What the file was keeps: a symbolic link is written through (its target is
 * replaced, the link stays), and an existing file's permissions (and, where allowed, owner)
 * carry over to the new one. A temporary file left by a process killed mid-save is removed by
 * the next save into the same folder. `mode` (for a file of secrets: 0o600) makes the new file
 * exactly that mode instead, from its creation on, whatever the old one had.
 */
import { randomBytes } from 'node:crypto';
import { lstat, open, readdir, readlink, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

/** A chain of links longer than this is a loop (Linux's own limit is 40). */
const MAX_LINKS = 40;

export interface AtomicWriteOptions {
  /** The file's permissions, exactly (not masked by the umask); by default the old file's, else 0666 less the umask. */
  mode?: number;
}

export async function writeFileAtomic(
  path: string,
  contents: string,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const target = await followLinks(path);
  const folder = dirname(target);
  const name = basename(target);
  await removeAbandonedTemporaries(folder, name);
  const existing = await stat(target).catch(() => null);
  const temporary = join(folder, `.${name}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  // A new file gets 0666 less the umask, as any other new file; a replaced one keeps its mode.
  const { mode } = options;
  const initialMode = mode ?? (existing?.isFile() === true ? existing.mode & 0o7777 : 0o666);
  const handle = await open(temporary, 'wx', initialMode);
  try {
    if (mode !== undefined) await handle.chmod(mode);
    else if (existing?.isFile() === true)
      await keepOwnerAndMode(handle, existing.uid, existing.gid, existing.mode & 0o7777);
    await handle.writeFile(contents, 'utf8');
    await handle.sync();
  } catch (error) {
    await handle.close();
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  await handle.close();
  try {
    await rename(temporary, target);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  await syncFolder(folder);
}

/** Where writing `path` must go: the end of its chain of symbolic links, or `path` itself. */
async function followLinks(path: string): Promise<string> {
  let current = resolve(path);
  for (let hops = 0; hops < MAX_LINKS; hops++) {
    const info = await lstat(current).catch(() => null);
    if (info === null || !info.isSymbolicLink()) return current;
    current = resolve(dirname(current), await readlink(current));
  }
  throw Object.assign(new Error(`too many levels of symbolic links at ${path}`), { code: 'ELOOP' });
}

async function keepOwnerAndMode(handle: FileHandle, uid: number, gid: number, mode: number): Promise<void> {
  // The mode given to open() is masked by the umask; set it exactly.
  await handle.chmod(mode);
  if (process.getuid === undefined) return;
  // Only root may give a file away; for anyone else the new file is theirs, as the old one was.
  await handle.chown(uid, gid).catch(() => undefined);
}

/** Flushes the folder's entry for the renamed file; some systems (Windows) cannot open a folder. */
async function syncFolder(folder: string): Promise<void> {
  let handle: FileHandle;
  try {
    handle = await open(folder, 'r');
  } catch {
    return;
  }
  try {
    await handle.sync();
  } catch {
    // EINVAL/EISDIR where folders cannot be flushed: the rename is as durable as the system allows.
  } finally {
    await handle.close();
  }
}

/** Removes `.<name>.<pid>.<random>.tmp` files of `name` whose process is gone (killed mid-save). */
async function removeAbandonedTemporaries(folder: string, name: string): Promise<void> {
  const entries = await readdir(folder).catch(() => [] as string[]);
  const prefix = `.${name}.`;
  for (const entry of entries) {
    if (!entry.startsWith(prefix) || !entry.endsWith('.tmp')) continue;
    const pid = Number(entry.slice(prefix.length).split('.')[0]);
    if (!Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid || processIsAlive(pid)) continue;
    await unlink(join(folder, entry)).catch(() => undefined);
  }
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, someone else's
  }
}
