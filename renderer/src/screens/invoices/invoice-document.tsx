// Runs in the renderer. The document as it prints: parties, lines, subtotal, discounts, net, taxes, total,
// what the prepaid balance paid, amount due, credited and balance due, and its texts. Amounts are the
// service's decimal text, formatted by Intl, never recomputed here. On a draft, manual lines and discounts
// can be removed from the table.
import type { DraftDiscount, DraftLine, InvoiceDetail, Party, SnapshotLine } from '../../../../shared/domain/invoice';
import { dec, decText, isDecimalText } from '../../../../shared/money/decimal';
import { exactMoney, formatMoney, formatQuantity } from '../../format/numbers';
import { unitLabel } from '../../format/units';
import { formatPrice, isNonZero } from '../statements/statement-format';

export interface DocumentActions {
  onRemoveLine: (line: DraftLine) => void;
  onRemoveDiscount: (discount: DraftDiscount) => void;
  /** the id of the row being removed */
  removing: string | null;
}

const negate = (text: string) => (isDecimalText(text) ? decText(dec(text).neg()) : text);

function PartyBlock({ title, party }: { title: string; party: Party }) {
  return (
    <div className="inv-party">
      <p className="inv-party-title">{title}</p>
      <p className="inv-party-name">{party.name}</p>
      <address className="address">
        {party.contactName ? <span>{party.contactName}</span> : null}
        {party.addressLines.map((l, i) => (
          <span key={i}>{l}</span>
        ))}
        {party.email ? <span>{party.email}</span> : null}
        {party.taxId ? <span>Tax id: {party.taxId}</span> : null}
      </address>
    </div>
  );
}

export function InvoiceDocument({ detail, locale, actions }: { detail: InvoiceDetail; locale: string; actions: DocumentActions | null }) {
  const s = detail.snapshot;
  const currency = s.currency;
  const money = (text: string) => (
    <span title={exactMoney(text, currency)}>{formatMoney(text, currency, locale)}</span>
  );
  const draft = detail.status === 'draft';
  const lines: ReadonlyArray<SnapshotLine & { id?: number }> = draft ? detail.draftLines : s.lines;
  const discounts: ReadonlyArray<(typeof s.discounts)[number] & { id?: number }> = draft ? detail.draftDiscounts : s.discounts;
  const editable = draft && actions !== null;
  const removable = editable && lines.some((l) => l.source === 'manual') ? actions : null;
  const t = s.totals;
  const credited = detail.kind === 'invoice' && detail.status !== 'draft' && isNonZero(detail.credited);

  return (
    <div className="inv-doc">
      <div className="inv-parties">
        <PartyBlock title="From" party={s.agency} />
        <PartyBlock title="Bill to" party={s.client} />
      </div>

      <div className="table-wrap">
        <table className="table inv-lines" aria-label="Lines">
          <thead>
            <tr>
              <th scope="col" className="inv-col-desc">
                Description
              </th>
              <th scope="col" className="num">
                Quantity
              </th>
              <th scope="col" className="num">
                Unit price
              </th>
              <th scope="col" className="num">
                Amount
              </th>
              {removable ? (
                <th scope="col" className="inv-line-actions">
                  <span className="visually-hidden">Actions</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {lines.length === 0 ? (
              <tr>
                <td colSpan={4} className="muted">
                  No lines. {editable ? 'Add a line, or regenerate the draft from the latest usage.' : ''}
                </td>
              </tr>
            ) : (
              lines.map((l, i) => (
                <tr key={l.id ?? i}>
                  <td>
                    {l.description}
                    {l.note ? <span className="inv-line-note">{l.note}</span> : null}
                    {l.source === 'manual' && draft ? <span className="inv-line-note">Added by hand</span> : null}
                  </td>
                  <td className="num">
                    {formatQuantity(l.quantity, locale)} <span className="muted">{unitLabel(l.unit, l.quantity)}</span>
                  </td>
                  <td className="num">{l.unitPrice === null ? <span className="muted">—</span> : formatPrice(l.unitPrice, currency, locale)}</td>
                  <td className="num">{money(l.amount)}</td>
                  {removable ? (
                    <td className="inv-line-actions">
                      {l.source === 'manual' && l.id !== undefined ? (
                        <button
                          type="button"
                          className="icon-button"
                          aria-label={`Remove line ${l.description}`}
                          title="Remove line"
                          disabled={removable.removing === `line-${l.id}`}
                          aria-busy={removable.removing === `line-${l.id}` || undefined}
                          onClick={() => removable.onRemoveLine(l as DraftLine)}
                        >
                          <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
                            <path d="M4 4l8 8M12 4l-8 8" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
                          </svg>
                        </button>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>

      <dl className="inv-sums" aria-label="Totals">
        <div className="inv-sum">
          <dt>Subtotal</dt>
          <dd>{money(t.subtotal)}</dd>
        </div>
        {discounts.map((d, i) => (
          <div className="inv-sum" key={d.id ?? `d${i}`}>
            <dt>
              {d.description} {d.kind === 'percent' ? <span className="inv-sum-detail">({formatQuantity(d.value, locale)} %)</span> : null}
              {editable && d.id !== undefined ? (
                <button
                  type="button"
                  className="icon-button inv-sum-remove"
                  aria-label={`Remove discount ${d.description}`}
                  title="Remove discount"
                  disabled={actions.removing === `discount-${d.id}`}
                  aria-busy={actions.removing === `discount-${d.id}` || undefined}
                  onClick={() => actions.onRemoveDiscount(d as DraftDiscount)}
                >
                  <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
                    <path d="M4 4l8 8M12 4l-8 8" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
                  </svg>
                </button>
              ) : null}
            </dt>
            <dd>{money(negate(d.amount))}</dd>
          </div>
        ))}
        {discounts.length > 0 ? (
          <div className="inv-sum">
            <dt>Net</dt>
            <dd>{money(t.net)}</dd>
          </div>
        ) : null}
        {s.taxes.map((x) => (
          <div className="inv-sum" key={x.name}>
            <dt>
              {x.name} {formatQuantity(x.rate, locale)} % <span className="inv-sum-detail">on {formatMoney(x.base, currency, locale)}</span>
            </dt>
            <dd>{money(x.amount)}</dd>
          </div>
        ))}
        {s.taxes.length === 0 && s.reverseChargeMention ? (
          <div className="inv-sum">
            <dt>Tax (reverse charge)</dt>
            <dd>{money(t.taxTotal)}</dd>
          </div>
        ) : null}
        <div className="inv-sum inv-sum-strong">
          <dt>Total</dt>
          <dd>{money(t.total)}</dd>
        </div>
        {isNonZero(t.paidFromBalance) ? (
          <>
            <div className="inv-sum">
              <dt>Paid from prepaid balance</dt>
              <dd>{money(negate(t.paidFromBalance))}</dd>
            </div>
            <div className="inv-sum inv-sum-strong">
              <dt>Amount due</dt>
              <dd>{money(t.amountDue)}</dd>
            </div>
          </>
        ) : null}
        {credited ? (
          <div className="inv-sum">
            <dt>Credited</dt>
            <dd>{money(negate(detail.credited))}</dd>
          </div>
        ) : null}
        {detail.kind === 'invoice' && detail.status !== 'draft' ? (
          <div className="inv-sum inv-sum-strong inv-sum-due">
            <dt>Balance due</dt>
            <dd>{money(detail.balanceDue)}</dd>
          </div>
        ) : null}
      </dl>

      {s.reverseChargeMention || s.notes || s.paymentInstructions || s.creditReason ? (
        <div className="inv-texts">
          {s.creditReason ? (
            <div>
              <p className="inv-text-title">Reason</p>
              <p className="pre-line">{s.creditReason}</p>
            </div>
          ) : null}
          {s.reverseChargeMention ? <p className="pre-line">{s.reverseChargeMention}</p> : null}
          {s.notes ? (
            <div>
              <p className="inv-text-title">Note</p>
              <p className="pre-line">{s.notes}</p>
            </div>
          ) : null}
          {s.paymentInstructions ? (
            <div>
              <p className="inv-text-title">Payment instructions</p>
              <p className="pre-line">{s.paymentInstructions}</p>
            </div>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
