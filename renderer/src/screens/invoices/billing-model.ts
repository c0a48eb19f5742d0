// Runs in the renderer (pure). A client's billing terms as a form: up to 5 named tax rates, payment terms
// (blank = the agency's default), reverse charge, paying from the prepaid balance. Local checks use the
// same words as the contract; the main process re-checks and is the authority.
import type { ClientBilling, ClientBillingInput } from '../../../../shared/domain/invoice';
import { checkDays, checkPercent } from './money-input';

export const MAX_TAX_RATES = 5;

export interface TaxRateRow {
  /** stable React key (rows can be removed from the middle) */
  key: number;
  name: string;
  rate: string;
}

export interface BillingForm {
  taxRates: TaxRateRow[];
  paymentTerms: string;
  reverseCharge: boolean;
  applyWallet: boolean;
}

let nextKey = 1;
export const newRateRow = (name = '', rate = ''): TaxRateRow => ({ key: nextKey++, name, rate });

export function billingForm(b: ClientBilling): BillingForm {
  return {
    taxRates: b.taxRates.map((r) => newRateRow(r.name, r.rate)),
    paymentTerms: b.paymentTermsDays === null ? '' : String(b.paymentTermsDays),
    reverseCharge: b.reverseCharge,
    applyWallet: b.applyWallet,
  };
}

/** Errors keyed like the contract: "taxRates.0.rate", "taxRates", "paymentTermsDays", "reverseCharge". */
export type BillingErrors = Record<string, string>;

export function billingInput(clientId: number, f: BillingForm, locale: string): { ok: true; input: ClientBillingInput } | { ok: false; errors: BillingErrors } {
  const errors: BillingErrors = {};
  const rates: { name: string; rate: string }[] = [];
  const seen = new Set<string>();
  f.taxRates.forEach((row, i) => {
    const name = row.name.trim();
    if (name === '' && row.rate.trim() === '') return; // an untouched new row
    if (name === '') errors[`taxRates.${i}.name`] = 'Enter a tax name, like VAT or Sales tax.';
    else if (seen.has(name.toLowerCase())) errors[`taxRates.${i}.name`] = `“${name}” is listed twice.`;
    seen.add(name.toLowerCase());
    const rate = checkPercent(row.rate, locale, 'the rate', true);
    if (!rate.ok) errors[`taxRates.${i}.rate`] = rate.message;
    else rates.push({ name, rate: rate.value });
  });
  if (f.taxRates.length > MAX_TAX_RATES) errors.taxRates = `At most ${MAX_TAX_RATES} tax rates per client.`;
  const terms = checkDays(f.paymentTerms, 'payment terms', true);
  if (!terms.ok) errors.paymentTermsDays = terms.message;
  if (f.reverseCharge && rates.some((r) => /[1-9]/.test(r.rate))) {
    errors.reverseCharge = 'Reverse charge means no tax is charged: remove the tax rates or turn reverse charge off.';
  }
  if (Object.keys(errors).length > 0 || !terms.ok) return { ok: false, errors };
  return { ok: true, input: { clientId, taxRates: rates, paymentTermsDays: terms.value, reverseCharge: f.reverseCharge, applyWallet: f.applyWallet } };
}

/** Server errors use indexes of the rows that were sent; blank rows are skipped, so map them back. */
export function mapBillingErrors(fields: Readonly<Record<string, string>>, f: BillingForm): BillingErrors {
  const sent = f.taxRates.map((r, i) => ({ r, i })).filter(({ r }) => r.name.trim() !== '' || r.rate.trim() !== '');
  const out: BillingErrors = {};
  for (const [path, message] of Object.entries(fields)) {
    const m = /^taxRates\.(\d+)\.(name|rate)$/.exec(path);
    if (m) {
      const row = sent[Number(m[1])];
      out[row ? `taxRates.${row.i}.${m[2]}` : 'taxRates'] ??= message;
    } else out[path] ??= message;
  }
  return out;
}
