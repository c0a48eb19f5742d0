// Runs in main. Opens a usage file (or adopts a caller's stream) and turns open errors into messages a user can act on.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { ImportFileError } from './import-file-error';

export interface OpenedSource {
  stream: Readable;
  /** File size for progress; null for a caller's stream of unknown length. */
  totalBytes: number | null;
}

/** 256 KiB reads: fewer chunks through the CSV parser than the 64 KiB default, still small. */
const READ_CHUNK_BYTES = 64 * 1024;

export async function openSource(source: string | Readable, totalBytes?: number): Promise<OpenedSource> {
  if (typeof source !== 'string') return { stream: source, totalBytes: totalBytes ?? null };
  let size: number;
  try {
    const info = await stat(source);
    if (!info.isFile()) throw new ImportFileError('file_unreadable', `"${source}" is a folder, not a file.`);
    size = info.size;
  } catch (error) {
    throw unreadable(source, error);
  }
  // Later errors (permissions at open, I/O) surface through the reader; readUsageFile words them with `unreadable`.
  return { stream: createReadStream(source, { highWaterMark: READ_CHUNK_BYTES }), totalBytes: size };
}

export function unreadable(path: string, error: unknown): ImportFileError {
  if (error instanceof ImportFileError) return error;
  const code = (error as { code?: string } | null)?.code;
  const why =
    code === 'ENOENT'
      ? 'it does not exist (moved or deleted?)'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'EISDIR'
          ? 'it is a folder'
          : error instanceof Error
            ? error.message
            : String(error);
  return new ImportFileError('file_unreadable', `Cannot read "${path}": ${why}.`, { cause: error });
}
