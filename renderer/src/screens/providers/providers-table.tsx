// Runs in the renderer. The provider accounts table: kind, currency, last sync, next run, status of
// the last job and "Sync now" per API account. A row opens the account.
import { useMemo } from 'react';
import type { ProviderAccount } from '../../../../shared/domain/provider';
import { Badge } from '../../components/badge';
import { columnsFor, DataTable } from '../../components/data-table';
import { TimeAgo } from '../../components/time-ago';
import { Link } from '../../router/link';
import { navigate } from '../../router/use-route';
import { JobStatusBadge } from './job-status-badge';
import { PROVIDER_KIND_LABELS } from './labels';
import type { KindInfo } from './provider-form-model';

export interface ProviderRow extends ProviderAccount {
  info: KindInfo | null;
  /** a "Sync now" for this row is on its way */
  starting: boolean;
}

const col = columnsFor<ProviderRow>();

function SyncState({ row }: { row: ProviderRow }) {
  const job = row.lastJob;
  if (row.syncing || row.starting) return <JobStatusBadge status="running" />;
  if (row.info?.hasApi && !row.hasCredentials && row.info.credentialFields.length > 0) return <Badge tone="warning">No credentials</Badge>;
  if (job) return <JobStatusBadge status={job.status} title={job.error} />;
  return <span className="muted">{row.info && !row.info.hasApi ? 'No imports yet' : 'Never synced'}</span>;
}

function NextRun({ row }: { row: ProviderRow }) {
  if (row.info && !row.info.hasApi) return <span className="muted">File import</span>;
  if (row.archived) return <span className="muted">—</span>;
  if (!row.syncEnabled) return <span className="muted">Manual only</span>;
  if (!row.nextRunAt) return <span className="muted" title="Not scheduled: it syncs once credentials are set, or when you press Sync now">—</span>;
  return <TimeAgo iso={row.nextRunAt} empty="…" short />;
}

function buildColumns(onSync: (row: ProviderRow) => void) {
  return col.columns([
    col.accessor('name', {
      header: 'Name',
      meta: { className: 'col-w-18' },
      cell: (info) => (
        <span className="cell-with-badge">
          <Link to={{ name: 'provider', id: info.row.original.id }} tabIndex={-1} className="row-title">
            {info.getValue()}
          </Link>
          {info.row.original.archived ? <Badge>Archived</Badge> : null}
        </span>
      ),
    }),
    col.accessor('kind', { header: 'Kind', meta: { className: 'col-w-14' }, cell: (info) => PROVIDER_KIND_LABELS[info.getValue()] ?? info.getValue() }),
    col.accessor('currency', { header: 'Currency', meta: { className: 'col-w-9', cellClassName: 'mono' } }),
    col.display({
      id: 'lastSync',
      header: 'Last sync',
      meta: { className: 'col-w-12' },
      cell: (info) => <TimeAgo iso={info.row.original.lastSuccessAt} empty="Never" short />,
    }),
    col.display({ id: 'nextRun', header: 'Next run', meta: { className: 'col-w-12' }, cell: (info) => <NextRun row={info.row.original} /> }),
    col.display({ id: 'status', header: 'Status', meta: { className: 'col-w-15' }, cell: (info) => <SyncState row={info.row.original} /> }),
    col.accessor('mappingCount', { header: 'Mappings', meta: { align: 'end', className: 'col-w-9' } }),
    col.display({
      id: 'actions',
      header: () => <span className="visually-hidden">Actions</span>,
      meta: { align: 'end', className: 'col-w-11 col-actions' },
      cell: (info) => {
        const row = info.row.original;
        if (!row.info?.hasApi || row.archived) return null;
        const busy = row.starting || row.syncing;
        return (
          <button
            type="button"
            className="btn btn-small"
            disabled={busy}
            aria-busy={row.starting || undefined}
            onClick={(e) => {
              e.stopPropagation();
              onSync(row);
            }}
          >
            Sync now
          </button>
        );
      },
    }),
  ]);
}

export function ProvidersTable({ rows, onSync }: { rows: ProviderRow[]; onSync: (row: ProviderRow) => void }) {
  const columns = useMemo(() => buildColumns(onSync), [onSync]);
  return (
    <DataTable label="Provider accounts" columns={columns} data={rows} getRowId={(p) => String(p.id)} onActivate={(p) => navigate({ name: 'provider', id: p.id })} fixed />
  );
}
