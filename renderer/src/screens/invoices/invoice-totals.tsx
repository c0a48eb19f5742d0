// Runs in the renderer. The per-currency totals of a list (from the response, over every matching row):
// one box per currency, never summed across currencies.
import type { InvoiceList } from '../../../../shared/domain/invoice';
import { exactMoney, formatCount, formatMoney } from '../../format/numbers';

export function InvoiceTotals({ totals, locale }: { totals: InvoiceList['totals']; locale: string }) {
  if (totals.length === 0) return null;
  return (
    <ul className="inv-totals" aria-label="Totals by currency">
      {totals.map((t) => (
        <li key={t.currency} className="inv-total">
          <p className="inv-total-currency">
            {t.currency} · {formatCount(t.count, locale)} {t.count === 1 ? 'document' : 'documents'}
          </p>
          <dl className="inv-total-dl">
            <div>
              <dt>Total</dt>
              <dd title={exactMoney(t.total, t.currency)}>{formatMoney(t.total, t.currency, locale)}</dd>
            </div>
            <div>
              <dt>Balance due</dt>
              <dd title={exactMoney(t.balanceDue, t.currency)}>{formatMoney(t.balanceDue, t.currency, locale)}</dd>
            </div>
          </dl>
        </li>
      ))}
    </ul>
  );
}
