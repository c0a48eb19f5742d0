// Runs in the renderer (browser mode). Hands a usage file to the loopback bridge, which stores it and
// answers with an uploadId for import.preview / import.start ({ file: { uploadId } }):
//   POST /api/upload?name=<file name>   body = the file's bytes   ->  { ok: true, data: { uploadId, name, size } }
// Electron has file paths instead (files.pick); components never name this URL.
import type { Result } from '../../../shared/contract/result';
import { describeThrown, lostContact } from './lost-contact';
import { isResult } from './parse-result';

export interface UploadedFile {
  uploadId: string;
  name: string;
  size: number;
}

export interface UploadOptions {
  /** bytes sent so far, of total */
  onProgress?: (loaded: number, total: number) => void;
  signal?: AbortSignal;
}

export const UPLOAD_CANCELLED = 'The upload was cancelled.';

export function uploadUrl(name: string): string {
  return `/api/upload?name=${encodeURIComponent(name)}`;
}

function isUploaded(v: unknown): v is UploadedFile {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return typeof o.uploadId === 'string' && typeof o.name === 'string' && typeof o.size === 'number';
}

/** The bridge's answer (status and body text) as a Result; anything unexpected is a lost-contact error. */
export function parseUploadAnswer(status: number, text: string): Result<UploadedFile> {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return lostContact(`HTTP ${status}, answer was not JSON`);
  }
  if (!isResult(body)) return lostContact(`HTTP ${status}, unexpected answer`);
  if (!body.ok) return body;
  return isUploaded(body.data) ? { ok: true, data: body.data } : lostContact(`HTTP ${status}, unexpected answer`);
}

const cancelled = (): Result<never> => ({ ok: false, error: { code: 'conflict', message: UPLOAD_CANCELLED } });

/**
 * Uploads `file`. Never rejects: failures (HTTP, network, cancel) come back as `{ ok: false, error }`.
 * @example
 * const res = await uploadFile(input.files[0], { onProgress: (done, total) => setPct(done / total) });
 * if (res.ok) await call('import.preview', { file: { uploadId: res.data.uploadId } });
 */
export function uploadFile(file: File, options: UploadOptions = {}): Promise<Result<UploadedFile>> {
  if (options.signal?.aborted) return Promise.resolve(cancelled());
  if (typeof XMLHttpRequest === 'undefined') return uploadWithFetch(file, options);
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    const onAbort = () => xhr.abort();
    xhr.open('POST', uploadUrl(file.name));
    xhr.withCredentials = true;
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.upload.onprogress = (e) => options.onProgress?.(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onload = () => {
      options.signal?.removeEventListener('abort', onAbort);
      resolve(parseUploadAnswer(xhr.status, xhr.responseText));
    };
    xhr.onerror = () => {
      options.signal?.removeEventListener('abort', onAbort);
      resolve(lostContact('the upload failed'));
    };
    xhr.onabort = () => resolve(cancelled());
    options.signal?.addEventListener('abort', onAbort, { once: true });
    options.onProgress?.(0, file.size);
    xhr.send(file);
  });
}

async function uploadWithFetch(file: File, options: UploadOptions): Promise<Result<UploadedFile>> {
  try {
    const res = await fetch(uploadUrl(file.name), {
      method: 'POST',
      body: file,
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/octet-stream' },
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const text = await res.text();
    options.onProgress?.(file.size, file.size);
    return parseUploadAnswer(res.status, text);
  } catch (err) {
    if (options.signal?.aborted) return cancelled();
    return lostContact(describeThrown(err));
  }
}
