// Runs in the renderer. The first rows of the file as read, and what the current mapping makes of them.
import type { CommandOutput } from '../../../../shared/contract/commands';
import { useAgency } from '../../app/agency-context';
import { formatDateTime } from '../../format/dates';
import { formatCount } from '../../format/numbers';

type Preview = CommandOutput<'import.preview'>;

/**
 * `firstRow`: the file's row number of rows[0], as the reader counts them in its messages (with a header
 * row, the first data row is row 2).
 */
export function RawRowsTable({ headers, rows, hasHeader, label, firstRow }: { headers: readonly string[]; rows: ReadonlyArray<readonly string[]>; hasHeader: boolean; label: string; firstRow: number }) {
  const count = hasHeader && headers.length ? headers.length : Math.max(headers.length, ...rows.map((r) => r.length), 0);
  const names = Array.from({ length: count }, (_, i) => (hasHeader && headers[i] !== undefined ? headers[i]! : `Column ${i + 1}`));
  return (
    <div className="table-wrap table-scroll" tabIndex={0} role="region" aria-label={label}>
      <table className="table table-compact">
        <caption className="visually-hidden">{label}</caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              Row
            </th>
            {names.map((n, i) => (
              <th key={i} scope="col">
                {n}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, ri) => (
            <tr key={ri}>
              <td className="num muted">{firstRow + ri}</td>
              {names.map((_, ci) => (
                <td key={ci} className="mono">
                  {r[ci] ?? ''}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function MappedRowsTable({ mapped, label }: { mapped: Preview['mapped']; label: string }) {
  const { locale, timeZone } = useAgency();
  const rejected = mapped.filter((m) => m.event === null).length;
  return (
    <>
      <p className="muted" aria-live="polite">
        {formatCount(mapped.length - rejected, locale)} of {formatCount(mapped.length, locale)} previewed rows become usage events
        {rejected ? `; ${formatCount(rejected, locale)} would be rejected` : ''}.
      </p>
      <div className="table-wrap table-scroll" tabIndex={0} role="region" aria-label={label}>
        <table className="table table-compact">
          <caption className="visually-hidden">{label}</caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                Row
              </th>
              <th scope="col">Event id</th>
              <th scope="col">Client key</th>
              <th scope="col">Metric</th>
              <th scope="col" className="num">
                Quantity
              </th>
              <th scope="col">Time</th>
              <th scope="col" className="num">
                Cost
              </th>
            </tr>
          </thead>
          <tbody>
            {mapped.map((m) =>
              m.event ? (
                <tr key={m.row}>
                  <td className="num muted">{m.row}</td>
                  <td className="mono">{m.event.externalId}</td>
                  <td className="mono">{m.event.clientKey ?? <span className="muted">none (unassigned)</span>}</td>
                  <td className="mono">{m.event.metricKey}</td>
                  <td className="num">{formatCount(m.event.quantity, locale)}</td>
                  <td>{formatDateTime(m.event.occurredAt, locale, timeZone)}</td>
                  <td className="num mono">{m.event.cost ?? <span className="muted">rate card</span>}</td>
                </tr>
              ) : (
                <tr key={m.row} className="row-rejected">
                  <td className="num muted">{m.row}</td>
                  <td colSpan={6} className="wrap">
                    <span className="badge badge-danger">Rejected</span> {m.reason}
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      </div>
    </>
  );
}
