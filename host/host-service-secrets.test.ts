/** The secrets requests through the host service: hostile input is refused with a clear message and nothing is written. */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHostService, type HostService } from './host-service';
import { SECRETS_FILE } from './workflow-secrets';
import type { HostResponses } from '../shared/protocol/messages';

let dir: string;
let service: HostService;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'flowloop-host-secrets-'));
  service = createHostService({
    dataDir: join(dir, 'data'),
    initialFile: null,
    defaultClock: { kind: 'virtual' },
    shell: 'browser',
    processEnv: { FROM_ENV: 'e' },
  });
});
afterEach(async () => {
  await service.close();
  await rm(dir, { recursive: true, force: true });
});

async function refusal(request: Record<string, unknown>): Promise<string> {
  try {
    await service.handle(request);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
}

describe('secrets requests', () => {
  const path = '/w/a.flow.json';

  it('set, list and clear: the page learns names and sources, never values', async () => {
    expect(await service.handle({ type: 'secrets.set', path, name: 'KEY', value: 'v4lue' })).toEqual({
      ok: true,
    });
    const list = (await service.handle({
      type: 'secrets.list',
      path,
      names: ['KEY', 'FROM_ENV', 'NONE'],
    })) as HostResponses['secrets.list'];
    expect(list.secrets).toEqual([
      { name: 'KEY', used: true, source: 'app' },
      { name: 'FROM_ENV', used: true, source: 'environment' },
      { name: 'NONE', used: true, source: null },
    ]);
    expect(await service.handle({ type: 'secrets.clear', path, name: 'KEY' })).toEqual({ ok: true });
    expect(await service.handle({ type: 'secrets.list', path: null, names: ['KEY'] })).toEqual({
      secrets: [{ name: 'KEY', used: true, source: null }],
    });
  });

  it("refuses a huge value, a name that is not one and a path that is not a workflow's, writing nothing", async () => {
    expect(await refusal({ type: 'secrets.set', path, name: 'KEY', value: 'x'.repeat(64 * 1024 + 1) })).toBe(
      "bad 'secrets.set' request: value: a secret's value is at most 64 KiB",
    );
    expect(await refusal({ type: 'secrets.set', path, name: 'KEY', value: '€'.repeat(30_000) })).toBe(
      "a secret's value is at most 64 KiB",
    );
    expect(await refusal({ type: 'secrets.set', path, name: '1X', value: 'v' })).toBe(
      "bad 'secrets.set' request: name: is not a variable name: a letter or _ followed by letters, digits or _",
    );
    expect(await refusal({ type: 'secrets.set', path: '/etc/passwd', name: 'K', value: 'v' })).toBe(
      'secrets are kept for workflow files only, whose names end in .flow.json; /etc/passwd is not one',
    );
    expect(await refusal({ type: 'secrets.clear', path: '/home/x/.bashrc', name: 'K' })).toMatch(
      /workflow files only/,
    );
    expect(await refusal({ type: 'secrets.list', path: '/etc/passwd', names: [] })).toMatch(
      /workflow files only/,
    );
    expect(await refusal({ type: 'secrets.list', path, names: ['a b'] })).toMatch(/is not a variable name/);
    expect(existsSync(join(dir, 'data', SECRETS_FILE))).toBe(false);
  });
});
