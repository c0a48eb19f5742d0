// Runs in main. Turns a FileRef of the contract into a file on this machine:
// - { path }: chosen in the Electron dialog or given to the CLI; must be absolute, exist and be a regular file.
// - { uploadId }: a file the browser-mode bridge stored (see uploads.ts); only ids the bridge created resolve.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { FileRef } from '../../../shared/domain/file-import';
import { AppError } from '../errors';
import type { UploadStore } from './uploads';

export interface ResolvedFile {
  path: string;
  /** what the user calls the file: its base name, or the original name of an upload */
  name: string;
  size: number;
}

export async function resolveFileRef(ref: FileRef, uploads: UploadStore): Promise<ResolvedFile> {
  if ('uploadId' in ref) {
    const found = await uploads.find(ref.uploadId);
    if (found === null) {
      throw new AppError('invalid_input', 'That upload is no longer available (uploads are kept for 7 days). Upload the file again.', { field: 'file' });
    }
    return { path: found.path, name: found.meta.name, size: found.meta.size };
  }
  return statPath(ref.path);
}

/** A local file the user named: absolute, existing, a regular file (a link to one is fine). */
export async function statPath(filePath: string): Promise<ResolvedFile> {
  if (!path.isAbsolute(filePath)) {
    throw new AppError('invalid_input', `"${filePath}" is not a full path; choose the file again.`, { field: 'file' });
  }
  let info;
  try {
    info = await fs.stat(filePath);
  } catch (err) {
    const code = (err as { code?: unknown } | null)?.code;
    const why =
      code === 'ENOENT' || code === 'ENOTDIR'
        ? 'does not exist (moved or deleted?)'
        : code === 'EACCES' || code === 'EPERM'
          ? 'cannot be read (permission denied)'
          : `cannot be read (${err instanceof Error ? err.message : String(err)})`;
    throw new AppError('invalid_input', `The file "${filePath}" ${why}.`, { field: 'file' });
  }
  if (info.isDirectory()) throw new AppError('invalid_input', `"${filePath}" is a folder, not a file.`, { field: 'file' });
  if (!info.isFile()) throw new AppError('invalid_input', `"${filePath}" is not a regular file.`, { field: 'file' });
  return { path: filePath, name: path.basename(filePath), size: info.size };
}
