// Runs in main. Files the browser-mode bridge received (POST /api/upload), kept under <dataDir>/uploads:
//   <id>        the raw bytes, exactly as sent
//   <id>.json   { name, size, uploadedAt }: the original file name and proof that the bridge created the upload
//   <id>.part   an upload still streaming in (renamed to <id> once complete, deleted on failure)
// Ids are 24 random base64url characters, so they never contain a dot or a slash: a FileRef's uploadId
// can only ever name a file directly inside this folder. Uploads older than 7 days are deleted when the
// import service starts.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

export const UPLOADS_FOLDER = 'uploads';
export const UPLOAD_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;
/** The same shape FileRef accepts (shared/domain/file-import.ts). */
export const UPLOAD_ID = /^[A-Za-z0-9_-]{8,64}$/;

export interface UploadMeta {
  /** the original file name (as the browser sent it, reduced to a bare name) */
  name: string;
  size: number;
  uploadedAt: string;
}

export interface UploadPaths {
  file: string;
  part: string;
  meta: string;
}

export class UploadStore {
  constructor(readonly dir: string) {}

  static forDataDir(dataDir: string): UploadStore {
    return new UploadStore(path.join(dataDir, UPLOADS_FOLDER));
  }

  /** A fresh id: 18 random bytes, base64url (24 characters). */
  newId(): string {
    return randomBytes(18).toString('base64url');
  }

  paths(id: string): UploadPaths {
    if (!UPLOAD_ID.test(id)) throw new Error(`"${id}" is not an upload id.`);
    const file = path.join(this.dir, id);
    return { file, part: `${file}.part`, meta: `${file}.json` };
  }

  async ensureDir(): Promise<void> {
    await fs.mkdir(this.dir, { recursive: true, mode: 0o700 });
  }

  /** Records a complete upload: the bytes in `<id>.part` become `<id>`, with its metadata beside it. */
  async complete(id: string, meta: UploadMeta): Promise<void> {
    const p = this.paths(id);
    await fs.writeFile(p.meta, JSON.stringify(meta), { mode: 0o600 });
    await fs.rename(p.part, p.file);
  }

  /** Removes every trace of an upload (a failed or refused one included). */
  async remove(id: string): Promise<void> {
    const p = this.paths(id);
    await Promise.all([p.file, p.part, p.meta].map((f) => fs.rm(f, { force: true })));
  }

  /**
   * The upload's file and metadata, or null when there is no such upload (never created by the bridge,
   * still streaming, or already expired). Symbolic links and anything but a regular file are refused.
   */
  async find(id: string): Promise<{ path: string; meta: UploadMeta } | null> {
    if (!UPLOAD_ID.test(id)) return null;
    const p = this.paths(id);
    try {
      const [info, text] = await Promise.all([fs.lstat(p.file), fs.readFile(p.meta, 'utf8')]);
      if (!info.isFile()) return null;
      const meta = JSON.parse(text) as Partial<UploadMeta>;
      const name = typeof meta.name === 'string' && meta.name !== '' ? meta.name : id;
      return { path: p.file, meta: { name, size: info.size, uploadedAt: typeof meta.uploadedAt === 'string' ? meta.uploadedAt : info.mtime.toISOString() } };
    } catch (err) {
      if (isMissing(err) || err instanceof SyntaxError) return null;
      throw err;
    }
  }

  /** Deletes uploads (and leftovers of interrupted ones) last modified more than `maxAgeMs` before `now`. Returns how many entries went. */
  async removeExpired(now: Date, maxAgeMs = UPLOAD_MAX_AGE_MS): Promise<number> {
    let names: string[];
    try {
      names = await fs.readdir(this.dir);
    } catch (err) {
      if (isMissing(err)) return 0;
      throw err;
    }
    let removed = 0;
    for (const name of names) {
      const id = name.replace(/\.(part|json)$/, '');
      if (!UPLOAD_ID.test(id)) continue; // not ours: leave it alone
      const full = path.join(this.dir, name);
      try {
        const info = await fs.lstat(full);
        if (!info.isFile() || now.getTime() - info.mtimeMs <= maxAgeMs) continue;
        await fs.rm(full, { force: true });
        removed++;
      } catch (err) {
        if (!isMissing(err)) throw err;
      }
    }
    return removed;
  }
}

/** A file name as the user knows it: the last path segment, without control characters, at most 255 characters. */
export function displayName(raw: string | null | undefined): string {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return clean.length > 255 ? clean.slice(0, 255) : clean;
}

function isMissing(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
