// Runs in main (browser-mode bridge). POST /api/upload?name=<file name>: the browser's way to hand a usage
// file to the import (it has no file paths). The raw body (application/octet-stream or text/csv, never a
// multipart form) streams to <dataDir>/uploads/<random id>.part, chunk by chunk with backpressure, and
// becomes <id> once complete; the answer is { ok: true, data: { uploadId, name, size } }, and the uploadId
// goes into import.preview / import.start as { file: { uploadId } }. Authentication and origin checks are
// the bridge's own (server.ts) and run before this handler. Bodies over 2 GB get 413 and leave nothing.
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../services/logger';
import { displayName, type UploadStore } from '../services/import/uploads';
import { failure, sendResult } from './respond';

export const UPLOAD_PATH = '/api/upload';
export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024 * 1024;

/** What browsers and scripts send for a CSV or JSON-lines file. */
const ACCEPTED_TYPES = new Set(['application/octet-stream', 'text/csv', 'text/plain', 'text/tab-separated-values', 'application/x-ndjson', 'application/jsonl']);

export interface UploadOptions {
  store: UploadStore;
  logger: Logger;
  /** default MAX_UPLOAD_BYTES (tests lower it) */
  maxBytes?: number;
}

export async function handleUpload(req: IncomingMessage, res: ServerResponse, url: URL, options: UploadOptions): Promise<void> {
  const maxBytes = options.maxBytes ?? MAX_UPLOAD_BYTES;
  if (req.method !== 'POST') {
    sendResult(res, 405, failure('invalid_input', 'Files are uploaded with POST.'), { Allow: 'POST' });
    return;
  }
  const contentType = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (!ACCEPTED_TYPES.has(contentType)) {
    sendResult(res, 415, failure('invalid_input', 'Send the file itself as the request body (Content-Type: application/octet-stream or text/csv).'));
    return;
  }
  const name = displayName(url.searchParams.get('name'));
  if (name === '') {
    sendResult(res, 400, failure('invalid_input', 'Name the file: POST /api/upload?name=<file name>.'));
    return;
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    tooLarge(req, res, maxBytes);
    return;
  }

  const { store } = options;
  await store.ensureDir();
  const id = store.newId();
  const paths = store.paths(id);
  const outcome = await receive(req, paths.part, maxBytes);
  if (outcome.kind !== 'complete') {
    await store.remove(id);
    if (outcome.kind === 'too_large') tooLarge(req, res, maxBytes);
    else if (outcome.kind === 'failed') {
      options.logger.error('Upload could not be stored', { error: outcome.error.message });
      if (!res.headersSent) sendResult(res, 500, failure('internal', 'Meterbook could not store the upload (is the disk full?); see the log.'));
    }
    // 'aborted': the browser went away; nobody is left to answer
    return;
  }
  try {
    await store.complete(id, { name, size: outcome.size, uploadedAt: new Date().toISOString() });
  } catch (err) {
    await store.remove(id);
    throw err;
  }
  sendResult(res, 200, { ok: true, data: { uploadId: id, name, size: outcome.size } });
}

type Received = { kind: 'complete'; size: number } | { kind: 'too_large' } | { kind: 'aborted' } | { kind: 'failed'; error: Error };

/** Streams the body into `file` (created, never overwritten), pausing the request while the disk catches up. */
function receive(req: IncomingMessage, file: string, maxBytes: number): Promise<Received> {
  return new Promise((resolve) => {
    const out = fs.createWriteStream(file, { flags: 'wx', mode: 0o600 });
    let size = 0;
    let settled = false;
    const settle = (r: Received) => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      if (r.kind === 'complete') {
        resolve(r);
        return;
      }
      // stop writing; the file is deleted by the caller once its handle is closed
      out.destroy();
      if (out.closed) resolve(r);
      else out.once('close', () => resolve(r));
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        settle({ kind: 'too_large' });
        return;
      }
      if (!out.write(chunk)) {
        req.pause();
        out.once('drain', () => req.resume());
      }
    };
    req.on('data', onData);
    req.once('end', () => {
      if (settled) return;
      out.end();
      out.once('close', () => settle({ kind: 'complete', size }));
    });
    req.once('aborted', () => settle({ kind: 'aborted' }));
    req.once('close', () => {
      if (!req.complete) settle({ kind: 'aborted' });
    });
    out.once('error', (error) => settle({ kind: 'failed', error }));
  });
}

function tooLarge(req: IncomingMessage, res: ServerResponse, maxBytes: number): void {
  // drain what is still coming without storing it; the connection is closed after the answer
  req.resume();
  sendResult(res, 413, failure('invalid_input', `The file is larger than ${describe(maxBytes)}; split it into smaller files.`), { Connection: 'close' });
}

function describe(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${Math.round((bytes / 1024 ** 3) * 10) / 10} GB`;
  if (bytes >= 1024 ** 2) return `${Math.round((bytes / 1024 ** 2) * 10) / 10} MB`;
  return `${bytes} bytes`;
}
