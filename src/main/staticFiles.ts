// The built renderer (out/renderer) as files to serve, for the app:// protocol and the web host
// alike: a request path maps to a file inside the folder or to nothing, never outside it.
import { existsSync, statSync } from 'node:fs';
import { extname, join, relative, resolve, sep } from 'node:path';

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
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file to answer `pathname` (as it appears in the URL, percent-encoded) with, or undefined.
 * "/" and paths without an extension (the app's own routes) get index.html; anything that
 * decodes to "..", a backslash or a NUL, or resolves outside `root`, gets nothing.
 */
export function resolveStaticFile(root: string, pathname: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const segments = decoded.split('/').filter(Boolean);
  if (segments.some((s) => s === '..' || s === '.')) return undefined;
  const base = resolve(root);
  const index = join(base, 'index.html');
  if (segments.length === 0) return existsSync(index) ? index : undefined;
  const file = resolve(base, ...segments);
  const inside = relative(base, file);
  if (inside === '' || inside.startsWith('..') || inside.startsWith(sep)) return undefined;
  if (existsSync(file) && statSync(file).isFile()) return file;
  // A client-side route (/students/123) is the app's page; a missing asset (/x.js) is a 404.
  if (extname(segments.at(-1) ?? '') === '' && existsSync(index)) return index;
  return undefined;
}
