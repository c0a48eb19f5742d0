// Runs in the renderer (pure). The credit-note form: full (everything negated) or partial (an amount before
// tax per line, at most the line's amount), a reason; turned into the contract input, with server errors
// on `lines.<k>.amount` (k = position in the sent array) mapped back under the invoice line they belong to.
import type { CreditNoteInput, SnapshotLine } from '../../../../shared/domain/invoice';
import { dec, decText, isDecimalText } from '../../../../shared/money/decimal';
import { checkMoney } from './money-input';

export type CreditMode = 'full' | 'partial';

export interface CreditNoteForm {
  mode: CreditMode;
  reason: string;
  /** typed amount per invoice line index; '' = not credited */
  amounts: Readonly<Record<number, string>>;
}

export const EMPTY_CREDIT_FORM: CreditNoteForm = { mode: 'full', reason: '', amounts: {} };

/** Errors keyed "reason", "lines" (nothing to credit) or "line.<index>". */
export type CreditErrors = Record<string, string>;

/** A line can be credited in part when its amount is positive. */
export function creditable(line: Pick<SnapshotLine, 'amount'>): boolean {
  return isDecimalText(line.amount) && dec(line.amount).gt(0);
}

export function buildCreditNote(
  invoiceId: number,
  form: CreditNoteForm,
  lines: readonly Pick<SnapshotLine, 'amount' | 'description'>[],
  currency: string,
  locale: string,
): { ok: true; input: CreditNoteInput; sentIndexes: number[] } | { ok: false; errors: CreditErrors } {
  const errors: CreditErrors = {};
  const reason = form.reason.trim();
  if (reason === '') errors.reason = 'Enter a reason: it is printed on the credit note.';
  const picked: { index: number; amount: string }[] = [];
  if (form.mode === 'partial') {
    lines.forEach((line, index) => {
      const text = form.amounts[index] ?? '';
      if (text.trim() === '') return;
      if (!creditable(line)) {
        errors[`line.${index}`] = 'This line cannot be credited in part.';
        return;
      }
      const checked = checkMoney(text, currency, locale, { label: 'the amount to credit', positive: true, max: line.amount });
      if (checked.ok) picked.push({ index, amount: checked.value });
      else errors[`line.${index}`] = checked.message.replace(/can be at most (.+)\.$/, 'can be at most the line amount, $1.');
    });
    if (picked.length === 0 && !Object.keys(errors).some((k) => k.startsWith('line.'))) errors.lines = 'Enter an amount to credit on at least one line, or credit the whole invoice.';
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    input: { invoiceId, reason, mode: form.mode, lines: form.mode === 'partial' ? picked : [] },
    sentIndexes: form.mode === 'partial' ? picked.map((p) => p.index) : [],
  };
}

/** Server field errors ("lines.0.amount", "reason") as this form's keys, using what was sent. */
export function mapCreditErrors(fields: Readonly<Record<string, string>>, sentIndexes: readonly number[]): CreditErrors {
  const out: CreditErrors = {};
  for (const [path, message] of Object.entries(fields)) {
    const m = /^lines\.(\d+)(?:\.|$)/.exec(path);
    if (m) {
      const index = sentIndexes[Number(m[1])];
      out[index === undefined ? 'lines' : `line.${index}`] ??= message;
    } else if (path === 'reason' || path === 'lines') out[path] ??= message;
  }
  return out;
}

/** The sum (before tax) of the valid amounts typed so far, as decimal text; null when none is valid yet. */
export function partialTotal(form: CreditNoteForm, lines: readonly Pick<SnapshotLine, 'amount'>[], currency: string, locale: string): string | null {
  let total = dec(0);
  let any = false;
  lines.forEach((line, index) => {
    const text = form.amounts[index] ?? '';
    if (text.trim() === '' || !creditable(line)) return;
    const c = checkMoney(text, currency, locale, { label: 'amount', positive: true, max: line.amount });
    if (c.ok) {
      total = total.plus(dec(c.value));
      any = true;
    }
  });
  return any ? decText(total) : null;
}
