/**
 * The page's Content-Security-Policy and the rule for which files the window may load. (The
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
 * The file a file: request may read: only files inside the renderer's folder. Anything else
 * (another folder, `..`, a UNC host) gives null and is answered 404.
 */
export function rendererFileFor(requestUrl: string, rendererDir: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== 'file:' || url.host !== '') return null;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (process.platform === 'win32' && /^\/[A-Za-z]:/.test(path)) path = path.slice(1);
  const root = resolve(rendererDir);
  const target = resolve(path);
  const inside = relative(root, target);
  if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) return null;
  return target;
}
