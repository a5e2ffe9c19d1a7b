/** The values the app keeps for workflows' {env.NAME}: a 0600 file of their own, by workflow path. */
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_SECRET_BYTES } from '../shared/protocol/messages';
import { SECRETS_FILE, SecretsError, WorkflowSecrets } from './workflow-secrets';

const folder = () => mkdtemp(join(tmpdir(), 'flowloop-secrets-'));
const SECRET = 'sk-9f8e7d6c5b4a';

async function refused(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(SecretsError);
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
}

describe('the secrets kept in the app', () => {
  it("are kept by the workflow file's absolute path, in a file of their own readable by its owner only", async () => {
    const dataDir = await folder();
    const store = new WorkflowSecrets(dataDir, {});
    await store.set('/w/a.flow.json', 'API_KEY', SECRET);
    await store.set('/w/sub/../b.flow.json', 'TOKEN', 'tok');
    expect(await store.values('/w/./a.flow.json')).toEqual({ API_KEY: SECRET });
    expect(await store.values('/w/b.flow.json')).toEqual({ TOKEN: 'tok' });
    expect(await store.values('/w/c.flow.json')).toEqual({});
    const file = join(dataDir, SECRETS_FILE);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
      version: 1,
      workflows: { '/w/a.flow.json': { API_KEY: SECRET }, '/w/b.flow.json': { TOKEN: 'tok' } },
    });
    // Another process (the next start) reads the same file.
    expect(await new WorkflowSecrets(dataDir, {}).values('/w/a.flow.json')).toEqual({ API_KEY: SECRET });
  });

  it('stay 0600 when the file had been opened up, and are forgotten one by one', async () => {
    const dataDir = await folder();
    const store = new WorkflowSecrets(dataDir, {});
    await store.set('/w/a.flow.json', 'A', '1');
    await store.set('/w/a.flow.json', 'B', '2');
    const { chmod } = await import('node:fs/promises');
    await chmod(join(dataDir, SECRETS_FILE), 0o644);
    await store.clear('/w/a.flow.json', 'A');
    expect((await stat(join(dataDir, SECRETS_FILE))).mode & 0o777).toBe(0o600);
    expect(await store.values('/w/a.flow.json')).toEqual({ B: '2' });
    await store.clear('/w/a.flow.json', 'B');
    await store.clear('/w/a.flow.json', 'NEVER_SET');
    expect(JSON.parse(await readFile(join(dataDir, SECRETS_FILE), 'utf8'))).toEqual({
      version: 1,
      workflows: {},
    });
  });

  it('say which names are set and where from, never the values; a kept value wins over the environment', async () => {
    const dataDir = await folder();
    const store = new WorkflowSecrets(dataDir, { FROM_ENV: 'e', BOTH: 'env-value' });
    await store.set('/w/a.flow.json', 'BOTH', 'kept-value');
    await store.set('/w/a.flow.json', 'OLD', 'no longer used');
    const described = await store.describe('/w/a.flow.json', ['FROM_ENV', 'BOTH', 'NOWHERE']);
    expect(described).toEqual([
      { name: 'FROM_ENV', used: true, source: 'environment' },
      { name: 'BOTH', used: true, source: 'app' },
      { name: 'NOWHERE', used: true, source: null },
      { name: 'OLD', used: false, source: 'app' },
    ]);
    expect(JSON.stringify(described)).not.toMatch(/kept-value|env-value|no longer used/);
    expect(await store.describe(null, ['BOTH'])).toEqual([
      { name: 'BOTH', used: true, source: 'environment' },
    ]);
    const env = await store.runEnvironment('/w/a.flow.json');
    expect([env('BOTH'), env('FROM_ENV'), env('NOWHERE'), env('constructor')]).toEqual([
      'kept-value',
      'e',
      undefined,
      undefined,
    ]);
    const unsaved = await store.runEnvironment(null);
    expect(unsaved('BOTH')).toBe('env-value');
  });

  it("refuse a huge value, a name that is not one, a path that is not a workflow's: nothing is written", async () => {
    const dataDir = await folder();
    const store = new WorkflowSecrets(dataDir, {});
    const huge = 'x'.repeat(MAX_SECRET_BYTES + 1);
    expect(await refused(store.set('/w/a.flow.json', 'K', huge))).toBe("a secret's value is at most 64 KiB");
    // 64 KiB counts UTF-8 bytes: 30,000 three-byte characters are too many.
    expect(await refused(store.set('/w/a.flow.json', 'K', '€'.repeat(30_000)))).toMatch(/at most 64 KiB/);
    expect(await refused(store.set('/w/a.flow.json', 'K', 'a\0b'))).toMatch(/NUL/);
    for (const name of ['1X', '', 'A-B', 'env.A', 'A B', '__proto__x\n']) {
      expect(await refused(store.set('/w/a.flow.json', name, 'v'))).toMatch(/is not a variable name/);
    }
    for (const path of ['/etc/passwd', '/w/a.json', '/w/a.flow.json.bak', '/w/']) {
      expect(await refused(store.set(path, 'K', 'v'))).toBe(
        `secrets are kept for workflow files only, whose names end in .flow.json; ${path} is not one`,
      );
    }
    expect(await refused(store.clear('/etc/shadow', 'K'))).toMatch(/workflow files only/);
    expect(existsSync(join(dataDir, SECRETS_FILE))).toBe(false);
    await store.set('/w/a.flow.json', 'K', 'x'.repeat(MAX_SECRET_BYTES));
    expect((await store.values('/w/a.flow.json')).K).toHaveLength(MAX_SECRET_BYTES);
  });

  it('start over from a damaged file, and keep two quick changes', async () => {
    const dataDir = await folder();
    await writeFile(join(dataDir, SECRETS_FILE), '{ broken');
    const store = new WorkflowSecrets(dataDir, {});
    expect(await store.values('/w/a.flow.json')).toEqual({});
    await Promise.all([store.set('/w/a.flow.json', 'A', '1'), store.set('/w/a.flow.json', 'B', '2')]);
    expect(await store.values('/w/a.flow.json')).toEqual({ A: '1', B: '2' });
  });
});
