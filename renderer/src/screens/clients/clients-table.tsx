// Runs in the renderer. The clients list as a table; a row opens the client.
import type { Client } from '../../../../shared/domain/client';
import { columnsFor, DataTable } from '../../components/data-table';
import { Link } from '../../router/link';
import { navigate } from '../../router/use-route';
import { ClientBadges } from './client-badges';
import { OverLimitBadge, OverLimitProvider } from '../alerts/over-limit';

const col = columnsFor<Client>();

const columns = col.columns([
  col.accessor('name', {
    header: 'Name',
    meta: { className: 'col-w-28' },
    cell: (info) => (
      <Link to={{ name: 'client', id: info.row.original.id }} tabIndex={-1} className="row-title">
        {info.getValue()}
      </Link>
    ),
  }),
  col.accessor('contactName', { header: 'Contact', meta: { className: 'col-w-16' }, cell: (info) => info.getValue() ?? <span className="muted">—</span> }),
  col.accessor('billingEmail', { header: 'Billing email', meta: { className: 'col-w-22' }, cell: (info) => info.getValue() ?? <span className="muted">—</span> }),
  col.accessor('currency', { header: 'Currency', meta: { className: 'col-w-9', cellClassName: 'mono' } }),
  col.accessor('timeZone', { header: 'Time zone', meta: { className: 'col-w-14' }, cell: (info) => info.getValue() ?? <span className="muted">Agency default</span> }),
  col.display({
    id: 'status',
    header: 'Status',
    meta: { className: 'col-w-11' },
    cell: (info) => (
      <span className="badges over-limit-cell">
        <ClientBadges client={info.row.original} />
        <OverLimitBadge clientId={info.row.original.id} />
      </span>
    ),
  }),
]);

export function ClientsTable({ clients, busy }: { clients: Client[]; busy: boolean }) {
  return (
    <OverLimitProvider>
      <DataTable
        label="Clients"
        columns={columns}
        data={clients}
        getRowId={(c) => String(c.id)}
        onActivate={(c) => navigate({ name: 'client', id: c.id })}
        busy={busy}
        fixed
      />
    </OverLimitProvider>
  );
}
