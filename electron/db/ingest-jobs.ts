// Runs in main. Job rows and per-account sync state (the cursor itself is written by UsageStore.writeBatch,
// in the same transaction as the events it covers).
import type BetterSqlite3 from 'better-sqlite3';

export type JobStatus = 'running' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted' | 'waiting';

export interface JobRow {
  id: number;
  kind: 'sync' | 'import' | 'dry_run';
  provider_account_id: number | null;
  source: string | null;
  status: JobStatus;
  started_at: string;
  finished_at: string | null;
  pages: number;
  fetched: number;
  inserted: number;
  duplicates: number;
  replaced: number;
  rejected: number;
  checkpoint: string | null;
  error: string | null;
  owner_pid: number | null;
}

/** true while a process with this id exists (signal 0 only checks) */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class IngestJobs {
  constructor(private readonly raw: BetterSqlite3.Database) {}

  create(input: { kind: JobRow['kind']; providerAccountId: number | null; source: string | null; now: Date }): number {
    return Number(
      this.raw
        .prepare(`insert into ingest_jobs (kind, provider_account_id, source, status, started_at, owner_pid) values (?, ?, ?, 'running', ?, ?)`)
        .run(input.kind, input.providerAccountId, input.source, input.now.toISOString(), process.pid).lastInsertRowid,
    );
  }

  get(id: number): JobRow | undefined {
    return this.raw.prepare('select * from ingest_jobs where id = ?').get(id) as JobRow | undefined;
  }

  finish(id: number, status: Exclude<JobStatus, 'running'>, now: Date, error: string | null = null): void {
    this.raw.prepare('update ingest_jobs set status = ?, finished_at = ?, error = ? where id = ?').run(status, now.toISOString(), error, id);
  }

  /**
   * After a crash: jobs still marked running whose process is gone were interrupted (a job of another live
   * process, e.g. the desktop app while a CLI command runs, is left alone). Committed pages/batches stay.
   */
  markInterrupted(now: Date): number {
    const running = this.raw.prepare(`select id, kind, owner_pid from ingest_jobs where status = 'running'`).all() as Array<{ id: number; kind: string; owner_pid: number | null }>;
    const mark = this.raw.prepare(`update ingest_jobs set status = 'interrupted', finished_at = ?, error = ? where id = ? and status = 'running'`);
    let n = 0;
    for (const j of running) {
      if (j.owner_pid !== null && j.owner_pid !== process.pid && processAlive(j.owner_pid)) continue;
      const message =
        j.kind === 'sync'
          ? 'Meterbook stopped while this sync ran. Everything fetched before that is saved; the next sync continues from there.'
          : 'Meterbook stopped while this import ran. The rows committed before that are saved; import the same file again to finish (rows already imported count as duplicates).';
      n += mark.run(now.toISOString(), message, j.id).changes;
    }
    return n;
  }

  cursor(accountId: number): string | null {
    const row = this.raw.prepare('select cursor from sync_state where provider_account_id = ?').get(accountId) as { cursor: string | null } | undefined;
    return row?.cursor ?? null;
  }

  recordAttempt(accountId: number, outcome: { ok: boolean; now: Date; nextRunAt: Date | null }): void {
    this.raw
      .prepare(
        `insert into sync_state (provider_account_id, last_attempt_at, last_success_at, next_run_at, consecutive_failures)
         values (?, ?, ?, ?, ?)
         on conflict (provider_account_id) do update set
           last_attempt_at = excluded.last_attempt_at,
           last_success_at = coalesce(excluded.last_success_at, last_success_at),
           next_run_at = excluded.next_run_at,
           consecutive_failures = case when ? then 0 else consecutive_failures + 1 end`,
      )
      .run(
        accountId,
        outcome.now.toISOString(),
        outcome.ok ? outcome.now.toISOString() : null,
        outcome.nextRunAt?.toISOString() ?? null,
        outcome.ok ? 0 : 1,
        outcome.ok ? 1 : 0,
      );
  }
}
