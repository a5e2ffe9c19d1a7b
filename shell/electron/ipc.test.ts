import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createHostService } from '../../host/host-service';
import { answerRequest, isTrustedSender, validateRequest } from './ipc';

import { RENDERER_URL } from './security';

const ourPage = { url: RENDERER_URL, isTopFrame: true };

const dirs: string[] = [];
function realService() {
  const dataDir = mkdtempSync(join(tmpdir(), 'flowloop-ipc-'));
  dirs.push(dataDir);
  return {
    dataDir,
    service: createHostService({
      dataDir,
      initialFile: null,
      defaultClock: { kind: 'real' },
      shell: 'electron',
    }),
  };
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('isTrustedSender', () => {
  it('trusts the top frame of app://flowloop/index.html, whatever its hash or query', () => {
    expect(isTrustedSender(ourPage, RENDERER_URL)).toBe(true);
    expect(isTrustedSender({ url: `${RENDERER_URL}#/graph?x=1`, isTopFrame: true }, RENDERER_URL)).toBe(true);
  });

  it('refuses iframes, destroyed frames, other files, other hosts and other schemes', () => {
    expect(isTrustedSender({ url: RENDERER_URL, isTopFrame: false }, RENDERER_URL)).toBe(false);
    expect(isTrustedSender({ url: null, isTopFrame: true }, RENDERER_URL)).toBe(false);
    expect(isTrustedSender({ url: 'app://flowloop/other.html', isTopFrame: true }, RENDERER_URL)).toBe(false);
    expect(isTrustedSender({ url: 'app://evil/index.html', isTopFrame: true }, RENDERER_URL)).toBe(false);
    expect(isTrustedSender({ url: pathToFileURL('/index.html').href, isTopFrame: true }, RENDERER_URL)).toBe(
      false,
    );
    expect(isTrustedSender({ url: 'https://flowloop/index.html', isTopFrame: true }, RENDERER_URL)).toBe(
      false,
    );
    expect(
      isTrustedSender(
        { url: 'http://127.0.0.1:8080/index.html', isTopFrame: true },
        'http://127.0.0.1:8080/index.html',
      ),
    ).toBe(false);
    expect(isTrustedSender({ url: 'about:blank', isTopFrame: true }, RENDERER_URL)).toBe(false);
    expect(isTrustedSender({ url: 'not a url', isTopFrame: true }, RENDERER_URL)).toBe(false);
  });
});

describe('validateRequest', () => {
  it('accepts protocol requests and refuses anything else with a message naming the problem', () => {
    expect(validateRequest({ type: 'file.read', path: '/tmp/a.flow.json' })).toEqual({
      ok: true,
      request: { type: 'file.read', path: '/tmp/a.flow.json' },
    });
    const unknown = validateRequest({ type: 'shell.exec', command: 'rm -rf /' });
    expect(unknown.ok).toBe(false);
    expect(!unknown.ok && unknown.message).toContain('unknown request type "shell.exec"');
    const badField = validateRequest({ type: 'file.read', path: '' });
    expect(!badField.ok && badField.message).toContain('path');
    expect(validateRequest(null).ok).toBe(false);
    expect(validateRequest([{ type: 'app.info' }]).ok).toBe(false);
  });
});

describe('answerRequest (with the real host service)', () => {
  it('answers a valid request from our page', async () => {
    const { service } = realService();
    const reply = await answerRequest(service, ourPage, RENDERER_URL, { type: 'app.info' });
    expect(reply).toMatchObject({
      ok: true,
      response: { shell: 'electron', initialFile: null, defaultClock: { kind: 'real' } },
    });
  });

  it('refuses a foreign sender before the host sees the request', async () => {
    const { service, dataDir } = realService();
    const target = join(dataDir, 'written.flow.json');
    const reply = await answerRequest(
      service,
      { url: 'https://example.com/', isTopFrame: true },
      RENDERER_URL,
      { type: 'file.save', path: target, text: '{}' },
    );
    expect(reply).toEqual({
      ok: false,
      error: { message: 'refused: the request did not come from the Flowloop window' },
    });
    expect(existsSync(target)).toBe(false);
  });

  it('refuses a malformed request with the reason', async () => {
    const { service } = realService();
    const reply = await answerRequest(service, ourPage, RENDERER_URL, { type: 'run.stop' });
    expect(reply.ok).toBe(false);
    expect(!reply.ok && reply.error.message).toMatch(/runId/);
  });

  it("passes the host's own failures on as an error reply instead of throwing", async () => {
    const { service, dataDir } = realService();
    const reply = await answerRequest(service, ourPage, RENDERER_URL, {
      type: 'file.save',
      path: join(dataDir, 'missing-folder', 'a.flow.json'),
      text: '{}',
    });
    expect(reply.ok).toBe(false);
    expect(!reply.ok && reply.error.message).toContain('its folder does not exist');
  });
});
