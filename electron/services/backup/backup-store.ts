// Runs in main. The backups folder is the record of backups: each checked backup is a file plus a
// sidecar <id>.json written after its checks passed. Nothing about backups is stored in the ledger:
// a restored ledger would otherwise carry a list of backups that describes another point in time.
import fs from 'node:fs';
import path from 'node:path';
import { BACKUP_KINDS, type Backup, type BackupKind, type BackupSettings } from '../../../shared/domain/backup';
import { BACKUPS_FOLDER, META_SUFFIX, TEMP_PREFIX, isBackupId, newestFirst } from './backup-names';
import { fsyncDir, removeQuietly, writeFileAtomic } from './durable-fs';

const SETTINGS_FILE = 'settings.json';
export const DEFAULT_BACKUP_SETTINGS: BackupSettings = { auto: true };
/** temp files and unrecorded backups older than this are leftovers of a killed process */
const STALE_MS = 60 * 60 * 1000;

export interface Sidecar {
  kind: BackupKind;
  createdAt: string;
  sizeBytes: number;
  checked: boolean;
  schemaVersion: number;
  appVersion: string;
  /** of the file as written: a restore refuses a backup changed since (SQLite has no page checksums) */
  sha256: string;
}

function parseSidecar(text: string): Sidecar | null {
  try {
    const v = JSON.parse(text) as Partial<Sidecar>;
    if (!BACKUP_KINDS.includes(v.kind as BackupKind) || typeof v.createdAt !== 'string' || typeof v.sizeBytes !== 'number' || v.checked !== true) return null;
    if (typeof v.sha256 !== 'string') return null;
    return { kind: v.kind!, createdAt: v.createdAt, sizeBytes: v.sizeBytes, checked: true, schemaVersion: Number(v.schemaVersion ?? 0), appVersion: String(v.appVersion ?? ''), sha256: v.sha256 };
  } catch {
    return null;
  }
}

export class BackupStore {
  readonly dir: string;

  constructor(dataDir: string) {
    this.dir = path.join(dataDir, BACKUPS_FOLDER);
  }

  ensureDir(): void {
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
  }

  /** Every good backup (file present, sidecar says checked, size matches), newest first. */
  list(): Backup[] {
    let names: string[];
    try {
      names = fs.readdirSync(this.dir);
    } catch {
      return [];
    }
    const out: Backup[] = [];
    for (const name of names) {
      if (!isBackupId(name)) continue;
      const meta = this.readSidecar(name);
      if (meta === null) continue;
      let size: number;
      try {
        size = fs.statSync(path.join(this.dir, name)).size;
      } catch {
        continue;
      }
      if (size !== meta.sizeBytes) continue;
      const { sha256: _digest, ...shown } = meta;
      out.push({ id: name, ...shown });
    }
    return out.sort(newestFirst);
  }

  get(id: string): Backup | null {
    return this.list().find((b) => b.id === id) ?? null;
  }

  pathOf(id: string): string {
    if (!isBackupId(id)) throw new Error(`"${id}" is not a backup id`);
    return path.join(this.dir, id);
  }

  tempPath(): string {
    return path.join(this.dir, `${TEMP_PREFIX}${process.pid}-${Date.now()}.sqlite`);
  }

  /** Moves a checked temp file into place and records it; the sidecar is written last, so only a complete backup counts. */
  commit(temp: string, id: string, meta: Sidecar): Backup {
    const file = this.pathOf(id);
    fs.renameSync(temp, file);
    fsyncDir(this.dir);
    writeFileAtomic(`${file}${META_SUFFIX}`, JSON.stringify(meta, null, 2));
    const { sha256: _digest, ...shown } = meta;
    return { id, ...shown };
  }

  taken(id: string): boolean {
    const file = this.pathOf(id);
    return fs.existsSync(file) || fs.existsSync(`${file}${META_SUFFIX}`);
  }

  remove(id: string): boolean {
    const file = this.pathOf(id);
    const existed = fs.existsSync(file);
    // sidecar first: a half-removed backup is then simply not listed
    removeQuietly(`${file}${META_SUFFIX}`, file);
    fsyncDir(this.dir);
    return existed;
  }

  /** Deletes temp files and unrecorded backups left by a killed process (older than an hour). */
  removeLeftovers(now: number = Date.now()): string[] {
    const removed: string[] = [];
    let names: string[];
    try {
      names = fs.readdirSync(this.dir);
    } catch {
      return removed;
    }
    for (const name of names) {
      const full = path.join(this.dir, name);
      const leftover = name.startsWith(TEMP_PREFIX) || (isBackupId(name) && this.readSidecar(name) === null) || (name.endsWith(META_SUFFIX) && isBackupId(name.slice(0, -META_SUFFIX.length)) && !fs.existsSync(full.slice(0, -META_SUFFIX.length)));
      if (!leftover) continue;
      try {
        if (now - fs.statSync(full).mtimeMs < STALE_MS) continue;
      } catch {
        continue;
      }
      removeQuietly(full);
      removed.push(name);
    }
    return removed;
  }

  settings(): BackupSettings {
    try {
      const v = JSON.parse(fs.readFileSync(path.join(this.dir, SETTINGS_FILE), 'utf8')) as Partial<BackupSettings>;
      return { auto: typeof v.auto === 'boolean' ? v.auto : DEFAULT_BACKUP_SETTINGS.auto };
    } catch {
      return { ...DEFAULT_BACKUP_SETTINGS };
    }
  }

  saveSettings(settings: BackupSettings): BackupSettings {
    this.ensureDir();
    writeFileAtomic(path.join(this.dir, SETTINGS_FILE), JSON.stringify(settings, null, 2));
    return settings;
  }

  /** The recorded digest of a backup file (by id, or of any file with a sidecar beside it), or null. */
  static recordedDigest(file: string): string | null {
    try {
      return parseSidecar(fs.readFileSync(`${file}${META_SUFFIX}`, 'utf8'))?.sha256 ?? null;
    } catch {
      return null;
    }
  }

  private readSidecar(id: string): Sidecar | null {
    try {
      return parseSidecar(fs.readFileSync(path.join(this.dir, `${id}${META_SUFFIX}`), 'utf8'));
    } catch {
      return null;
    }
  }
}
