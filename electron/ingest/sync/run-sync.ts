// Runs in main. One sync of one provider account: fetch pages from the saved cursor, commit each page
// (events, rejections, counters and the resume cursor) in ONE transaction, until caught up. A failure
// leaves the ledger exactly as after the last committed page, so the next run resumes there.
import type { IngestJobs, JobStatus } from '../../db/ingest-jobs';
import type { UsageStore } from '../../db/usage-store';
import type { Clock } from '../../services/clock';
import type { Connector, ConnectorContext } from '../connectors/connector';
import { isConnectorError } from '../http/connector-error';

export interface SyncCounters {
  pages: number;
  fetched: number;
  inserted: number;
  duplicates: number;
  replaced: number;
  rejected: number;
  unassigned: number;
}

export interface SyncOutcome {
  status: Exclude<JobStatus, 'running'>;
  counters: SyncCounters;
  /** user-facing; null on success */
  message: string | null;
  /** when the scheduler should try again; null = only when the user acts (bad credentials, settings) */
  nextRunAt: Date | null;
}

export interface RunSyncInput {
  jobId: number;
  accountId: number;
  accountName: string;
  connector: Connector;
  context: ConnectorContext;
  store: UsageStore;
  jobs: IngestJobs;
  clock: Clock;
  scheduleMinutes: number;
  consecutiveFailures: number;
  onProgress?: (c: SyncCounters, step: string) => void;
  /** safety valve against a provider that never stops paging */
  maxPages?: number;
}

const MINUTE = 60_000;

/** Waits grow with consecutive failures (1, 2, 4 ... minutes) but never beyond the account's schedule. */
export function retryDelayMs(consecutiveFailures: number, scheduleMinutes: number): number {
  return Math.min(2 ** Math.min(consecutiveFailures, 10) * MINUTE, Math.max(1, scheduleMinutes) * MINUTE);
}

export async function runSync(input: RunSyncInput): Promise<SyncOutcome> {
  const counters: SyncCounters = { pages: 0, fetched: 0, inserted: 0, duplicates: 0, replaced: 0, rejected: 0, unassigned: 0 };
  const maxPages = input.maxPages ?? 10_000;
  let cursor = input.jobs.cursor(input.accountId);
  const finish = (status: SyncOutcome['status'], message: string | null, nextRunAt: Date | null): SyncOutcome => {
    const now = input.clock.now();
    input.jobs.finish(input.jobId, status, now, message);
    input.jobs.recordAttempt(input.accountId, { ok: status === 'succeeded', now, nextRunAt });
    return { status, counters, message, nextRunAt };
  };
  try {
    for (;;) {
      if (input.context.signal.aborted) return finish('cancelled', 'Cancelled. Everything fetched so far is saved; the next sync continues from there.', null);
      input.onProgress?.(counters, `Fetching page ${counters.pages + 1} from ${input.accountName}`);
      const page = await input.connector.fetchPage(input.context, cursor);
      const written = input.store.writeBatch({
        providerAccountId: input.accountId,
        events: page.events,
        priorRejections: page.rejected,
        jobId: input.jobId,
        jobCounters: { pages: 1, fetched: page.fetched },
        cursor: { value: page.resumeCursor },
        unknownClient: 'unassigned',
        source: 'api',
        now: input.clock.now(),
      });
      counters.pages += 1;
      counters.fetched += page.fetched;
      counters.inserted += written.inserted;
      counters.duplicates += written.duplicates;
      counters.replaced += written.replaced;
      counters.unassigned += written.unassigned;
      counters.rejected += written.rejected.length + page.rejected.length;
      input.onProgress?.(counters, `Saved page ${counters.pages}`);
      if (page.nextCursor === null) break;
      if (counters.pages >= maxPages) {
        return finish('failed', `${input.accountName} kept returning pages (${maxPages}); stopped to be safe. Everything so far is saved.`, null);
      }
      cursor = page.nextCursor;
    }
    const next = new Date(input.clock.now().getTime() + input.scheduleMinutes * MINUTE);
    return finish('succeeded', null, next);
  } catch (err) {
    const now = input.clock.now().getTime();
    const saved = counters.pages > 0 ? ` ${counters.pages} page${counters.pages === 1 ? '' : 's'} saved before that.` : '';
    if (input.context.signal.aborted || (isConnectorError(err) && err.kind === 'cancelled')) {
      return finish('cancelled', `Cancelled.${saved} The next sync continues from there.`, null);
    }
    if (!isConnectorError(err)) throw err;
    const delay = retryDelayMs(input.consecutiveFailures + 1, input.scheduleMinutes);
    switch (err.kind) {
      case 'network':
      case 'timeout':
        // Offline is a normal state: wait and resume, without alarming anyone.
        return finish('waiting', `${err.message}${saved} Meterbook will try again automatically.`, new Date(now + delay));
      case 'rate_limited':
        return finish('waiting', `${err.message}${saved}`, new Date(now + Math.max(delay, err.retryAfterMs ?? 0)));
      case 'auth':
      case 'config':
        return finish('failed', `${err.message}${saved}`, null);
      default:
        return finish('failed', `${err.message}${saved}`, new Date(now + delay));
    }
  }
}
