// Runs in main (browser-mode bridge). Serves the built renderer (out/renderer) with an SPA
// fallback to index.html. Only regular files inside the root are ever read: the decoded path
// may not contain "..", hidden segments, backslashes or NUL, and the real path of the file
// (symlinks resolved) must still be inside the root.
import fs from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendText } from './respond';

const INDEX = 'index.html';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.pdf': 'application/pdf',
};

export const contentTypeOf = (file: string): string => CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';

export interface StaticFiles {
  serve(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void>;
}

export async function createStaticFiles(rendererDir: string): Promise<StaticFiles> {
  const root = await fs.promises.realpath(path.resolve(rendererDir));

  /** The real path of a regular file inside root, or null. */
  const findFile = async (relative: string): Promise<{ file: string; size: number } | null> => {
    try {
      const file = await fs.promises.realpath(path.join(root, relative));
      if (!isInside(root, file)) return null;
      const stat = await fs.promises.stat(file);
      return stat.isFile() ? { file, size: stat.size } : null;
    } catch {
      return null;
    }
  };

  return {
    async serve(req, res, pathname) {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        sendText(res, 405, 'Method not allowed.\n', { Allow: 'GET, HEAD' });
        return;
      }
      const relative = safeRelativePath(pathname);
      if (relative === null) {
        sendText(res, 404, 'Not found.\n');
        return;
      }
      let found = relative === '' ? null : await findFile(relative);
      // SPA fallback: "/clients/12" is a route of the renderer, "/missing.js" is a missing file
      if (found === null && path.posix.extname(relative) === '') found = await findFile(INDEX);
      if (found === null) {
        sendText(res, 404, 'Not found.\n');
        return;
      }
      const isIndex = path.basename(found.file) === INDEX && path.dirname(found.file) === root;
      res.writeHead(200, {
        'Content-Type': contentTypeOf(found.file),
        'Content-Length': found.size,
        'Cache-Control': isIndex ? 'no-store' : 'no-cache',
      });
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      const stream = fs.createReadStream(found.file);
      stream.on('error', () => res.destroy());
      stream.pipe(res);
    },
  };
}

/**
 * The request path as a relative path inside the root ("" for "/"), or null when it tries to
 * leave the root or reach a hidden file. Works on the decoded path, so "%2e%2e%2f" is caught too.
 */
export function safeRelativePath(pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s.startsWith('.'))) return null; // "..", "." and dotfiles
  return segments.join('/');
}

function isInside(root: string, file: string): boolean {
  const rel = path.relative(root, file);
  return rel !== '' && rel.split(path.sep)[0] !== '..' && !path.isAbsolute(rel);
}
