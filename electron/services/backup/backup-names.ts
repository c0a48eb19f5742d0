// Runs in main. Backup file names: `meterbook-2026-11-22T030000Z-daily.sqlite` (UTC, sortable), the id the UI uses.
import { BACKUP_ID_PATTERN, type BackupKind } from '../../../shared/domain/backup';

export const BACKUPS_FOLDER = 'backups';
/** a backup's metadata sits beside it: <id>.json (written only after the backup passed its checks) */
export const META_SUFFIX = '.json';
/** written here first, renamed into place only once checked */
export const TEMP_PREFIX = '.tmp-';

/** 2026-11-22T03:00:00.000Z -> 2026-11-22T030000Z */
export function stamp(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/:/g, '');
}

export function backupFileName(at: Date, kind: BackupKind, n = 0): string {
  return `meterbook-${stamp(at)}-${kind}${n > 0 ? `-${n + 1}` : ''}.sqlite`;
}

/** 1 for `...-manual.sqlite`, 2 for `...-manual-2.sqlite`: the order of backups taken in the same second. */
function sequence(id: string): number {
  return Number(/-(\d+)\.sqlite$/.exec(id)?.[1] ?? 1);
}

/** Sort comparator: newest first (then the later of two taken in the same second). */
export function newestFirst(a: { id: string; createdAt: string }, b: { id: string; createdAt: string }): number {
  return a.createdAt === b.createdAt ? sequence(b.id) - sequence(a.id) : b.createdAt.localeCompare(a.createdAt);
}

export function isBackupId(name: string): boolean {
  return BACKUP_ID_PATTERN.test(name);
}
