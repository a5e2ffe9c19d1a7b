/**
 * The page's origin, its Content-Security-Policy, and which files it may load. (The
 * webPreferences are written out in main.ts, where electronegativity can read them.)
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';

/** The page may load only its own files; inline styles are allowed for React Flow's positioning. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The page is served from this custom scheme rather than file://: a standard, secure origin of its
 * own, so 'self' in the CSP means exactly our files, ES module scripts load same-origin, and no
 * file: URL is ever a page of ours (Electron's security checklist, "avoid file://").
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'flowloop';
export const RENDERER_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * The file an app://flowloop/ request may read: only files inside the renderer's folder ("/" is
 * index.html). Anything else (another host, `..`, bad escapes, another scheme) gives null and is
 * answered 404.
 */
export function rendererFileFor(requestUrl: string, rendererDir: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (path === '/' || path === '') path = '/index.html';
  if (path.includes('\\') || path.includes('\0')) return null;
  const root = resolve(rendererDir);
  const target = resolve(root, `.${path}`);
  const inside = relative(root, target);
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) return null;
  return target;
}
