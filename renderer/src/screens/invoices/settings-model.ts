// Runs in the renderer (pure). The invoice settings form: numbering, terms, texts, accent colour.
import { InvoiceSettingsInput, type InvoiceSettings } from '../../../../shared/domain/invoice';
import { preValidate, type FieldErrors } from '../../forms/field-errors';
import { checkDays } from './money-input';

export interface SettingsForm {
  invoiceNumberFormat: string;
  creditNoteNumberFormat: string;
  numberReset: 'yearly' | 'never';
  paymentTermsDays: string;
  paymentInstructions: string;
  defaultNote: string;
  reverseChargeMention: string;
  accentColor: string;
}

export function settingsForm(s: InvoiceSettings): SettingsForm {
  return {
    invoiceNumberFormat: s.invoiceNumberFormat,
    creditNoteNumberFormat: s.creditNoteNumberFormat,
    numberReset: s.numberReset,
    paymentTermsDays: String(s.paymentTermsDays),
    paymentInstructions: s.paymentInstructions ?? '',
    defaultNote: s.defaultNote ?? '',
    reverseChargeMention: s.reverseChargeMention,
    accentColor: s.accentColor,
  };
}

/** The colour input only takes #rrggbb: anything else shows as black there, the text field keeps it. */
export function colorInputValue(text: string): string {
  const t = text.trim();
  return /^#[0-9a-fA-F]{6}$/.test(t) ? t.toLowerCase() : '#000000';
}

export function settingsInput(f: SettingsForm): { ok: true; input: InvoiceSettingsInput } | { ok: false; errors: FieldErrors } {
  const terms = checkDays(f.paymentTermsDays, 'payment terms', false);
  const input: InvoiceSettingsInput = {
    invoiceNumberFormat: f.invoiceNumberFormat,
    creditNoteNumberFormat: f.creditNoteNumberFormat,
    numberReset: f.numberReset,
    paymentTermsDays: terms.ok ? (terms.value ?? 0) : 0,
    paymentInstructions: f.paymentInstructions,
    defaultNote: f.defaultNote,
    reverseChargeMention: f.reverseChargeMention,
    accentColor: f.accentColor,
  };
  const errors: Record<string, string> = { ...preValidate(InvoiceSettingsInput, input) };
  if (!terms.ok) errors.paymentTermsDays = terms.message;
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, input };
}
