// Runs in the renderer. A credit note against an issued or paid invoice: everything, or part of some lines
// (amounts before tax; the invoice's tax rates apply), with a reason printed on it. Creates a draft credit
// note, which is reviewed and issued like an invoice.
import { useState, type FormEvent } from 'react';
import type { InvoiceDetail } from '../../../../shared/domain/invoice';
import { useMutation } from '../../api';
import { Dialog } from '../../components/dialog';
import { Segmented } from '../../components/segmented';
import { exactMoney, formatMoney } from '../../format/numbers';
import { commandFieldErrors } from '../../forms/field-errors';
import { TextAreaField } from '../../forms/field';
import { useFieldIds } from '../../forms/use-field-ids';
import { GeneralError } from '../clients/account-controls/shared-ui';
import { FieldErrors } from '../plans/plan-fields';
import { buildCreditNote, creditable, EMPTY_CREDIT_FORM, mapCreditErrors, partialTotal, type CreditErrors, type CreditMode, type CreditNoteForm } from './credit-note-model';
import type { CommandError } from '../../../../shared/contract/result';

const MODES: ReadonlyArray<readonly [CreditMode, string]> = [
  ['full', 'Whole invoice'],
  ['partial', 'Part of some lines'],
];

export interface CreditNoteDialogProps {
  invoice: InvoiceDetail;
  locale: string;
  onClose: () => void;
  onCreated: (creditNote: InvoiceDetail) => void;
}

export function CreditNoteDialog({ invoice, locale, onClose, onCreated }: CreditNoteDialogProps) {
  const idFor = useFieldIds();
  const [form, setForm] = useState<CreditNoteForm>(EMPTY_CREDIT_FORM);
  const [errors, setErrors] = useState<CreditErrors>({});
  const [general, setGeneral] = useState<CommandError | null>(null);
  const create = useMutation('invoices.createCreditNote');
  const lines = invoice.snapshot.lines;
  const currency = invoice.currency;
  const money = (t: string) => formatMoney(t, currency, locale);
  const sum = form.mode === 'partial' ? partialTotal(form, lines, currency, locale) : null;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (create.running) return;
    setGeneral(null);
    const built = buildCreditNote(invoice.id, form, lines, currency, locale);
    if (!built.ok) {
      setErrors(built.errors);
      return;
    }
    setErrors({});
    const res = await create.run(built.input);
    if (res.ok) {
      onCreated(res.data);
      return;
    }
    const mapped = mapCreditErrors(commandFieldErrors(res.error), built.sentIndexes);
    setErrors(mapped);
    setGeneral(Object.keys(mapped).length > 0 ? null : res.error);
  };

  const lineError = (i: number) => errors[`line.${i}`];

  return (
    <Dialog title={`Credit note for ${invoice.number ?? 'this invoice'}`} onClose={onClose} size="large">
      <form className="dialog-form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <div className="dialog-body">
          <p>
            A credit note corrects an issued invoice without changing it. It is created as a draft: review it, then issue it to give it a number. Invoice total:{' '}
            {money(invoice.total)}
            {invoice.creditNotes.length > 0 ? `; ${invoice.creditNotes.length} credit ${invoice.creditNotes.length === 1 ? 'note exists' : 'notes exist'} already` : ''}.
          </p>
          <GeneralError error={general} />
          <Segmented name={idFor('mode')} legend="What to credit" options={MODES} value={form.mode} onChange={(mode) => setForm((f) => ({ ...f, mode }))} />
          {form.mode === 'partial' ? (
            <div className="field">
              <div className="table-wrap">
                <table className="table table-compact inv-credit-lines" aria-label="Amounts to credit">
                  <thead>
                    <tr>
                      <th scope="col">Line</th>
                      <th scope="col" className="num">
                        Amount
                      </th>
                      <th scope="col" className="num">
                        Credit (before tax)
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {lines.map((l, i) => {
                      const id = idFor(`line.${i}`);
                      const err = lineError(i);
                      return (
                        <tr key={i}>
                          <td>
                            <label htmlFor={id}>{l.description}</label>
                          </td>
                          <td className="num" title={exactMoney(l.amount, currency)}>
                            {money(l.amount)}
                          </td>
                          <td className="num">
                            {creditable(l) ? (
                              <>
                                <input
                                  id={id}
                                  className="input input-compact"
                                  inputMode="decimal"
                                  autoComplete="off"
                                  value={form.amounts[i] ?? ''}
                                  placeholder="0.00"
                                  aria-invalid={err ? true : undefined}
                                  aria-describedby={err ? `${id}-error` : undefined}
                                  onChange={(e) => {
                                    const v = e.target.value;
                                    setForm((f) => ({ ...f, amounts: { ...f.amounts, [i]: v } }));
                                    setErrors(({ [`line.${i}`]: _, lines: __, ...rest }) => rest);
                                  }}
                                />
                                {err ? (
                                  <p id={`${id}-error`} className="field-error">
                                    {err}
                                  </p>
                                ) : null}
                              </>
                            ) : (
                              <span className="muted">—</span>
                            )}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
              {errors.lines ? <FieldErrors id={idFor('lines-error')} errors={[errors.lines]} /> : null}
              <p className="field-hint" aria-live="polite">
                {sum !== null ? `Credit before tax: ${money(sum)}. The invoice's tax rates are added.` : 'Enter the amount to credit on each line concerned.'}
              </p>
            </div>
          ) : (
            <p className="muted">Every line, discount and tax of the invoice is credited: the credit note totals {money(`-${invoice.total.replace(/^-/, '')}`)}.</p>
          )}
          <TextAreaField
            id={idFor('reason')}
            label="Reason"
            value={form.reason}
            onChange={(reason) => {
              setForm((f) => ({ ...f, reason }));
              setErrors(({ reason: _, ...rest }) => rest);
            }}
            rows={3}
            error={errors.reason}
            required
            hint="Printed on the credit note, e.g. “Service outage on 12 October”."
          />
        </div>
        <div className="dialog-footer">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={create.running} aria-busy={create.running || undefined}>
            Create draft credit note
          </button>
        </div>
      </form>
    </Dialog>
  );
}
