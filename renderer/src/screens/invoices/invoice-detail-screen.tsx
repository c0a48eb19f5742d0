// Runs in the renderer. One invoice or credit note: the document, its facts, payments and credit notes, the
// notes the reader should know, the PDF; and the actions its status allows — draft: add line, add discount,
// note, regenerate, issue, delete; issued: mark paid, void, credit note; paid: credit note. Its Stripe copy, if any.
import { useEffect, useState, type ReactNode } from 'react';
import type { DraftDiscount, DraftLine, InvoiceDetail } from '../../../../shared/domain/invoice';
import { useMutation, useQuery } from '../../api';
import { useAgency } from '../../app/agency-context';
import { Badge } from '../../components/badge';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorNotice } from '../../components/error-notice';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { TimeAgo } from '../../components/time-ago';
import { exactMoney, formatMoney } from '../../format/numbers';
import { NO_INVOICE_FILTERS } from '../../router/invoice-routes';
import { Link } from '../../router/link';
import { navigate, replaceRoute } from '../../router/use-route';
import '../../styles/pricing.css';
import { dayBefore, formatCalendarDate, isNonZero } from '../statements/statement-format';
import { CreditNoteDialog } from './credit-note-dialog';
import { AddDiscountDialog, AddLineDialog, NoteDialog } from './draft-dialogs';
import { InvoiceDocument } from './invoice-document';
import { documentNumber, documentTitle, KIND_LABELS, PAYMENT_METHOD_LABELS, STATUS_LABELS, STATUS_TONES } from './invoice-labels';
import { INVOICE_TABLES, InvoiceStatus } from './invoice-status';
import { IssueDialog, MarkPaidDialog, VoidDialog } from './lifecycle-dialogs';
import { PdfPreview } from './pdf-preview';
import { InvoiceStripeCard } from '../stripe/invoice-stripe-card';
import './invoices.css';

type DialogKind = 'line' | 'discount' | 'note' | 'issue' | 'paid' | 'void' | 'credit' | 'delete';

const back = (
  <Link to={{ name: 'invoices', filters: NO_INVOICE_FILTERS }} className="back-link">
    <span aria-hidden="true">← </span>Invoices
  </Link>
);

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="dl-row">
      <dt>{label}</dt>
      <dd>{children ?? <span className="muted">—</span>}</dd>
    </div>
  );
}

export function InvoiceDetailScreen({ id }: { id: number }) {
  const { locale, timeZone } = useAgency();
  const q = useQuery('invoices.get', { id }, { tables: INVOICE_TABLES });
  const [dialog, setDialog] = useState<DialogKind | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  const removeLine = useMutation('invoices.removeLine');
  const removeDiscount = useMutation('invoices.removeDiscount');
  const regenerate = useMutation('invoices.regenerate');
  const deleteDraft = useMutation('invoices.deleteDraft');
  const title = q.data ? documentTitle(q.data) : null;
  useEffect(() => {
    if (title) document.title = `${title} — ${q.data?.clientName ?? ''} — Meterbook`;
  }, [title, q.data?.clientName]);

  if (!q.data) {
    return (
      <>
        <PageHeader before={back} title={q.error ? 'Invoice not found' : 'Invoice'} />
        {q.error ? (
          <ErrorNotice title="This invoice could not be loaded" error={q.error} onRetry={q.error.code === 'not_found' ? undefined : () => void q.reload()} />
        ) : (
          <Loading label="Loading invoice…" />
        )}
      </>
    );
  }

  const d = q.data;
  const s = d.snapshot;
  const draft = d.status === 'draft';
  const isInvoice = d.kind === 'invoice';
  const open = (k: DialogKind) => {
    setNotice(null);
    regenerate.reset();
    setDialog(k);
  };
  const done = (_detail: InvoiceDetail, message: string) => {
    setDialog(null);
    setNotice(message);
    void q.reload();
  };
  const money = (t: string) => <span title={exactMoney(t, d.currency)}>{formatMoney(t, d.currency, locale)}</span>;

  const onRemoveLine = async (line: DraftLine) => {
    setNotice(null);
    setRemoving(`line-${line.id}`);
    const res = await removeLine.run({ invoiceId: d.id, lineId: line.id });
    setRemoving(null);
    if (res.ok) {
      setNotice(`Line “${line.description}” removed.`);
      void q.reload();
    }
  };
  const onRemoveDiscount = async (discount: DraftDiscount) => {
    setNotice(null);
    setRemoving(`discount-${discount.id}`);
    const res = await removeDiscount.run({ invoiceId: d.id, discountId: discount.id });
    setRemoving(null);
    if (res.ok) {
      setNotice(`Discount “${discount.description}” removed.`);
      void q.reload();
    }
  };
  const onRegenerate = async () => {
    setNotice(null);
    const res = await regenerate.run({ id: d.id });
    if (res.ok) {
      setNotice('The draft was re-rated from the latest usage. Lines added by hand, discounts and the note were kept.');
      void q.reload();
    }
  };
  const onDelete = async () => {
    const res = await deleteDraft.run({ id: d.id });
    if (res.ok) {
      setDialog(null);
      replaceRoute({ name: 'invoices', filters: NO_INVOICE_FILTERS });
    }
  };

  const actions = draft ? (
    <>
      <button type="button" className="btn" onClick={() => open('line')}>
        Add line
      </button>
      <button type="button" className="btn" onClick={() => open('discount')}>
        Add discount
      </button>
      <button type="button" className="btn" onClick={() => open('note')}>
        Note
      </button>
      {isInvoice && d.periodLabel ? (
        <button type="button" className="btn" onClick={() => void onRegenerate()} disabled={regenerate.running} aria-busy={regenerate.running || undefined} title="Re-rate the draft from the latest usage">
          {regenerate.running ? 'Regenerating…' : 'Regenerate'}
        </button>
      ) : null}
      <button type="button" className="btn btn-danger-outline" onClick={() => open('delete')}>
        Delete draft
      </button>
      <button type="button" className="btn btn-primary" onClick={() => open('issue')}>
        Issue
      </button>
    </>
  ) : d.status === 'issued' ? (
    <>
      {isInvoice ? (
        <button type="button" className="btn" onClick={() => open('credit')}>
          Create credit note
        </button>
      ) : null}
      <button type="button" className="btn btn-danger-outline" onClick={() => open('void')}>
        Void
      </button>
      {isInvoice ? (
        <button type="button" className="btn btn-primary" onClick={() => open('paid')}>
          Mark paid
        </button>
      ) : null}
    </>
  ) : d.status === 'paid' && isInvoice ? (
    <button type="button" className="btn" onClick={() => open('credit')}>
      Create credit note
    </button>
  ) : null;

  const removeError = removeLine.error ?? removeDiscount.error;

  return (
    <div className="inv-screen">
      <PageHeader
        before={back}
        title={title}
        meta={<InvoiceStatus invoice={d} />}
        description={
          <>
            <Link to={{ name: 'client', id: d.clientId }}>{d.clientName}</Link>
            {d.periodLabel ? ` · ${d.periodLabel}` : ''} · {d.currency}
          </>
        }
        actions={actions ? <div className="inv-actions">{actions}</div> : null}
      />

      <div className="inv-live" role="status">
        {notice ? <p className="notice notice-success">{notice}</p> : null}
      </div>
      {regenerate.error ? <ErrorNotice title="The draft was not regenerated" error={regenerate.error} /> : null}
      {removeError ? <ErrorNotice title="That was not removed" error={removeError} /> : null}
      {d.status === 'void' ? (
        <p className="notice notice-info">
          Voided{d.voidedAt ? ` on ${formatCalendarDate(d.voidedAt.slice(0, 10), locale)}` : ''}: {d.voidReason ?? 'no reason given'}. It keeps its number and is no longer owed.
        </p>
      ) : null}
      {d.notes.length > 0 ? (
        <div className="notice notice-info" role="note" aria-label="Good to know">
          <ul className="inv-notes-list">
            {d.notes.map((n, i) => (
              <li key={i}>{n}</li>
            ))}
          </ul>
        </div>
      ) : null}

      <div className="inv-detail-grid">
        <section className="card" aria-labelledby="inv-doc-title">
          <div className="card-header">
            <h2 id="inv-doc-title" className="card-title">
              {draft ? `${KIND_LABELS[d.kind]} (draft)` : `${KIND_LABELS[d.kind]} ${documentNumber(d)}`}
            </h2>
            {draft && d.generatedAt ? (
              <span className="card-meta">
                Rated <TimeAgo iso={d.generatedAt} />
              </span>
            ) : null}
          </div>
          <div className="card-body">
            <InvoiceDocument detail={d} locale={locale} actions={draft ? { onRemoveLine: (l) => void onRemoveLine(l), onRemoveDiscount: (x) => void onRemoveDiscount(x), removing } : null} />
          </div>
        </section>

        <div className="inv-side">
          <section className="card" aria-labelledby="inv-facts-title">
            <div className="card-header">
              <h2 id="inv-facts-title" className="card-title">
                Details
              </h2>
            </div>
            <div className="card-body">
              <dl className="dl">
                <Row label="Client">
                  <Link to={{ name: 'client', id: d.clientId }}>{d.clientName}</Link>
                </Row>
                <Row label="Number">{d.number ?? <span className="muted">Given when issued</span>}</Row>
                <Row label="Period">
                  {s.period ? (
                    <>
                      {s.period.label}{' '}
                      <span className="muted">
                        ({formatCalendarDate(s.period.start, locale)} – {formatCalendarDate(dayBefore(s.period.end), locale)})
                      </span>
                    </>
                  ) : null}
                </Row>
                {s.planName ? <Row label="Plan">{s.planName}</Row> : null}
                <Row label="Issue date">{d.issueDate ? formatCalendarDate(d.issueDate, locale) : <span className="muted">Not issued</span>}</Row>
                <Row label="Due date">
                  {d.dueDate ? (
                    <>
                      {formatCalendarDate(d.dueDate, locale)} {d.overdue ? <Badge tone="danger">Overdue</Badge> : null}
                    </>
                  ) : (
                    <span className="muted">{s.paymentTermsDays} days after issue</span>
                  )}
                </Row>
                {s.creditOf ? (
                  <Row label="Corrects">
                    <Link to={{ name: 'invoice', id: s.creditOf.invoiceId }}>{s.creditOf.number}</Link>{' '}
                    <span className="muted">of {formatCalendarDate(s.creditOf.issueDate, locale)}</span>
                  </Row>
                ) : null}
              </dl>
            </div>
          </section>

          {isInvoice && !draft ? (
            <section className="card" aria-labelledby="inv-payment-title">
              <div className="card-header">
                <h2 id="inv-payment-title" className="card-title">
                  Payment
                </h2>
              </div>
              <div className="card-body">
                {d.payment ? (
                  <p>
                    Paid {money(d.amountDue)} on {formatCalendarDate(d.payment.date, locale)} by {d.payment.method === 'stripe' ? PAYMENT_METHOD_LABELS.stripe : PAYMENT_METHOD_LABELS[d.payment.method].toLowerCase()}
                    {d.payment.reference ? <span className="muted"> · {d.payment.reference}</span> : null}.
                  </p>
                ) : d.status === 'void' ? (
                  <p className="muted">Nothing is owed on a void invoice.</p>
                ) : (
                  <p>
                    {money(d.balanceDue)} to pay{d.dueDate ? ` by ${formatCalendarDate(d.dueDate, locale)}` : ''}.
                  </p>
                )}
                {isNonZero(s.totals.paidFromBalance) ? (
                  <p className="muted">{money(s.totals.paidFromBalance)} was paid from the prepaid balance at issue.</p>
                ) : null}
              </div>
            </section>
          ) : null}

          <InvoiceStripeCard invoice={d} />

          {isInvoice && d.creditNotes.length > 0 ? (
            <section className="card" aria-labelledby="inv-credits-title">
              <div className="card-header">
                <h2 id="inv-credits-title" className="card-title">
                  Credit notes
                </h2>
              </div>
              <div className="card-body">
                <ul className="inv-links" aria-label="Credit notes">
                  {d.creditNotes.map((c) => (
                    <li key={c.id}>
                      <Link to={{ name: 'invoice', id: c.id }}>{c.number ?? 'Draft credit note'}</Link>
                      <span className="badges">
                        <Badge tone={STATUS_TONES[c.status]}>{STATUS_LABELS[c.status]}</Badge>
                        {money(c.total)}
                      </span>
                    </li>
                  ))}
                </ul>
              </div>
            </section>
          ) : null}
        </div>
      </div>

      <PdfPreview id={d.id} draft={draft} />

      {dialog === 'line' ? <AddLineDialog invoice={d} locale={locale} onClose={() => setDialog(null)} onDone={done} /> : null}
      {dialog === 'discount' ? <AddDiscountDialog invoice={d} locale={locale} onClose={() => setDialog(null)} onDone={done} /> : null}
      {dialog === 'note' ? <NoteDialog invoice={d} locale={locale} onClose={() => setDialog(null)} onDone={done} /> : null}
      {dialog === 'issue' ? <IssueDialog invoice={d} locale={locale} timeZone={timeZone} onClose={() => setDialog(null)} onDone={done} /> : null}
      {dialog === 'paid' ? <MarkPaidDialog invoice={d} locale={locale} timeZone={timeZone} onClose={() => setDialog(null)} onDone={done} /> : null}
      {dialog === 'void' ? <VoidDialog invoice={d} locale={locale} timeZone={timeZone} onClose={() => setDialog(null)} onDone={done} /> : null}
      {dialog === 'credit' ? (
        <CreditNoteDialog
          invoice={d}
          locale={locale}
          onClose={() => setDialog(null)}
          onCreated={(cn) => {
            setDialog(null);
            navigate({ name: 'invoice', id: cn.id });
          }}
        />
      ) : null}
      {dialog === 'delete' ? (
        <ConfirmDialog
          title="Delete this draft?"
          confirmLabel="Delete draft"
          busyLabel="Deleting…"
          danger
          busy={deleteDraft.running}
          error={deleteDraft.error}
          onConfirm={() => void onDelete()}
          onCancel={() => setDialog(null)}
        >
          <p>
            The draft for {d.clientName}
            {d.periodLabel ? ` (${d.periodLabel})` : ''} is removed with its lines and discounts. No number was used. Closing the period again creates a new draft.
          </p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
