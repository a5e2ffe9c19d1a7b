/** Atomic saves on real files in a temporary folder, and a real process killed in the middle of one. */
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from './atomic-write';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'flowloop-atomic-'));
  dirs.push(dir);
  return dir;
}

describe.skipIf(process.platform === 'win32')('writeFileAtomic', () => {
  it('keeps the mode of the file it replaces (a 0600 file stays 0600)', async () => {
    const dir = folder();
    const file = join(dir, 'secret.flow.json');
    writeFileSync(file, 'old');
    chmodSync(file, 0o600);
    await writeFileAtomic(file, 'new');
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    chmodSync(file, 0o640);
    await writeFileAtomic(file, 'newer');
    expect(statSync(file).mode & 0o777).toBe(0o640);
  });

  it('gives a new file the usual mode: 0666 less the umask', async () => {
    const dir = folder();
    await writeFileAtomic(join(dir, 'new.flow.json'), 'x');
    const umask = process.umask();
    expect(statSync(join(dir, 'new.flow.json')).mode & 0o777).toBe(0o666 & ~umask);
  });

  it('writes through a symbolic link, even a chain of them, and leaves the links as they are', async () => {
    const dir = folder();
    const real = join(dir, 'real.flow.json');
    writeFileSync(real, 'old');
    symlinkSync('real.flow.json', join(dir, 'link1.flow.json'));
    symlinkSync(join(dir, 'link1.flow.json'), join(dir, 'link2.flow.json'));
    await writeFileAtomic(join(dir, 'link2.flow.json'), 'new');
    expect(readFileSync(real, 'utf8')).toBe('new');
    expect(lstatSync(join(dir, 'link2.flow.json')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, 'link1.flow.json'))).toBe('real.flow.json');
    // A link to a file not yet there creates the file where the link points.
    symlinkSync('later.flow.json', join(dir, 'dangling.flow.json'));
    await writeFileAtomic(join(dir, 'dangling.flow.json'), 'made');
    expect(readFileSync(join(dir, 'later.flow.json'), 'utf8')).toBe('made');
    expect(readdirSync(dir).sort()).toEqual([
      'dangling.flow.json',
      'later.flow.json',
      'link1.flow.json',
      'link2.flow.json',
      'real.flow.json',
    ]);
  });

  it('refuses a loop of links with a message', async () => {
    const dir = folder();
    symlinkSync('b.flow.json', join(dir, 'a.flow.json'));
    symlinkSync('a.flow.json', join(dir, 'b.flow.json'));
    await expect(writeFileAtomic(join(dir, 'a.flow.json'), 'x')).rejects.toThrow(
      /too many levels of symbolic links/,
    );
  });

  it('a process killed mid-save leaves the old file whole, and the next save removes what it left', async () => {
    const dir = folder();
    const file = join(dir, 'big.flow.json');
    writeFileSync(file, 'the old, whole file');
    const module = pathToFileURL(fileURLToPath(new URL('./atomic-write.ts', import.meta.url))).href;
    const script = `const { writeFileAtomic } = await import(${JSON.stringify(module)});
      for (;;) await writeFileAtomic(${JSON.stringify(file)}, 'x'.repeat(64 * 1024 * 1024));`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: 'ignore',
    });
    const temporaries = (): string[] => readdirSync(dir).filter((name) => name.endsWith('.tmp'));
    // Kill it while a temporary file exists, that is, in the middle of a save.
    await new Promise<void>((resolve, reject) => {
      const started = Date.now();
      const poll = setInterval(() => {
        if (temporaries().length > 0) {
          clearInterval(poll);
          child.kill('SIGKILL');
          resolve();
        } else if (Date.now() - started > 30_000) {
          clearInterval(poll);
          child.kill('SIGKILL');
          reject(new Error('the saving process never started a save'));
        }
      }, 1);
    });
    await new Promise((resolve) => child.once('exit', resolve));
    const contents = readFileSync(file, 'utf8');
    expect(contents === 'the old, whole file' || contents.length === 64 * 1024 * 1024).toBe(true);
    expect(temporaries()).toHaveLength(1);
    await writeFileAtomic(file, 'saved again');
    expect(readFileSync(file, 'utf8')).toBe('saved again');
    expect(readdirSync(dir)).toEqual(['big.flow.json']);
  });

  it('leaves the temporary file of a save still in progress in another process alone', async () => {
    const dir = folder();
    const file = join(dir, 'w.flow.json');
    const live = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    try {
      const theirs = join(dir, `.w.flow.json.${live.pid}.0123456789ab.tmp`);
      writeFileSync(theirs, '');
      const dead = spawnSync(process.execPath, ['-e', '0']).pid;
      const abandoned = join(dir, `.w.flow.json.${dead}.ba9876543210.tmp`);
      writeFileSync(abandoned, '');
      await writeFileAtomic(file, 'x');
      expect(readdirSync(dir).sort()).toEqual([`.w.flow.json.${live.pid}.0123456789ab.tmp`, 'w.flow.json']);
    } finally {
      live.kill();
    }
  });
});
