// Runs in the renderer. Rejected records of a job: where (row of a file, position in a sync) and why.
import { useMemo } from 'react';
import type { CommandOutput } from '../../../../shared/contract/commands';
import { useAgency } from '../../app/agency-context';
import { columnsFor, DataTable } from '../../components/data-table';
import { formatCount } from '../../format/numbers';

type Rejection = CommandOutput<'sync.job'>['rejections'][number];
const col = columnsFor<Rejection>();

function rejectionColumns(positionLabel: string, locale: string) {
  return col.columns([
    col.accessor('position', { header: positionLabel, meta: { align: 'end', className: 'col-w-9' }, cell: (info) => formatCount(info.getValue(), locale) }),
    col.accessor('externalId', {
      header: 'Record id',
      meta: { className: 'col-w-22', cellClassName: 'mono' },
      cell: (info) => info.getValue() ?? <span className="muted">—</span>,
    }),
    col.accessor('reason', { header: 'Reason', meta: { cellClassName: 'wrap' } }),
  ]);
}

export interface RejectionsTableProps {
  rejections: Rejection[];
  /** "Row" for files, "Position" for syncs */
  positionLabel: string;
  label?: string;
}

export function RejectionsTable({ rejections, positionLabel, label = 'Rejected records' }: RejectionsTableProps) {
  const { locale } = useAgency();
  const columns = useMemo(() => rejectionColumns(positionLabel, locale), [positionLabel, locale]);
  return <DataTable label={label} columns={columns} data={rejections} getRowId={(r) => `${r.position}|${r.externalId ?? ''}|${r.reason}`} fixed />;
}
