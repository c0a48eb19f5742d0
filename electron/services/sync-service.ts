// Runs in main. Starts, cancels and schedules provider syncs; keeps job history.
import type BetterSqlite3 from 'better-sqlite3';
import type { ParsedInput } from '../../shared/contract/commands';
import type { IngestJob } from '../../shared/domain/ingest';
import { IngestJobs, type JobRow } from '../db/ingest-jobs';
import type { UsageStore } from '../db/usage-store';
import { connectorFor } from '../ingest/connectors';
import type { ConnectorContext } from '../ingest/connectors/connector';
import type { RetryOverrides } from '../ingest/http/request-json';
import { runSync } from '../ingest/sync/run-sync';
import type { JobRegistry } from '../jobs/job-registry';
import type { Clock } from './clock';
import { AppError, notFound } from './errors';
import type { EventBus } from './event-bus';
import type { Logger } from './logger';
import type { ProvidersService } from './providers-service';

export const syncJobId = (ingestJobId: number) => `ingest:${ingestJobId}`;

export function toIngestJob(r: JobRow): IngestJob {
  return {
    id: r.id,
    jobId: syncJobId(r.id),
    kind: r.kind,
    providerAccountId: r.provider_account_id,
    source: r.source,
    status: r.status,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    pages: r.pages,
    fetched: r.fetched,
    inserted: r.inserted,
    duplicates: r.duplicates,
    replaced: r.replaced,
    rejected: r.rejected,
    error: r.error,
  };
}

export interface SyncServiceDeps {
  raw: BetterSqlite3.Database;
  store: UsageStore;
  providers: ProvidersService;
  registry: JobRegistry;
  clock: Clock;
  bus: EventBus;
  logger: Logger;
  fetch?: typeof fetch;
  http?: RetryOverrides;
  /** called after a sync that wrote usage (alerts evaluation hooks in here) */
  afterIngest?: (accountId: number) => Promise<void> | void;
}

export class SyncService {
  readonly jobs: IngestJobs;
  private readonly running = new Map<number, string>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly d: SyncServiceDeps) {
    this.jobs = new IngestJobs(d.raw);
  }

  /** Crash recovery at startup: jobs left "running" by a killed process become "interrupted". */
  recover(): number {
    return this.jobs.markInterrupted(this.d.clock.now());
  }

  isSyncing(accountId: number): boolean {
    return this.running.has(accountId);
  }

  async start(accountId: number, trigger: 'user' | 'schedule' = 'user'): Promise<{ jobId: string; id: number }> {
    const account = await this.d.providers.get(accountId);
    const connector = connectorFor(account.kind);
    if (!connector) throw new AppError('invalid_input', `"${account.name}" has no API to sync from; import its usage from a file instead.`);
    if (account.archived) throw new AppError('conflict', `"${account.name}" is archived; restore it to sync.`);
    if (this.running.has(accountId)) throw new AppError('conflict', `"${account.name}" is already syncing.`);
    if (connector.credentialFields.length > 0 && !account.hasCredentials) {
      throw new AppError('invalid_input', `Enter the credentials of "${account.name}" before syncing.`, { field: 'credentials' });
    }
    const credentials = await this.d.providers.credentials(accountId);
    const consecutiveFailures =
      (this.d.raw.prepare('select consecutive_failures as n from sync_state where provider_account_id = ?').get(accountId) as { n: number } | undefined)?.n ?? 0;
    const id = this.jobs.create({ kind: 'sync', providerAccountId: accountId, source: trigger, now: this.d.clock.now() });
    const jobId = syncJobId(id);
    this.running.set(accountId, jobId);
    this.d.bus.changed('ingest_jobs', 'provider_accounts');
    this.d.registry.start(jobId, 'sync', async (ctl) => {
      try {
        const context: ConnectorContext = {
          fetch: this.d.fetch ?? fetch,
          credentials,
          config: account.config,
          signal: ctl.signal,
          now: () => this.d.clock.now(),
          log: this.d.logger,
          ...(this.d.http ? { http: this.d.http } : {}),
        };
        const outcome = await runSync({
          jobId: id,
          accountId,
          accountName: account.name,
          connector,
          context,
          store: this.d.store,
          jobs: this.jobs,
          clock: this.d.clock,
          scheduleMinutes: account.scheduleMinutes,
          consecutiveFailures,
          onProgress: (c, step) => {
            ctl.progress({ step, current: c.fetched, total: null, counters: { ...c } });
            if (c.pages > 0) this.d.bus.changed('usage_events', 'ingest_jobs');
          },
        });
        if (outcome.counters.inserted + outcome.counters.replaced > 0) await this.d.afterIngest?.(accountId);
        const step = outcome.status === 'succeeded' ? `Done: ${outcome.counters.inserted} new, ${outcome.counters.duplicates} already had` : outcome.status;
        return {
          step,
          current: outcome.counters.fetched,
          total: outcome.counters.fetched,
          counters: { ...outcome.counters },
          ...(outcome.message && outcome.status !== 'succeeded' ? { error: outcome.message } : {}),
        };
      } finally {
        this.running.delete(accountId);
        this.d.bus.changed('ingest_jobs', 'provider_accounts', 'usage_events', 'usage_rollups');
      }
    });
    return { jobId, id };
  }

  /** One cheap authenticated request to the provider; never throws for provider trouble. */
  async testConnection(accountId: number): Promise<{ ok: boolean; message: string }> {
    const account = await this.d.providers.get(accountId);
    const connector = connectorFor(account.kind);
    if (!connector) return { ok: false, message: `"${account.name}" has no API; its usage comes from file imports.` };
    const credentials = await this.d.providers.credentials(accountId);
    const r = await connector.testConnection({
      fetch: this.d.fetch ?? fetch,
      credentials,
      config: account.config,
      signal: AbortSignal.timeout(30_000),
      now: () => this.d.clock.now(),
      log: this.d.logger,
      http: { maxAttempts: 2, ...(this.d.http ?? {}) },
    });
    return r.ok ? { ok: true, message: r.detail } : { ok: false, message: r.message };
  }

  cancel(jobId: string): boolean {
    return this.d.registry.cancel(jobId);
  }

  async waitFor(jobId: string): Promise<void> {
    await this.d.registry.wait(jobId);
  }

  list(input: ParsedInput<'sync.jobs'>): { items: IngestJob[]; total: number } {
    const where = input.providerAccountId !== undefined ? 'where provider_account_id = ?' : '';
    const args = input.providerAccountId !== undefined ? [input.providerAccountId] : [];
    const rows = this.d.raw.prepare(`select * from ingest_jobs ${where} order by id desc limit ? offset ?`).all(...args, input.limit, input.offset) as JobRow[];
    const total = (this.d.raw.prepare(`select count(*) as n from ingest_jobs ${where}`).get(...args) as { n: number }).n;
    return { items: rows.map(toIngestJob), total };
  }

  detail(input: ParsedInput<'sync.job'>) {
    const row = this.jobs.get(input.id);
    if (!row) throw notFound('Job', input.id);
    const rejections = this.d.raw
      .prepare('select position, external_id as externalId, reason from ingest_rejections where job_id = ? order by position, id limit ?')
      .all(input.id, input.rejectionsLimit) as Array<{ position: number; externalId: string | null; reason: string }>;
    return { job: toIngestJob(row), rejections };
  }

  /** Starts every enabled account whose next run is due. Returns the job ids started. */
  async runDue(): Promise<string[]> {
    const now = this.d.clock.now().toISOString();
    const due = this.d.raw
      .prepare(
        `select s.provider_account_id as id, p.kind from sync_state s join provider_accounts p on p.id = s.provider_account_id
         where s.enabled = 1 and p.archived_at is null and s.next_run_at is not null and s.next_run_at <= ?`,
      )
      .all(now) as Array<{ id: number; kind: string }>;
    const started: string[] = [];
    for (const a of due) {
      if (!connectorFor(a.kind) || this.running.has(a.id)) continue;
      try {
        started.push((await this.start(a.id, 'schedule')).jobId);
      } catch (err) {
        // e.g. credentials missing: the account page says so; the scheduler stays quiet
        this.d.raw.prepare('update sync_state set next_run_at = null where provider_account_id = ?').run(a.id);
        this.d.logger.warn(`Scheduled sync of account ${a.id} not started`, { reason: err instanceof Error ? err.message : String(err) });
      }
    }
    return started;
  }

  /** Checks for due syncs every `everyMs` (the app and browser mode call this; the CLI does not). */
  startScheduler(everyMs = 60_000): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.runDue().catch((e) => this.d.logger.error('Scheduler failed', { error: String(e) })), everyMs);
    this.timer.unref();
  }

  stopScheduler(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
