// Runs in the renderer. Editing a draft: add a line, add a discount (fixed or percent), set the note.
// Local checks first (money-input.ts), then the command; its field errors show under their fields.
import { useState, type FormEvent } from 'react';
import type { InvoiceDetail } from '../../../../shared/domain/invoice';
import { dec, isDecimalText } from '../../../../shared/money/decimal';
import { useMutation } from '../../api';
import { Dialog } from '../../components/dialog';
import { formatMoney } from '../../format/numbers';
import { TextAreaField } from '../../forms/field';
import { useFieldIds } from '../../forms/use-field-ids';
import { useFormErrors } from '../clients/account-controls/form-state';
import { GeneralError } from '../clients/account-controls/shared-ui';
import { PlanInput } from '../plans/plan-fields';
import { checkDecimal, checkMoney, checkPercent, normalizeDecimal } from './money-input';

export interface DraftDialogProps {
  invoice: InvoiceDetail;
  locale: string;
  onClose: () => void;
  onDone: (detail: InvoiceDetail, message: string) => void;
}

function Footer({ running, label, onClose }: { running: boolean; label: string; onClose: () => void }) {
  return (
    <div className="dialog-footer">
      <button type="button" className="btn" onClick={onClose}>
        Cancel
      </button>
      <button type="submit" className="btn btn-primary" disabled={running} aria-busy={running || undefined}>
        {label}
      </button>
    </div>
  );
}

const LINE_FIELDS = ['description', 'quantity', 'unit', 'unitPrice', 'note'] as const;

export function AddLineDialog({ invoice, locale, onClose, onDone }: DraftDialogProps) {
  const idFor = useFieldIds();
  const currency = invoice.currency;
  const [description, setDescription] = useState('');
  const [quantity, setQuantity] = useState('1');
  const [unit, setUnit] = useState('unit');
  const [unitPrice, setUnitPrice] = useState('');
  const [note, setNote] = useState('');
  const f = useFormErrors(LINE_FIELDS);
  const add = useMutation('invoices.addLine');

  const q = normalizeDecimal(quantity, locale);
  const p = normalizeDecimal(unitPrice, locale);
  const amount = q !== null && p !== null ? dec(q).times(dec(p)).toFixed() : null;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (add.running) return;
    const local: Record<string, string> = {};
    if (description.trim() === '') local.description = 'Enter a description: it is printed on the invoice.';
    const qc = checkDecimal(quantity, locale, { label: 'the quantity', example: '1 or 2.5', positive: true });
    if (!qc.ok) local.quantity = qc.message;
    const pc = checkDecimal(unitPrice, locale, { label: 'the unit price', example: '25.00', allowNegative: true, maxDecimals: 6 });
    if (!pc.ok) local.unitPrice = pc.message;
    if (!qc.ok || !pc.ok || Object.keys(local).length > 0) return f.setLocal(local);
    const res = await add.run({
      invoiceId: invoice.id,
      description: description.trim(),
      quantity: qc.value,
      unit: unit.trim() || 'unit',
      unitPrice: pc.value,
      ...(note.trim() ? { note: note.trim() } : {}),
    });
    if (res.ok) onDone(res.data, `Line “${description.trim()}” added.`);
    else f.fail(res.error);
  };

  return (
    <Dialog title="Add line" onClose={onClose}>
      <form className="dialog-form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <div className="dialog-body">
          <p>A line added by hand stays on the draft when it is regenerated from usage.</p>
          <GeneralError error={f.general} />
          <PlanInput id={idFor('description')} label="Description" value={description} onChange={setDescription} errors={f.err('description')} required />
          <div className="inv-grid-2">
            <PlanInput id={idFor('quantity')} label="Quantity" value={quantity} onChange={setQuantity} inputMode="decimal" errors={f.err('quantity')} required />
            <PlanInput id={idFor('unit')} label="Unit" value={unit} onChange={setUnit} errors={f.err('unit')} hint="hour, seat, setup…" />
          </div>
          <PlanInput
            id={idFor('unitPrice')}
            label="Unit price"
            value={unitPrice}
            onChange={setUnitPrice}
            inputMode="text"
            suffix={currency}
            errors={f.err('unitPrice')}
            required
            hint={amount !== null && isDecimalText(amount) ? `Line amount: ${formatMoney(amount, currency, locale)} before tax.` : 'Negative for a credit line.'}
          />
          <PlanInput id={idFor('note')} label="Note" value={note} onChange={setNote} errors={f.err('note')} hint="Printed under the line (optional)." />
        </div>
        <Footer running={add.running} label="Add line" onClose={onClose} />
      </form>
    </Dialog>
  );
}

const DISCOUNT_FIELDS = ['description', 'kind', 'value'] as const;

export function AddDiscountDialog({ invoice, locale, onClose, onDone }: DraftDialogProps) {
  const idFor = useFieldIds();
  const currency = invoice.currency;
  const [description, setDescription] = useState('Discount');
  const [kind, setKind] = useState<'fixed' | 'percent'>('percent');
  const [value, setValue] = useState('');
  const f = useFormErrors(DISCOUNT_FIELDS);
  const add = useMutation('invoices.addDiscount');

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (add.running) return;
    const local: Record<string, string> = {};
    if (description.trim() === '') local.description = 'Enter a description, like “Loyalty discount”.';
    const vc = kind === 'percent' ? checkPercent(value, locale, 'the discount') : checkMoney(value, currency, locale, { label: 'the discount', positive: true });
    if (!vc.ok) local.value = vc.message;
    if (!vc.ok || Object.keys(local).length > 0) return f.setLocal(local);
    const res = await add.run({ invoiceId: invoice.id, description: description.trim(), kind, value: vc.value });
    if (res.ok) onDone(res.data, `Discount “${description.trim()}” added.`);
    else f.fail(res.error);
  };

  return (
    <Dialog title="Add discount" onClose={onClose}>
      <form className="dialog-form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <div className="dialog-body">
          <GeneralError error={f.general} />
          <PlanInput id={idFor('description')} label="Description" value={description} onChange={setDescription} errors={f.err('description')} required />
          <fieldset className="inv-kind-choice" aria-describedby={f.err('kind') ? `${idFor('kind')}-error` : undefined}>
            <legend>Kind</legend>
            <label className="check-row">
              <input type="radio" className="checkbox" name={idFor('kind')} checked={kind === 'percent'} onChange={() => setKind('percent')} />
              Percent of the subtotal
            </label>
            <label className="check-row">
              <input type="radio" className="checkbox" name={idFor('kind')} checked={kind === 'fixed'} onChange={() => setKind('fixed')} />
              Fixed amount in {currency}
            </label>
            {f.err('kind') ? (
              <p id={`${idFor('kind')}-error`} className="field-error">
                {f.err('kind')![0]}
              </p>
            ) : null}
          </fieldset>
          <PlanInput
            id={idFor('value')}
            label={kind === 'percent' ? 'Percent' : 'Amount'}
            value={value}
            onChange={setValue}
            inputMode="decimal"
            suffix={kind === 'percent' ? '%' : currency}
            errors={f.err('value')}
            required
            hint={kind === 'percent' ? 'Taken off the subtotal before tax, like 10.' : 'Taken off the subtotal before tax.'}
          />
        </div>
        <Footer running={add.running} label="Add discount" onClose={onClose} />
      </form>
    </Dialog>
  );
}

export function NoteDialog({ invoice, onClose, onDone }: DraftDialogProps) {
  const idFor = useFieldIds();
  const [note, setNote] = useState(invoice.snapshot.notes ?? '');
  const set = useMutation('invoices.setNote');
  const f = useFormErrors(['note']);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (set.running) return;
    const res = await set.run({ invoiceId: invoice.id, note: note.trim() || null });
    if (res.ok) onDone(res.data, note.trim() ? 'Note saved.' : 'Note removed.');
    else f.fail(res.error);
  };

  return (
    <Dialog title="Note" onClose={onClose}>
      <form className="dialog-form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <div className="dialog-body">
          <GeneralError error={f.general} />
          <TextAreaField id={idFor('note')} label="Note on the invoice" value={note} onChange={setNote} rows={5} error={f.err('note')?.[0]} hint="Printed on the document. Leave empty for none." />
        </div>
        <Footer running={set.running} label="Save note" onClose={onClose} />
      </form>
    </Dialog>
  );
}
