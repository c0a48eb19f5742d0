// Runs in the renderer. The breakdown table on TanStack Table v9 (columns, sorting state, column visibility) with
// rows windowed by TanStack Virtual: only the rows in view (plus a few) are in the DOM, whatever the row count.
// Rows arrive filtered and sorted (breakdown-model.ts): sorting here is "manual". Sticky header and totals.
import {
  columnVisibilityFeature,
  createColumnHelper,
  metaHelper,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type ColumnDef,
  type OnChangeFn,
  type SortingState,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { BreakdownRow } from '../../../../shared/domain/dashboard';
import { Badge } from '../../components/badge';
import { exactMoney, formatMoney, formatQuantity } from '../../format/numbers';
import { isNumeric, STATUS_TEXT, type BreakdownColumn, type ConvertedShownTotals, type ShownTotals, type Visibility } from './breakdown-model';

const features = tableFeatures({ rowSortingFeature, columnVisibilityFeature, columnMeta: metaHelper<{ spec: BreakdownColumn }>() });
type Features = typeof features;
const helper = createColumnHelper<Features, BreakdownRow>();

export const ROW_HEIGHT = 36;
const STATUS_TONE = { active: 'success', trial: 'info', paused: 'warning' } as const;

export interface BreakdownTableProps {
  columns: readonly BreakdownColumn[];
  rows: readonly BreakdownRow[];
  sorting: SortingState;
  onSortingChange: OnChangeFn<SortingState>;
  visibility: Visibility;
  onVisibilityChange: OnChangeFn<Visibility>;
  totals: readonly ShownTotals[];
  converted: ConvertedShownTotals;
  locale: string;
  onOpen: (row: BreakdownRow) => void;
  /** rendered above the table, with the column menu (filters) */
  toolbar: ReactNode;
  busy: boolean;
}

function Empty() {
  return <span className="bd-none">—</span>;
}

function cellContent(spec: BreakdownColumn, row: BreakdownRow, locale: string): ReactNode {
  const v = spec.value(row);
  switch (spec.kind) {
    case 'text':
      if (spec.id !== 'name') return v ?? <Empty />;
      return (
        <span className="bd-name">
          <span className="row-title" title={row.name}>
            {row.name}
          </span>
          {row.billing === 'error' ? (
            <span title={row.problem ?? undefined}>
              <Badge tone="danger">Not rated</Badge>
            </span>
          ) : null}
        </span>
      );
    case 'status':
      return <Badge tone={STATUS_TONE[row.status]}>{STATUS_TEXT[row.status]}</Badge>;
    case 'quantity':
      return v === null ? <Empty /> : formatQuantity(v, locale);
    case 'percent':
      if (v === null) return <Empty />;
      return (
        <span className="bd-percent">
          {spec.id === 'allowance' && (row.limitStatus || row.overLimit) ? (
            <Badge tone={row.overLimit || row.limitStatus === 'over' ? 'danger' : 'warning'}>{row.overLimit || row.limitStatus === 'over' ? 'Over' : 'Near'}</Badge>
          ) : null}
          {`${formatQuantity(v, locale)} %`}
        </span>
      );
    case 'money':
      if (v === null) return <span title={row.billing === 'no_plan' ? 'No plan for this period' : (row.problem ?? undefined)}>—</span>;
      return (
        <span title={exactMoney(v, row.currency)} data-exact={v} className={v.startsWith('-') ? 'bd-negative' : undefined}>
          {formatMoney(v, row.currency, locale)}
        </span>
      );
  }
}

function toColumnDefs(columns: readonly BreakdownColumn[], locale: string): ColumnDef<Features, BreakdownRow, unknown>[] {
  return columns.map(
    (spec) =>
      helper.accessor((row) => spec.value(row), {
        id: spec.id,
        header: spec.header,
        enableHiding: spec.hideable,
        sortDescFirst: isNumeric(spec.kind),
        meta: { spec },
        cell: (ctx) => cellContent(spec, ctx.row.original, locale),
      }) as ColumnDef<Features, BreakdownRow, unknown>,
  );
}

function totalCell(spec: BreakdownColumn, t: ShownTotals, locale: string): ReactNode {
  if (spec.id === 'name') return `Total ${t.currency} · ${t.rows} ${t.rows === 1 ? 'client' : 'clients'}`;
  if (spec.id === 'currency') return t.currency;
  if (spec.id === 'marginPercent') return t.marginPercent === null ? null : `${formatQuantity(t.marginPercent, locale)} %`;
  const v = t.sums[spec.id];
  if (v === undefined) return null;
  if (spec.kind === 'money')
    return (
      <span title={exactMoney(v, t.currency)} data-exact={v}>
        {formatMoney(v, t.currency, locale)}
      </span>
    );
  return formatQuantity(v, locale);
}

function convertedCell(spec: BreakdownColumn, c: ConvertedShownTotals, locale: string): ReactNode {
  const money = (v: string) => (
    <span title={exactMoney(v, c.currency)} data-exact={v}>
      {formatMoney(v, c.currency, locale)}
    </span>
  );
  switch (spec.id) {
    case 'name':
      return (
        <span title={c.missingRates.length > 0 ? `No exchange rate for ${c.missingRates.join(', ')}: left out` : undefined}>
          All in {c.currency} (converted){c.missingRates.length > 0 ? ` · without ${c.missingRates.join(', ')}` : ''}
        </span>
      );
    case 'currency':
      return c.currency;
    case 'revenue':
      return money(c.revenue);
    case 'providerCost':
      return money(c.providerCost);
    case 'margin':
      return money(c.margin);
    case 'marginPercent':
      return c.marginPercent === null ? null : `${formatQuantity(c.marginPercent, locale)} %`;
    default:
      return null;
  }
}

const classes = (...names: Array<string | false | undefined>) => names.filter(Boolean).join(' ') || undefined;

export function BreakdownTable(props: BreakdownTableProps) {
  const { columns, rows, sorting, onSortingChange, visibility, onVisibilityChange, totals, converted, locale, onOpen, toolbar, busy } = props;
  const defs = useMemo(() => toColumnDefs(columns, locale), [columns, locale]);
  const data = rows as BreakdownRow[];
  const table = useTable({
    features,
    columns: defs,
    data,
    getRowId: (row) => String(row.clientId),
    manualSorting: true,
    enableSortingRemoval: false,
    enableMultiSort: false,
    state: { sorting, columnVisibility: visibility },
    onSortingChange,
    onColumnVisibilityChange: onVisibilityChange,
  });
  const tableRows = table.getRowModel().rows;
  const leafColumns = table.getVisibleLeafColumns();
  const width = leafColumns.reduce((w, c) => w + (c.columnDef.meta?.spec.width ?? 120), 0);

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: tableRows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  const padTop = items.length > 0 ? items[0]!.start : 0;
  const padBottom = items.length > 0 ? virtualizer.getTotalSize() - items[items.length - 1]!.end : 0;

  // Roving focus: one row is in the tab order; arrows move it (and scroll it into view).
  const [active, setActive] = useState(0);
  const [focusWanted, setFocusWanted] = useState(false);
  const activeIndex = Math.min(active, Math.max(0, tableRows.length - 1));
  useEffect(() => {
    if (!focusWanted) return;
    const el = scrollRef.current?.querySelector<HTMLElement>(`tr[data-index="${activeIndex}"]`);
    if (el) {
      el.focus({ preventScroll: true });
      setFocusWanted(false);
    }
  });
  const move = (to: number) => {
    const next = Math.max(0, Math.min(tableRows.length - 1, to));
    setActive(next);
    setFocusWanted(true);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };
  const page = Math.max(1, Math.floor(((scrollRef.current?.clientHeight ?? 400) - ROW_HEIGHT * 2) / ROW_HEIGHT));
  const onKeyDown = (index: number, row: BreakdownRow) => (e: KeyboardEvent<HTMLTableRowElement>) => {
    if (e.target !== e.currentTarget) return;
    const to = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: tableRows.length - 1, PageDown: index + page, PageUp: index - page }[e.key];
    if (to !== undefined) {
      e.preventDefault();
      move(to);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      onOpen(row);
    }
  };

  return (
    <>
      <div className="toolbar bd-toolbar">
        {toolbar}
        <details className="bd-menu">
          <summary className="btn btn-small">Columns</summary>
          <fieldset className="bd-menu-panel">
            <legend className="visually-hidden">Columns shown</legend>
            {table.getAllLeafColumns().map((column) => {
              const spec = column.columnDef.meta?.spec;
              if (!spec) return null;
              return (
                <label key={column.id} className="check-row bd-menu-item">
                  <input
                    type="checkbox"
                    className="checkbox"
                    checked={column.getIsVisible()}
                    disabled={!column.getCanHide()}
                    onChange={(e) => column.toggleVisibility(e.target.checked)}
                  />
                  <span>{spec.header}</span>
                </label>
              );
            })}
          </fieldset>
        </details>
      </div>
      <div className="bd-scroll" ref={scrollRef} data-testid="breakdown-scroll">
        <table
          className="table table-interactive bd-table"
          aria-label="Clients in the period"
          aria-busy={busy || undefined}
          aria-rowcount={tableRows.length + 1 + totals.length + 1}
          style={{ width }}
        >
          <colgroup>
            {leafColumns.map((c) => (
              <col key={c.id} style={{ width: c.columnDef.meta?.spec.width }} />
            ))}
          </colgroup>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id} aria-rowindex={1}>
                {group.headers.map((header) => {
                  const spec = header.column.columnDef.meta?.spec;
                  const sorted = header.column.getIsSorted();
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      className={classes(spec && isNumeric(spec.kind) && 'num')}
                      aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                    >
                      <button type="button" className="bd-sort" onClick={header.column.getToggleSortingHandler()}>
                        <span className="bd-sort-label">
                          <table.FlexRender header={header} />
                        </span>
                        <span className="bd-sort-icon" aria-hidden="true">
                          {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : ''}
                        </span>
                      </button>
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {padTop > 0 ? (
              <tr aria-hidden="true" className="bd-pad">
                <td colSpan={leafColumns.length} style={{ height: padTop }} />
              </tr>
            ) : null}
            {items.map((item) => {
              const row = tableRows[item.index]!;
              return (
                <tr
                  key={row.id}
                  data-index={item.index}
                  data-client-id={row.original.clientId}
                  aria-rowindex={item.index + 2}
                  tabIndex={item.index === activeIndex ? 0 : -1}
                  onClick={() => {
                    setActive(item.index);
                    onOpen(row.original);
                  }}
                  onFocus={() => setActive(item.index)}
                  onKeyDown={onKeyDown(item.index, row.original)}
                >
                  {row.getVisibleCells().map((cell) => {
                    const spec = cell.column.columnDef.meta?.spec;
                    return (
                      <td key={cell.id} data-col={cell.column.id} className={classes(spec && isNumeric(spec.kind) && 'num')}>
                        <table.FlexRender cell={cell} />
                      </td>
                    );
                  })}
                </tr>
              );
            })}
            {padBottom > 0 ? (
              <tr aria-hidden="true" className="bd-pad">
                <td colSpan={leafColumns.length} style={{ height: padBottom }} />
              </tr>
            ) : null}
            {tableRows.length === 0 ? (
              <tr>
                <td colSpan={leafColumns.length} className="bd-no-match">
                  No clients match these filters.
                </td>
              </tr>
            ) : null}
          </tbody>
          <tfoot>
            {totals.map((t, i) => (
              <tr key={t.currency} className="bd-total" data-currency={t.currency} aria-rowindex={tableRows.length + 2 + i}>
                {leafColumns.map((c) => {
                  const spec = c.columnDef.meta!.spec;
                  return (
                    <td key={c.id} data-col={c.id} className={classes(isNumeric(spec.kind) && 'num')}>
                      {totalCell(spec, t, locale)}
                    </td>
                  );
                })}
              </tr>
            ))}
            {totals.length > 0 ? (
              <tr className="bd-total bd-converted" aria-rowindex={tableRows.length + 2 + totals.length}>
                {leafColumns.map((c) => {
                  const spec = c.columnDef.meta!.spec;
                  return (
                    <td key={c.id} data-col={c.id} className={classes(isNumeric(spec.kind) && 'num')}>
                      {convertedCell(spec, converted, locale)}
                    </td>
                  );
                })}
              </tr>
            ) : null}
          </tfoot>
        </table>
      </div>
    </>
  );
}
