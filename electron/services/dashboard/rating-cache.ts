// Runs in main. Keeps rated periods until the ledger changes in a way that could change them, so the dashboard
// re-rates 5,000 clients only when it has to (docs/PERFORMANCE.md: a cold rating of a month takes seconds).
//
// A cached period stays valid while
// - the pricing inputs are unchanged: a fingerprint of the agency, clients, mappings, plans, subscriptions,
//   pauses, licenses, provider accounts (rate cards), metrics and exchange rates — counts and latest
//   change times, cheap to read; any difference drops every cached period;
// - no usage event was revised since, and no new event happened before the end of the period's last window
//   (a rating reads usage up to that end, and earlier periods for trials and opening levels): new events are
//   found by id (the events table only grows; corrections are revisions), so a sync of today's usage keeps every
//   past month cached and refreshes the current one.
// The check reads a handful of rows; another process (the CLI) writing the same file is seen the same way.
import type BetterSqlite3 from 'better-sqlite3';

export interface LedgerMark {
  config: string;
  lastEventId: number;
  lastRevisionId: number;
}

const CONFIG_SQL = `select
  (select coalesce(max(updated_at), '') from agency) || '|' ||
  (select count(*) || ':' || coalesce(max(updated_at), '') from clients) || '|' ||
  (select count(*) || ':' || coalesce(max(id), 0) || ':' || coalesce(sum(client_id), 0) from client_mappings) || '|' ||
  (select count(*) || ':' || coalesce(max(updated_at), '') from plans) || '|' ||
  (select count(*) || ':' || coalesce(max(updated_at), '') from plan_versions) || '|' ||
  (select count(*) || ':' || coalesce(max(updated_at), '') from subscriptions) || '|' ||
  (select count(*) || ':' || coalesce(max(updated_at), '') from pauses) || '|' ||
  (select count(*) || ':' || coalesce(max(id), 0) || ':' || count(revoked_at) from licenses) || '|' ||
  (select count(*) || ':' || coalesce(max(updated_at), '') from provider_accounts) || '|' ||
  (select count(*) || ':' || coalesce(max(id), 0) from metrics) || '|' ||
  (select coalesce(max(updated_at), '') from settings where key = 'exchange_rates') as config`;

export function ledgerMark(raw: BetterSqlite3.Database): LedgerMark {
  const { config } = raw.prepare(CONFIG_SQL).get() as { config: string };
  const { e } = raw.prepare('select coalesce(max(id), 0) as e from usage_events').get() as { e: number };
  const { r } = raw.prepare('select coalesce(max(id), 0) as r from usage_revisions').get() as { r: number };
  return { config, lastEventId: e, lastRevisionId: r };
}

interface Entry<T> {
  mark: LedgerMark;
  /** epoch ms: the end of the period's last window (known once computed) */
  until: number | null;
  /** shared by callers asking while it is computed (the summary and the breakdown open together) */
  value: Promise<T>;
}

/** A small cache of values computed from the ledger for a period label (LRU, `size` entries). */
export class PeriodCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  /** how many times a value was computed (tests, bench) */
  misses = 0;

  constructor(
    private readonly raw: BetterSqlite3.Database,
    private readonly size: number,
  ) {}

  /** The cached value for `label` if still valid, else `compute()` (which also says until when its usage was read). */
  get(label: string, compute: () => Promise<{ value: T; until: number }>): Promise<T> {
    const now = ledgerMark(this.raw);
    const hit = this.entries.get(label);
    if (hit && this.fresh(hit, now)) {
      this.entries.delete(label);
      this.entries.set(label, hit);
      return hit.value;
    }
    this.misses += 1;
    const entry: Entry<T> = {
      mark: now,
      until: null,
      value: compute().then(
        (r) => {
          entry.until = r.until;
          return r.value;
        },
        (err: unknown) => {
          if (this.entries.get(label) === entry) this.entries.delete(label);
          throw err;
        },
      ),
    };
    this.entries.delete(label);
    this.entries.set(label, entry);
    while (this.entries.size > this.size) this.entries.delete(this.entries.keys().next().value!);
    return entry.value;
  }

  private fresh(entry: Entry<T>, now: LedgerMark): boolean {
    if (entry.mark.config !== now.config || entry.mark.lastRevisionId !== now.lastRevisionId) return false;
    if (entry.mark.lastEventId === now.lastEventId) return true;
    // still computing: its end is not known yet, so any new event makes it stale
    if (entry.until === null) return false;
    const { t } = this.raw.prepare('select min(occurred_at) as t from usage_events where id > ?').get(entry.mark.lastEventId) as { t: number | null };
    return t === null || t >= entry.until;
  }
}
