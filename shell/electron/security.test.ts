import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, RENDERER_URL, rendererFileFor } from './security';

const rendererDir = join('/opt', 'flowloop', 'dist', 'renderer');

describe('CONTENT_SECURITY_POLICY', () => {
  it('allows only the app’s own scripts, styles, images and connections', () => {
    const directives = Object.fromEntries(
      CONTENT_SECURITY_POLICY.split('; ').map((part) => [
        part.split(' ')[0],
        part.split(' ').slice(1).join(' '),
      ]),
    );
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
  it('serves files inside the renderer folder; / is index.html', () => {
    expect(RENDERER_URL).toBe('app://flowloop/index.html');
    expect(rendererFileFor(RENDERER_URL, rendererDir)).toBe(join(rendererDir, 'index.html'));
    expect(rendererFileFor('app://flowloop/', rendererDir)).toBe(join(rendererDir, 'index.html'));
    expect(rendererFileFor('app://flowloop/assets/main%20x.js?v=1#x', rendererDir)).toBe(
      join(rendererDir, 'assets', 'main x.js'),
    );
  });

  it('refuses everything else: climbing out, other hosts and schemes, bad escapes', () => {
    // The URL parser already clamps `..` (plain or %2e%2e) at the root: these stay inside.
    expect(rendererFileFor('app://flowloop/../../package.json', rendererDir)).toBe(
      join(rendererDir, 'package.json'),
    );
    expect(rendererFileFor('app://flowloop/%2e%2e/%2e%2e/package.json', rendererDir)).toBe(
      join(rendererDir, 'package.json'),
    );
    // Escaped slashes survive the parser; decoded, they would climb out: refused.
    expect(rendererFileFor('app://flowloop/..%2f..%2fpackage.json', rendererDir)).toBeNull();
    expect(rendererFileFor('app://flowloop/..%5c..%5cpackage.json', rendererDir)).toBeNull();
    expect(rendererFileFor('app://flowloop/%00.js', rendererDir)).toBeNull();
    expect(rendererFileFor('app://flowloop/%E0%A4%A.js', rendererDir)).toBeNull();
    expect(rendererFileFor('app://evil/index.html', rendererDir)).toBeNull();
    expect(rendererFileFor(`file://${rendererDir}/index.html`, rendererDir)).toBeNull();
    expect(rendererFileFor('https://flowloop/index.html', rendererDir)).toBeNull();
    expect(rendererFileFor('not a url', rendererDir)).toBeNull();
  });
});
