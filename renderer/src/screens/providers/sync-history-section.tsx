// Runs in the renderer. Every sync and import of one account, newest first, paged; a row opens its details.
import { useMemo, useState } from 'react';
import type { IngestJob } from '../../../../shared/domain/ingest';
import { useQuery } from '../../api';
import { useAgency } from '../../app/agency-context';
import { columnsFor, DataTable } from '../../components/data-table';
import { EmptyState } from '../../components/empty-state';
import { ErrorNotice } from '../../components/error-notice';
import { Loading } from '../../components/loading';
import { formatCount } from '../../format/numbers';
import { JobDetailDialog } from './job-detail-dialog';
import { JOB_KIND_LABELS } from './job-model';
import { JobStatusBadge } from './job-status-badge';
import { Pager } from '../../components/pager';

export const HISTORY_PAGE = 20;
const col = columnsFor<IngestJob>();
const EMPTY: IngestJob[] = [];

const dayOf = (d: Date, timeZone: string) => new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone }).format(d);

/**
 * "Nov 21, 2:29 PM" (the year only when it is not this year); just "2:31 PM" when `sameDayAs` is the same day.
 */
function when(iso: string, locale: string, timeZone: string, sameDayAs?: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const timeOnly = sameDayAs !== undefined && dayOf(d, timeZone) === dayOf(new Date(sameDayAs), timeZone);
  const sameYear = dayOf(d, timeZone).slice(0, 4) === dayOf(new Date(), timeZone).slice(0, 4);
  const options: Intl.DateTimeFormatOptions = timeOnly
    ? { hour: 'numeric', minute: '2-digit', timeZone }
    : { month: 'short', day: 'numeric', ...(sameYear ? {} : { year: 'numeric' }), hour: 'numeric', minute: '2-digit', timeZone };
  try {
    return new Intl.DateTimeFormat(locale, options).format(d);
  } catch {
    return iso;
  }
}

function historyColumns(locale: string, timeZone: string) {
  const num = (key: 'pages' | 'fetched' | 'inserted' | 'duplicates' | 'replaced' | 'rejected', header: string) =>
    col.accessor(key, { header, meta: { align: 'end' }, cell: (info) => formatCount(info.getValue(), locale) });
  return col.columns([
    col.accessor('startedAt', { header: 'Started', cell: (info) => <time dateTime={info.getValue()}>{when(info.getValue(), locale, timeZone)}</time> }),
    col.accessor('finishedAt', {
      header: 'Finished',
      cell: (info) => {
        const v = info.getValue();
        return v ? <time dateTime={v}>{when(v, locale, timeZone, info.row.original.startedAt)}</time> : <span className="muted">—</span>;
      },
    }),
    col.accessor('kind', { header: 'Kind', cell: (info) => JOB_KIND_LABELS[info.getValue()] }),
    col.accessor('status', { header: 'Status', cell: (info) => <JobStatusBadge status={info.getValue()} /> }),
    num('pages', 'Pages'),
    num('fetched', 'Fetched'),
    num('inserted', 'New'),
    num('duplicates', 'Duplicates'),
    num('replaced', 'Revised'),
    num('rejected', 'Rejected'),
    col.accessor('error', {
      header: 'Error',
      meta: { className: 'col-error' },
      cell: (info) => {
        const v = info.getValue();
        return v ? <span title={v}>{v}</span> : <span className="muted">—</span>;
      },
    }),
  ]);
}

export function SyncHistorySection({ accountId }: { accountId: number }) {
  const { locale, timeZone } = useAgency();
  const [offset, setOffset] = useState(0);
  const [open, setOpen] = useState<number | null>(null);
  const jobs = useQuery('sync.jobs', { providerAccountId: accountId, limit: HISTORY_PAGE, offset }, { tables: ['ingest_jobs'], keepPrevious: true });
  const columns = useMemo(() => historyColumns(locale, timeZone), [locale, timeZone]);
  const items = jobs.data?.items ?? EMPTY;
  const total = jobs.data?.total ?? 0;

  return (
    <section className="card" aria-labelledby="history-title">
      <div className="card-header">
        <h2 id="history-title" className="card-title">
          Sync history
        </h2>
        <span className="card-meta">Syncs, imports and dry runs; open one for its rejected records</span>
      </div>
      <div className="card-body card-body-flush">
        {jobs.error ? (
          <div className="card-pad">
            <ErrorNotice title="The sync history could not be loaded" error={jobs.error} onRetry={() => void jobs.reload()} />
          </div>
        ) : jobs.data === null ? (
          <div className="card-pad">
            <Loading label="Loading sync history…" />
          </div>
        ) : total === 0 ? (
          <EmptyState title="No syncs or imports yet" level={3} />
        ) : (
          <div className="table-tight">
            <DataTable label="Sync history" columns={columns} data={items} getRowId={(j) => String(j.id)} onActivate={(j) => setOpen(j.id)} busy={jobs.stale} />
          </div>
        )}
      </div>
      {total > 0 ? (
        <Pager offset={offset} count={items.length} total={total} pageSize={HISTORY_PAGE} locale={locale} onOffset={(o) => setOffset(o)} className="card-pad" />
      ) : null}
      {open !== null ? <JobDetailDialog id={open} onClose={() => setOpen(null)} /> : null}
    </section>
  );
}
