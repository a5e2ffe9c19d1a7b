/** Serving the built renderer: content types, no way out of its folder, a plain page when it is not built. */
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeOf(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

export type StaticLookup =
  | { kind: 'file'; body: Buffer; contentType: string }
  | { kind: 'not-built' }
  | { kind: 'refused'; status: 400 | 404 };

/** Maps a URL path to a file under `root`; '/' is index.html. Anything leading outside `root` is refused. */
export async function lookupStatic(root: string, urlPath: string): Promise<StaticLookup> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { kind: 'refused', status: 400 };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { kind: 'refused', status: 400 };
  const segments = decoded.split('/');
  if (segments.some((s) => s === '..' || s === '.')) return { kind: 'refused', status: 400 };
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const rootPath = normalize(root);
  const file = normalize(join(rootPath, relative));
  if (!file.startsWith(rootPath.endsWith(sep) ? rootPath : rootPath + sep))
    return { kind: 'refused', status: 400 };
  if (relative === 'index.html' && !(await isFile(file))) return { kind: 'not-built' };
  if (!(await isFile(file))) return { kind: 'refused', status: 404 };
  return { kind: 'file', body: await readFile(file), contentType: contentTypeOf(file) };
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

export const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Flowloop: the editor is not built</title></head>
<body>
<h1>The editor is not built yet</h1>
<p>The browser mode serves the built renderer from <code>dist/renderer</code>, which does not exist here.</p>
<p>Build it with <code>npm run build:renderer</code>, then start <code>flowloop web</code> again.</p>
</body>
</html>
`;
