/**
 * For page-side tests: `host` stands in for the host where getHost() looks first (the preload's
 * `window.flowloop`) during one test file. The host's own side is tested against the real host
 * service in host/host-service.test.ts.
 */
import { afterAll, beforeAll } from 'vitest';
import type { HostApi } from '../../shared/protocol/messages';

export function installTestHost(host: HostApi): void {
  beforeAll(() => {
    (globalThis as { window?: unknown }).window = { flowloop: host };
  });
  afterAll(() => {
    delete (globalThis as { window?: unknown }).window;
  });
}
