// Runs in the renderer. The alert centre: newest first, Unread / All, mark read, "Check now".
import { useEffect, useMemo, useState } from 'react';
import type { Alert } from '../../../../shared/domain/alerts';
import { useMutation, useQuery } from '../../api';
import { useAgency } from '../../app/agency-context';
import { Badge } from '../../components/badge';
import { columnsFor, DataTable } from '../../components/data-table';
import { EmptyState } from '../../components/empty-state';
import { ErrorNotice } from '../../components/error-notice';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { Segmented } from '../../components/segmented';
import { formatDate, formatDateTime } from '../../format/dates';
import { formatCount } from '../../format/numbers';
import { Link } from '../../router/link';
import '../../styles/alerts.css';
import '../../styles/ingest.css';
import { lastPageOffset } from '../clients/paging';
import { formatTimeOfDay, KIND_LABELS, KIND_TONES, newAlertsText } from './alerts-model';
import { Pager } from '../../components/pager';

export const ALERTS_PAGE_SIZE = 50;
type Show = 'unread' | 'all';
const SHOW_OPTIONS: ReadonlyArray<readonly [Show, string]> = [
  ['unread', 'Unread'],
  ['all', 'All'],
];
const EMPTY: Alert[] = [];
const col = columnsFor<Alert>();

function buildColumns(locale: string, timeZone: string, markRead: (a: Alert) => void, marking: boolean) {
  return col.columns([
    col.accessor('createdAt', {
      header: 'Time',
      meta: { className: 'col-w-14' },
      cell: (info) => {
        const unread = info.row.original.readAt === null;
        return (
          <span className="alert-time">
            <span className={unread ? 'alert-unread-dot' : 'alert-read-dot'} title={unread ? 'Unread' : undefined} />
            <time dateTime={info.getValue()} title={formatDateTime(info.getValue(), locale, timeZone)} className="two-line">
              <span>{formatDate(info.getValue(), locale, timeZone)}</span>
              <span className="muted">{formatTimeOfDay(info.getValue(), locale, timeZone)}</span>
            </time>
            {unread ? <span className="visually-hidden"> (unread)</span> : null}
          </span>
        );
      },
    }),
    col.accessor('clientName', {
      header: 'Client',
      meta: { className: 'col-w-16' },
      cell: (info) => {
        const { clientId } = info.row.original;
        if (clientId === null) return <span className="muted">Agency</span>;
        const name = info.getValue() ?? `Client ${clientId}`;
        return (
          <Link to={{ name: 'client', id: clientId }} title={name}>
            {name}
          </Link>
        );
      },
    }),
    col.accessor('kind', {
      header: 'Kind',
      meta: { className: 'col-w-16' },
      cell: (info) => <Badge tone={KIND_TONES[info.getValue()]}>{KIND_LABELS[info.getValue()]}</Badge>,
    }),
    col.accessor('title', {
      header: 'Alert',
      cell: (info) => (
        <span className="two-line alert-text">
          <span className="alert-title">{info.getValue()}</span>
          <span className="alert-body">{info.row.original.body}</span>
        </span>
      ),
    }),
    col.display({
      id: 'actions',
      header: () => <span className="visually-hidden">Actions</span>,
      meta: { align: 'end', className: 'col-w-14' },
      cell: (info) =>
        info.row.original.readAt === null ? (
          <button type="button" className="btn btn-small" disabled={marking} onClick={() => markRead(info.row.original)}>
            Mark as read
          </button>
        ) : (
          <span className="muted">Read</span>
        ),
    }),
  ]);
}

export function AlertsScreen() {
  const { locale, timeZone } = useAgency();
  const [show, setShow] = useState<Show>('unread');
  const [page, setPage] = useState({ show, offset: 0 });
  const offset = page.show === show ? page.offset : 0;
  const [status, setStatus] = useState<string | null>(null);

  const list = useQuery('alerts.list', { unreadOnly: show === 'unread', limit: ALERTS_PAGE_SIZE, offset }, { tables: ['alerts'], keepPrevious: true });
  const markRead = useMutation('alerts.markRead');
  const evaluate = useMutation('alerts.evaluate');

  const items = list.data?.items ?? EMPTY;
  const total = list.data?.total ?? 0;
  const unread = list.data?.unread ?? 0;
  const settled = list.data !== null && !list.stale;

  // Rows vanished under the current page (marked read while showing Unread): step back to the last page with rows.
  const pastTheEnd = settled && items.length === 0 && offset > 0;
  useEffect(() => {
    if (pastTheEnd) setPage({ show, offset: lastPageOffset(total, ALERTS_PAGE_SIZE) });
  }, [pastTheEnd, show, total]);

  const columns = useMemo(
    () =>
      buildColumns(
        locale,
        timeZone,
        (a) => {
          void markRead.run({ ids: [a.id] }).then((res) => {
            if (res.ok) void list.reload();
          });
        },
        markRead.running,
      ),
    [locale, timeZone, markRead, list],
  );

  const onMarkAll = async () => {
    setStatus(null);
    const res = await markRead.run({ all: true });
    if (res.ok) {
      setStatus(res.data.marked === 1 ? '1 alert marked as read.' : `${formatCount(res.data.marked, locale)} alerts marked as read.`);
      void list.reload();
    }
  };

  const onCheck = async () => {
    setStatus(null);
    const res = await evaluate.run({});
    if (res.ok) {
      setStatus(`${newAlertsText(res.data.raised, locale)} · ${formatCount(res.data.clients, locale)} ${res.data.clients === 1 ? 'client' : 'clients'} checked`);
      void list.reload();
    }
  };

  const actions = (
    <>
      <button type="button" className="btn" disabled={unread === 0 || markRead.running} onClick={() => void onMarkAll()}>
        Mark all as read
      </button>
      <button type="button" className="btn btn-primary" disabled={evaluate.running} onClick={() => void onCheck()}>
        {evaluate.running ? 'Checking…' : 'Check now'}
      </button>
    </>
  );

  return (
    <div className="alerts-screen">
      <PageHeader
        title="Alerts"
        description="Thresholds, limits, projected overages, unusual spikes and low wallet balances across your clients."
        meta={unread > 0 ? <Badge tone="danger">{formatCount(unread, locale)} unread</Badge> : null}
        actions={actions}
      />

      <div role="status" className="live-slot">
        {status ? (
          <p className="notice notice-success">
            <span>{status}</span>
            <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => setStatus(null)}>
              ×
            </button>
          </p>
        ) : null}
      </div>
      {evaluate.error ? <ErrorNotice title="The check did not run" error={evaluate.error} /> : null}
      {markRead.error ? <ErrorNotice title="The alerts were not marked as read" error={markRead.error} /> : null}

      <div className="toolbar">
        <Segmented name="alerts-show" legend="Show" options={SHOW_OPTIONS} value={show} onChange={setShow} />
        <span className="toolbar-spacer" />
        {list.loading && list.data ? <span className="spinner" role="status" aria-label="Updating" /> : null}
      </div>

      {list.error ? <ErrorNotice title="The alerts could not be loaded" error={list.error} onRetry={() => void list.reload()} /> : null}

      {list.data === null ? (
        list.error ? null : <Loading label="Loading alerts…" />
      ) : items.length === 0 && settled ? (
        show === 'unread' ? (
          <EmptyState
            title="No unread alerts — you're all caught up."
            action={
              <Link to={{ name: 'clients' }} className="btn">
                Open clients
              </Link>
            }
          />
        ) : (
          <EmptyState
            title="No alerts yet. Meterbook checks usage after every sync and import."
            action={
              <Link to={{ name: 'clients' }} className="btn">
                Open clients
              </Link>
            }
          >
            <p>Set limits and thresholds on a client's page; alerts appear here when usage crosses them.</p>
          </EmptyState>
        )
      ) : (
        <>
          <div className="table-tight alerts-table">
            <DataTable label="Alerts" columns={columns} data={items} getRowId={(a) => String(a.id)} busy={list.stale} fixed />
          </div>
          <Pager offset={offset} count={items.length} total={total} pageSize={ALERTS_PAGE_SIZE} locale={locale} onOffset={(o) => setPage({ show, offset: o })} />
        </>
      )}
    </div>
  );
}
