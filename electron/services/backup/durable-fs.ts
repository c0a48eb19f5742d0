// Runs in main. Durability helpers: a rename is only atomic and lasting once the file and its folder are fsynced.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Makes a rename or unlink in `dir` survive power loss (a no-op where folders cannot be opened, e.g. Windows). */
export function fsyncDir(dir: string): void {
  let fd: number;
  try {
    fd = fs.openSync(dir, 'r');
  } catch {
    return;
  }
  try {
    fs.fsyncSync(fd);
  } catch {
    // EISDIR/EPERM on some platforms: folders cannot be fsynced there
  } finally {
    fs.closeSync(fd);
  }
}

/** Writes `data` to a temp name beside `file`, fsyncs it, renames it over `file`, fsyncs the folder. */
export function writeFileAtomic(file: string, data: string | Uint8Array, mode = 0o600): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, data, { mode });
  fsyncFile(tmp);
  fs.renameSync(tmp, file);
  fsyncDir(path.dirname(file));
}

/** sha256 of a file, read in 1 MB chunks. */
export function fileSha256(file: string): string {
  const hash = createHash('sha256');
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(1024 * 1024);
    let n: number;
    while ((n = fs.readSync(fd, buf, 0, buf.length, null)) > 0) hash.update(buf.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}

export function removeQuietly(...files: string[]): void {
  for (const f of files) fs.rmSync(f, { force: true });
}

/** A SQLite file and its side files (-wal, -shm, -journal). */
export const sideFiles = (file: string): string[] => [`${file}-wal`, `${file}-shm`, `${file}-journal`];
