// Runs in the renderer. The lines of a rated statement: description, quantity with unit, unit price with the
// precision it needs, amount; optionally provider cost and margin; tier breakdowns fold out under their line.
// Amounts are the engine's decimal text, formatted by Intl — never recomputed here.
import { Fragment, useId, useState } from 'react';
import { exactMoney, formatMoney, formatQuantity } from '../../format/numbers';
import { unitLabel } from '../../format/units';
import { formatPrice, isNegative, isNonZero, lineMargin } from './statement-format';

/** What the table reads of a line (the engine's StatementLine and the contract's line both fit). */
export interface LineView {
  kind: string;
  description: string;
  metricKey: string | null;
  quantity: string;
  unit: string;
  unitPrice: string | null;
  amount: string;
  exactAmount: string;
  providerCost: string;
  freeQuantity: string;
  breakdown: ReadonlyArray<{ label: string; quantity: string; unitPrice: string | null; flatFee: string; amount: string }>;
  note: string | null;
}

export interface StatementTableProps {
  /** accessible name of the table */
  label: string;
  currency: string;
  locale: string;
  lines: readonly LineView[];
  subtotal: string;
  /** show the Provider cost and Margin columns */
  showCosts: boolean;
}

function Quantity({ text, unit, locale }: { text: string; unit: string; locale: string }) {
  return (
    <>
      {formatQuantity(text, locale)} <span className="muted">{unitLabel(unit, text)}</span>
    </>
  );
}

export function StatementTable({ label, currency, locale, lines, subtotal, showCosts }: StatementTableProps) {
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const idBase = useId().replace(/[^A-Za-z0-9_-]/g, '');
  const columns = showCosts ? 6 : 4;
  const toggle = (i: number) =>
    setOpen((s) => {
      const next = new Set(s);
      if (next.has(i)) next.delete(i);
      else next.add(i);
      return next;
    });

  return (
    <div className="table-wrap statement-table-wrap">
      <table className="table statement-table" aria-label={label}>
        <thead>
          <tr>
            <th scope="col">Description</th>
            <th scope="col" className="num">
              Quantity
            </th>
            <th scope="col" className="num">
              Unit price
            </th>
            <th scope="col" className="num">
              Amount
            </th>
            {showCosts ? (
              <>
                <th scope="col" className="num">
                  Provider cost
                </th>
                <th scope="col" className="num">
                  Margin
                </th>
              </>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {lines.map((line, i) => {
            const expanded = open.has(i);
            const breakdownId = `sb${idBase}-${i}`;
            const hasBreakdown = line.breakdown.length > 0;
            const margin = line.metricKey !== null ? lineMargin(line.amount, line.providerCost) : null;
            return (
              <Fragment key={`${line.kind}-${line.metricKey ?? ''}-${i}`}>
                <tr className={`statement-line statement-line-${line.kind}`}>
                  <td className="statement-desc">
                    <div className="statement-desc-row">
                      {hasBreakdown ? (
                        <button
                          type="button"
                          className="disclosure"
                          aria-expanded={expanded}
                          aria-controls={breakdownId}
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
                        {line.note || isNonZero(line.freeQuantity) ? (
                          <span className="statement-note">
                            {line.note ?? `${formatQuantity(line.freeQuantity, locale)} ${unitLabel(line.unit, line.freeQuantity)} free`}
                          </span>
                        ) : null}
                      </span>
                    </div>
                  </td>
                  <td className="num">
                    <Quantity text={line.quantity} unit={line.unit} locale={locale} />
                  </td>
                  <td className="num">{line.unitPrice !== null ? formatPrice(line.unitPrice, currency, locale) : <span className="muted">—</span>}</td>
                  <td className={`num statement-amount${isNegative(line.amount) ? ' is-negative' : ''}`}>
                    <span title={exactMoney(line.exactAmount, currency)}>{formatMoney(line.amount, currency, locale)}</span>
                  </td>
                  {showCosts ? (
                    <>
                      <td className="num">
                        {isNonZero(line.providerCost) ? (
                          <span title={exactMoney(line.providerCost, currency)}>{formatMoney(line.providerCost, currency, locale)}</span>
                        ) : (
                          <span className="muted">—</span>
                        )}
                      </td>
                      <td className={`num${margin !== null && isNegative(margin) ? ' is-negative' : ''}`}>
                        {margin !== null ? <span title={exactMoney(margin, currency)}>{formatMoney(margin, currency, locale)}</span> : <span className="muted">—</span>}
                      </td>
                    </>
                  ) : null}
                </tr>
                {hasBreakdown ? (
                  <tr id={breakdownId} className="statement-breakdown" hidden={!expanded}>
                    <td colSpan={columns}>
                      <table className="breakdown-table" aria-label={`Breakdown of ${line.description}`}>
                        <thead>
                          <tr>
                            <th scope="col">Tier or part</th>
                            <th scope="col" className="num">
                              Quantity
                            </th>
                            <th scope="col" className="num">
                              Unit price
                            </th>
                            <th scope="col" className="num">
                              Flat fee
                            </th>
                            <th scope="col" className="num">
                              Amount (exact)
                            </th>
                          </tr>
                        </thead>
                        <tbody>
                          {line.breakdown.map((b, j) => (
                            <tr key={j}>
                              <td>{b.label}</td>
                              <td className="num">{formatQuantity(b.quantity, locale)}</td>
                              <td className="num">{b.unitPrice !== null ? formatPrice(b.unitPrice, currency, locale) : '—'}</td>
                              <td className="num">{isNonZero(b.flatFee) ? formatPrice(b.flatFee, currency, locale) : '—'}</td>
                              <td className="num">{formatPrice(b.amount, currency, locale)}</td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            );
          })}
          {lines.length === 0 ? (
            <tr>
              <td colSpan={columns} className="muted">
                Nothing to charge.
              </td>
            </tr>
          ) : null}
        </tbody>
        <tfoot>
          <tr className="statement-subtotal">
            <th scope="row" colSpan={3}>
              Subtotal
            </th>
            <td className="num">{formatMoney(subtotal, currency, locale)}</td>
            {showCosts ? <td colSpan={2} /> : null}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
