// Runs in main; no electron import, so it is tested under Node with real files.
// Serves the built renderer (out/renderer) for the app:// scheme: maps a URL to a file inside the
// root and refuses anything that would leave it (.., encoded slashes, backslashes, NUL bytes).
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { APP_HOST, APP_SCHEME } from './app-origin';

const MIME_TYPES: Readonly<Record<string, string>> = {
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
  '.otf': 'font/otf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function mimeType(file: string): string {
  return MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The absolute path of the file an app:// URL names inside `root`, or null when the URL is not
 * an app://meterbook URL or its path would escape the root. A path ending in "/" means index.html.
 *
 * @example
 * resolveRendererFile('/opt/mb/out/renderer', 'app://meterbook/assets/index-abc.js')
 * // '/opt/mb/out/renderer/assets/index-abc.js'
 * resolveRendererFile('/opt/mb/out/renderer', 'app://meterbook/..%2F..%2Fetc/passwd') // null
 */
export function resolveRendererFile(root: string, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host.toLowerCase() !== APP_HOST) return null;
  if (parsed.username !== '' || parsed.password !== '') return null;

  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null; // malformed percent-encoding
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  // After decoding, a ".." segment (possibly smuggled as %2e%2e or ..%2f) is refused outright.
  if (pathname.split('/').some((segment) => segment === '..')) return null;
  if (!pathname.startsWith('/')) pathname = `/${pathname}`;
  if (pathname.endsWith('/')) pathname += 'index.html';

  const base = path.resolve(root);
  const file = path.resolve(base, `.${pathname}`);
  const rel = path.relative(base, file);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return null;
  return file;
}

export interface AppProtocolHandlerOptions {
  /** the built renderer folder (out/renderer) */
  root: string;
  /** sent as Content-Security-Policy with every response */
  contentSecurityPolicy: string;
}

const notFound = () => new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

/**
 * The `protocol.handle('app', ...)` handler as a plain function of a web Request.
 * GET/HEAD only. A missing path without a file extension gets index.html (client-side routes);
 * a missing asset is a 404.
 */
export function createAppProtocolHandler({ root, contentSecurityPolicy }: AppProtocolHandlerOptions): (request: Request) => Promise<Response> {
  const securityHeaders = {
    'Content-Security-Policy': contentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
  };
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Method not allowed', { status: 405, headers: { Allow: 'GET, HEAD' } });
    }
    let file = resolveRendererFile(root, request.url);
    if (file === null) return notFound();
    if (!(await isFile(file))) {
      if (path.extname(file) !== '') return notFound();
      file = path.join(path.resolve(root), 'index.html');
      if (!(await isFile(file))) return notFound();
    }
    const body = request.method === 'HEAD' ? null : await readFile(file);
    return new Response(body, { status: 200, headers: { ...securityHeaders, 'Content-Type': mimeType(file) } });
  };
}
