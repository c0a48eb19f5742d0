// Runs in the renderer. A compact table on TanStack Table v9 (headless: we own markup and a11y).
// Rows can be "activatable": click or Enter opens them.
import { createColumnHelper, metaHelper, tableFeatures, useTable, type ColumnDef, type RowData } from '@tanstack/react-table';
import type { KeyboardEvent } from 'react';

export interface ColumnMeta {
  /** right-align numbers */
  align?: 'end';
  /** class of the column's header and body cells (widths: `col-w-*` in table.css) */
  className?: string;
  /** class of the body cells only (e.g. `mono`) */
  cellClassName?: string;
}

const classes = (...names: Array<string | false | undefined>) => names.filter(Boolean).join(' ') || undefined;

export const features = tableFeatures({ columnMeta: metaHelper<ColumnMeta>() });
export type Features = typeof features;

/** Column helper for rows of type T. */
export const columnsFor = <T extends RowData>() => createColumnHelper<Features, T>();

export interface DataTableProps<T extends RowData> {
  /** fixed layout: column widths come from their `col-w-*` classes and long text is truncated */
  fixed?: boolean;
  /** module-level or memoized: a new array each render rebuilds the table */
  columns: ColumnDef<Features, T, unknown>[];
  data: T[];
  getRowId: (row: T) => string;
  /** accessible name of the table */
  label: string;
  onActivate?: (row: T) => void;
  /** dims the rows while newer data loads */
  busy?: boolean;
}

export function DataTable<T extends RowData>({ columns, data, getRowId, label, onActivate, busy, fixed }: DataTableProps<T>) {
  const table = useTable({ features, columns, data, getRowId: (row) => getRowId(row) });
  const onKeyDown = (row: T) => (e: KeyboardEvent<HTMLTableRowElement>) => {
    if (e.key === 'Enter' && e.target === e.currentTarget) {
      e.preventDefault();
      onActivate?.(row);
    }
  };
  return (
    <div className="table-wrap">
      <table className={classes('table', onActivate && 'table-interactive', fixed && 'table-fixed')} aria-label={label} aria-busy={busy || undefined}>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const meta = header.column.columnDef.meta;
                return (
                  <th key={header.id} scope="col" className={classes(meta?.align === 'end' && 'num', meta?.className)}>
                    {header.isPlaceholder ? null : <table.FlexRender header={header} />}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr
              key={row.id}
              tabIndex={onActivate ? 0 : undefined}
              onClick={onActivate ? () => onActivate(row.original) : undefined}
              onKeyDown={onActivate ? onKeyDown(row.original) : undefined}
            >
              {row.getAllCells().map((cell) => {
                const meta = cell.column.columnDef.meta;
                return (
                  <td key={cell.id} className={classes(meta?.align === 'end' && 'num', meta?.className, meta?.cellClassName)}>
                    <table.FlexRender cell={cell} />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
