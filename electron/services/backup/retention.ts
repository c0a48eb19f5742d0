// Runs in main. Which backups to delete: a pure function of the list, so tests drive it without files.
//   - automatic: the newest 7 (daily or weekly) and the newest 4 weekly (the first automatic backup of
//     an ISO week is its weekly and is kept longer);
//   - pre-restore safety backups: the newest 3;
//   - manual: kept until the user deletes them;
//   - the newest backup of all is never deleted, whatever its kind.
import type { BackupKind } from '../../../shared/domain/backup';
import { newestFirst as byNewest } from './backup-names';

export interface RetentionPolicy {
  daily: number;
  weekly: number;
  preRestore: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = { daily: 7, weekly: 4, preRestore: 3 };

export interface Retainable {
  id: string;
  kind: BackupKind;
  createdAt: string;
}

/** The ids to delete, given every good backup. */
export function planRetention(backups: readonly Retainable[], policy: RetentionPolicy = DEFAULT_RETENTION): string[] {
  const newestFirst = [...backups].sort(byNewest);
  const keep = new Set<string>();
  if (newestFirst[0]) keep.add(newestFirst[0].id);
  const take = (pred: (b: Retainable) => boolean, n: number) => newestFirst.filter(pred).slice(0, n).forEach((b) => keep.add(b.id));
  take((b) => b.kind === 'daily' || b.kind === 'weekly', policy.daily);
  take((b) => b.kind === 'weekly', policy.weekly);
  take((b) => b.kind === 'pre-restore', policy.preRestore);
  take((b) => b.kind === 'manual', Number.MAX_SAFE_INTEGER);
  return newestFirst.filter((b) => !keep.has(b.id)).map((b) => b.id);
}

/** The Monday (UTC, YYYY-MM-DD) of the ISO week `at` falls in: two dates share an ISO week iff they share it. */
export function isoWeekKey(at: Date): string {
  const day = (at.getUTCDay() + 6) % 7; // Monday 0 ... Sunday 6
  const monday = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate() - day));
  return monday.toISOString().slice(0, 10);
}

/** An automatic backup is the week's weekly when no automatic backup exists yet in its ISO week. */
export function automaticKind(at: Date, existing: readonly Retainable[]): 'daily' | 'weekly' {
  const week = isoWeekKey(at);
  const taken = existing.some((b) => (b.kind === 'daily' || b.kind === 'weekly') && isoWeekKey(new Date(b.createdAt)) === week);
  return taken ? 'daily' : 'weekly';
}
