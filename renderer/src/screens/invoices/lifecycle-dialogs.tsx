// Runs in the renderer. Moving a document along: issue (number, optional issue date), mark paid (date,
// method, reference), void (reason). Each says what cannot be undone; errors show under their field.
import { useId, useState, type FormEvent } from 'react';
import { PAYMENT_METHODS, type InvoiceDetail, type PaymentMethod } from '../../../../shared/domain/invoice';
import { useMutation, useQuery } from '../../api';
import { Dialog } from '../../components/dialog';
import { formatMoney } from '../../format/numbers';
import { TextAreaField } from '../../forms/field';
import { useFieldIds } from '../../forms/use-field-ids';
import { todayIn, useFormErrors } from '../clients/account-controls/form-state';
import { GeneralError } from '../clients/account-controls/shared-ui';
import { PlanInput, PlanSelect } from '../plans/plan-fields';
import { documentTitle, PAYMENT_METHOD_LABELS } from './invoice-labels';

export interface LifecycleDialogProps {
  invoice: InvoiceDetail;
  locale: string;
  timeZone: string;
  onClose: () => void;
  onDone: (detail: InvoiceDetail, message: string) => void;
}

export function IssueDialog({ invoice, locale, onClose, onDone }: LifecycleDialogProps) {
  const idFor = useFieldIds();
  const bodyId = useId();
  const [issueDate, setIssueDate] = useState('');
  const settings = useQuery('invoiceSettings.get', {}, { tables: ['settings', 'invoices'] });
  const issue = useMutation('invoices.issue');
  const f = useFormErrors(['issueDate']);
  const credit = invoice.kind === 'credit_note';
  const next = settings.data ? (credit ? settings.data.nextCreditNoteNumber : settings.data.nextInvoiceNumber) : null;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (issue.running) return;
    const res = await issue.run({ id: invoice.id, ...(issueDate ? { issueDate } : {}) });
    if (res.ok) onDone(res.data, `${documentTitle(res.data)} issued.`);
    else f.fail(res.error);
  };

  return (
    <Dialog title={credit ? "Issue credit note" : "Issue invoice"} onClose={onClose} role="alertdialog" describedBy={bodyId} initialFocus="[data-cancel]">
      <form className="dialog-form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <div className="dialog-body">
          <div id={bodyId}>
            <p>
              {credit ? 'The credit note' : 'The invoice'} for {invoice.clientName} of {formatMoney(invoice.total, invoice.currency, locale)} gets the next number
              {next ? (
                <>
                  {' '}
                  (<span className="inv-next-number">{next}</span> if issued today)
                </>
              ) : null}{' '}
              and is frozen: it can no longer be edited. Mistakes are corrected with a credit note.
            </p>
          </div>
          <GeneralError error={f.general} />
          <PlanInput
            id={idFor('issueDate')}
            label="Issue date"
            type="date"
            value={issueDate}
            onChange={setIssueDate}
            errors={f.err('issueDate')}
            hint="Leave empty for today. It cannot be earlier than the last issued document."
          />
        </div>
        <div className="dialog-footer">
          <button type="button" className="btn" data-cancel onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={issue.running} aria-busy={issue.running || undefined}>
            {issue.running ? 'Issuing…' : credit ? 'Issue credit note' : 'Issue invoice'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

const PAID_FIELDS = ['date', 'method', 'reference'] as const;
const METHOD_OPTIONS = PAYMENT_METHODS.filter((m) => m !== 'prepaid_balance').map((m) => ({ value: m, label: PAYMENT_METHOD_LABELS[m] }));

export function MarkPaidDialog({ invoice, locale, timeZone, onClose, onDone }: LifecycleDialogProps) {
  const idFor = useFieldIds();
  const [date, setDate] = useState(() => todayIn(timeZone));
  const [method, setMethod] = useState<PaymentMethod>('bank_transfer');
  const [reference, setReference] = useState('');
  const pay = useMutation('invoices.markPaid');
  const f = useFormErrors(PAID_FIELDS);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (pay.running) return;
    if (!date) return f.setLocal({ date: 'Enter the day the payment arrived.' });
    const res = await pay.run({ id: invoice.id, date, method, ...(reference.trim() ? { reference: reference.trim() } : {}) });
    if (res.ok) onDone(res.data, `${documentTitle(res.data)} marked as paid.`);
    else f.fail(res.error);
  };

  return (
    <Dialog title="Mark as paid" onClose={onClose}>
      <form className="dialog-form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <div className="dialog-body">
          <p>
            {invoice.clientName} paid {formatMoney(invoice.balanceDue, invoice.currency, locale)} for {invoice.number ?? 'this invoice'}.
          </p>
          <GeneralError error={f.general} />
          <PlanInput id={idFor('date')} label="Payment date" type="date" value={date} onChange={setDate} errors={f.err('date')} required hint={`The day the money arrived, in ${timeZone}.`} />
          <PlanSelect id={idFor('method')} label="Method" value={method} onChange={(v) => setMethod(v as PaymentMethod)} options={METHOD_OPTIONS} errors={f.err('method')} required />
          <PlanInput id={idFor('reference')} label="Reference" value={reference} onChange={setReference} errors={f.err('reference')} hint="A bank or card reference (optional)." />
        </div>
        <div className="dialog-footer">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={pay.running} aria-busy={pay.running || undefined}>
            Mark as paid
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export function VoidDialog({ invoice, onClose, onDone }: LifecycleDialogProps) {
  const idFor = useFieldIds();
  const bodyId = useId();
  const [reason, setReason] = useState('');
  const voidIt = useMutation('invoices.void');
  const f = useFormErrors(['reason']);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (voidIt.running) return;
    if (reason.trim() === '') return f.setLocal({ reason: 'Enter the reason for voiding: it is kept with the invoice.' });
    const res = await voidIt.run({ id: invoice.id, reason: reason.trim() });
    if (res.ok) onDone(res.data, `${documentTitle(res.data)} was voided.`);
    else f.fail(res.error);
  };

  return (
    <Dialog title={`Void ${invoice.number ?? 'invoice'}?`} onClose={onClose} role="alertdialog" describedBy={bodyId} initialFocus="textarea">
      <form className="dialog-form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <div className="dialog-body">
          <p id={bodyId}>
            A void invoice keeps its number (numbering stays without gaps) and no longer counts as owed. What the prepaid balance paid is refunded. This cannot be
            undone; to correct part of an invoice, create a credit note instead.
          </p>
          <GeneralError error={f.general} />
          <TextAreaField id={idFor('reason')} label="Reason" value={reason} onChange={setReason} rows={3} error={f.err('reason')?.[0]} required />
        </div>
        <div className="dialog-footer">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-danger" disabled={voidIt.running} aria-busy={voidIt.running || undefined}>
            Void invoice
          </button>
        </div>
      </form>
    </Dialog>
  );
}
