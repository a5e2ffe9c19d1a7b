import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, rendererFileFor } from './security';

const rendererDir = join('/opt', 'flowloop', 'dist', 'renderer');
const url = (path: string) => pathToFileURL(path).href;

describe('CONTENT_SECURITY_POLICY', () => {
  it('allows only the app’s own scripts, styles, images and connections', () => {
    const directives = Object.fromEntries(CONTENT_SECURITY_POLICY.split('; ').map((part) => [part.split(' ')[0], part.split(' ').slice(1).join(' ')]));
    expect(directives).toMatchObject({
      'default-src': "'self'",
      'script-src': "'self'",
      'style-src': "'self' 'unsafe-inline'",
      'img-src': "'self' data:",
      'connect-src': "'self'",
      'object-src': "'none'",
    });
  });
});

describe('rendererFileFor', () => {
  it('serves files inside the renderer folder', () => {
    expect(rendererFileFor(url(join(rendererDir, 'index.html')), rendererDir)).toBe(join(rendererDir, 'index.html'));
    expect(rendererFileFor(`${url(join(rendererDir, 'assets', 'main.js'))}?v=1#x`, rendererDir)).toBe(join(rendererDir, 'assets', 'main.js'));
  });

  it('refuses everything else: other folders, climbing out, the folder itself, other hosts and schemes', () => {
    expect(rendererFileFor(url('/etc/passwd'), rendererDir)).toBeNull();
    expect(rendererFileFor(`file://${rendererDir}/%2e%2e/%2e%2e/package.json`, rendererDir)).toBeNull();
    expect(rendererFileFor(`file://${rendererDir}/../renderer-evil/index.html`, rendererDir)).toBeNull();
    expect(rendererFileFor(url(rendererDir), rendererDir)).toBeNull();
    expect(rendererFileFor(`file://server${rendererDir}/index.html`, rendererDir)).toBeNull();
    expect(rendererFileFor('https://example.com/index.html', rendererDir)).toBeNull();
    expect(rendererFileFor('not a url', rendererDir)).toBeNull();
    expect(rendererFileFor(`file://${rendererDir}/%E0%A4%A.js`, rendererDir)).toBeNull();
  });
});
