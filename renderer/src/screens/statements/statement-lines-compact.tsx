// Runs in the renderer. A rated statement in a narrow column (the editor's preview): one row per line with
// "quantity × unit price" under the description and the amount on the right; tier breakdowns fold out.
import { Fragment, useId, useState } from 'react';
import { exactMoney, formatMoney, formatQuantity } from '../../format/numbers';
import { unitLabel } from '../../format/units';
import { formatPrice, isNegative, isNonZero } from './statement-format';
import type { LineView } from './statement-table';

export interface StatementLinesCompactProps {
  label: string;
  currency: string;
  locale: string;
  lines: readonly LineView[];
  subtotal: string;
}

export function StatementLinesCompact({ label, currency, locale, lines, subtotal }: StatementLinesCompactProps) {
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const idBase = useId().replace(/[^A-Za-z0-9_-]/g, '');
  const toggle = (i: number) =>
    setOpen((s) => {
      const next = new Set(s);
      if (next.has(i)) next.delete(i);
      else next.add(i);
      return next;
    });
  const quantity = (text: string, unit: string) => `${formatQuantity(text, locale)} ${unitLabel(unit, text)}`;

  return (
    <table className="compact-statement" aria-label={label}>
      <thead className="visually-hidden">
        <tr>
          <th scope="col">Line</th>
          <th scope="col">Amount</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line, i) => {
          const expanded = open.has(i);
          const id = `cs${idBase}-${i}`;
          const hasBreakdown = line.breakdown.length > 0;
          return (
            <Fragment key={`${line.kind}-${line.metricKey ?? ''}-${i}`}>
              <tr className="compact-line">
                <td>
                  <div className="statement-desc-row">
                    {hasBreakdown ? (
                      <button
                        type="button"
                        className="disclosure"
                        aria-expanded={expanded}
                        aria-controls={id}
                        aria-label={`${expanded ? 'Hide' : 'Show'} breakdown of ${line.description}`}
                        onClick={() => toggle(i)}
                      >
                        <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true" focusable="false">
                          <path d="M4 2.5L7.5 6 4 9.5" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
                        </svg>
                      </button>
                    ) : (
                      <span className="disclosure-spacer" aria-hidden="true" />
                    )}
                    <span className="statement-desc-text">
                      <span className="row-title">{line.description}</span>
                      <span className="statement-note">
                        {quantity(line.quantity, line.unit)}
                        {line.unitPrice !== null ? ` × ${formatPrice(line.unitPrice, currency, locale)}` : ''}
                        {line.note ? ` · ${line.note}` : isNonZero(line.freeQuantity) ? ` · ${quantity(line.freeQuantity, line.unit)} free` : ''}
                      </span>
                    </span>
                  </div>
                </td>
                <td className={`num statement-amount${isNegative(line.amount) ? ' is-negative' : ''}`}>
                  <span title={exactMoney(line.exactAmount, currency)}>{formatMoney(line.amount, currency, locale)}</span>
                </td>
              </tr>
              {hasBreakdown ? (
                <tr id={id} className="compact-breakdown" hidden={!expanded}>
                  <td colSpan={2}>
                    <ul aria-label={`Breakdown of ${line.description}`}>
                      {line.breakdown.map((b, j) => (
                        <li key={j}>
                          <span>
                            {b.label}: {formatQuantity(b.quantity, locale)}
                            {b.unitPrice !== null ? ` × ${formatPrice(b.unitPrice, currency, locale)}` : ''}
                            {isNonZero(b.flatFee) ? ` + ${formatPrice(b.flatFee, currency, locale)} flat` : ''}
                          </span>
                          <span className="num">{formatPrice(b.amount, currency, locale)}</span>
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ) : null}
            </Fragment>
          );
        })}
        {lines.length === 0 ? (
          <tr>
            <td colSpan={2} className="muted">
              Nothing to charge.
            </td>
          </tr>
        ) : null}
      </tbody>
      <tfoot>
        <tr className="compact-subtotal">
          <th scope="row">Subtotal</th>
          <td className="num">{formatMoney(subtotal, currency, locale)}</td>
        </tr>
      </tfoot>
    </table>
  );
}
