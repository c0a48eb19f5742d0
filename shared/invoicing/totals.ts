// Runs anywhere. The totals of an invoice or credit note, in one documented order (docs/INVOICES.md):
//
//   1. each line amount is rounded once, where it is made (statement lines by the pricing engine, manual lines
//      here: quantity × unit price, half away from zero, to the currency's minor unit);
//   2. subtotal = Σ line amounts;
//   3. discounts in their order: a percent discount is that percent of the subtotal (never of a discounted
//      amount), rounded once; a fixed one is its amount. The discounts together may not exceed the subtotal;
//   4. net = subtotal − discounts: the one base every tax is computed on (taxes never compound);
//   5. each tax = net × rate / 100, rounded once per tax line; reverse charge: no tax lines at all;
//   6. total = net + Σ taxes;
//   7. paid from prepaid balance = min(balance, total) when the client pays from its balance (invoices only);
//   8. amount due = total − paid from prepaid balance.
// Credit notes run the same steps on negated amounts; rounding is symmetric (half away from zero), so a full
// credit note is the exact negation of its invoice.
import { Dec, dec, moneyText, roundMoney } from '../money/decimal';

export interface TotalsInput {
  currency: string;
  lineAmounts: readonly string[];
  discounts: ReadonlyArray<{ kind: 'fixed' | 'percent'; value: string; description: string }>;
  taxes: ReadonlyArray<{ name: string; rate: string }>;
  reverseCharge: boolean;
  /** the prepaid balance that may pay the total (null: not applied) */
  walletBalance: string | null;
}

export interface ComputedTotals {
  discounts: Array<{ description: string; kind: 'fixed' | 'percent'; value: string; amount: string }>;
  taxes: Array<{ name: string; rate: string; base: string; amount: string }>;
  subtotal: string;
  discountTotal: string;
  net: string;
  taxTotal: string;
  total: string;
  paidFromBalance: string;
  amountDue: string;
}

/** A problem with the document's numbers the user must fix (the message says how). */
export class TotalsError extends Error {
  constructor(
    message: string,
    readonly field: 'discounts' | 'lines',
  ) {
    super(message);
    this.name = 'TotalsError';
  }
}

/** Money text with no negative zero ("-0.00" would be read as a credit). */
export function money(amount: Dec, currency: string): string {
  const rounded = roundMoney(amount, currency);
  return moneyText(rounded.isZero() ? new Dec(0) : rounded, currency);
}

/** A manual line's amount: quantity × unit price, rounded once. */
export function lineAmount(quantity: string, unitPrice: string, currency: string): string {
  return money(dec(quantity).times(dec(unitPrice)), currency);
}

/**
 * The totals of a document whose line amounts are given. `sign` = -1 for credit notes: discounts then
 * reduce a negative subtotal towards zero and the checks mirror.
 */
export function computeTotals(input: TotalsInput, sign: 1 | -1 = 1): ComputedTotals {
  const { currency } = input;
  const subtotal = input.lineAmounts.reduce((acc, a) => acc.plus(dec(a)), new Dec(0));
  const magnitude = subtotal.times(sign);
  const discounts = input.discounts.map((d) => {
    const amount = d.kind === 'percent' ? roundMoney(magnitude.times(dec(d.value)).div(100), currency) : roundMoney(dec(d.value), currency);
    if (d.kind === 'fixed' && !amount.eq(dec(d.value))) {
      throw new TotalsError(`The discount "${d.description}" has more decimals than ${currency} allows.`, 'discounts');
    }
    return { description: d.description, kind: d.kind, value: d.value, amount: amount.times(sign) };
  });
  const discountTotal = discounts.reduce((acc, d) => acc.plus(d.amount), new Dec(0));
  if (discounts.length > 0 && discountTotal.abs().gt(magnitude.isNegative() ? 0 : magnitude)) {
    throw new TotalsError(
      `The discounts (${moneyText(discountTotal.abs(), currency)} ${currency}) are more than the subtotal (${moneyText(magnitude, currency)} ${currency}). Remove or lower a discount.`,
      'discounts',
    );
  }
  const net = subtotal.minus(discountTotal);
  const taxes = input.reverseCharge
    ? []
    : input.taxes.map((t) => ({ name: t.name, rate: t.rate, base: net, amount: roundMoney(net.times(dec(t.rate)).div(100), currency) }));
  const taxTotal = taxes.reduce((acc, t) => acc.plus(t.amount), new Dec(0));
  const total = net.plus(taxTotal);
  const balance = input.walletBalance === null ? new Dec(0) : Dec.max(new Dec(0), dec(input.walletBalance));
  const paid = sign === 1 && total.isPositive() ? Dec.min(balance, total) : new Dec(0);
  const m = (d: Dec) => money(d, currency);
  return {
    discounts: discounts.map((d) => ({ ...d, amount: m(d.amount) })),
    taxes: taxes.map((t) => ({ name: t.name, rate: t.rate, base: m(t.base), amount: m(t.amount) })),
    subtotal: m(subtotal),
    discountTotal: m(discountTotal),
    net: m(net),
    taxTotal: m(taxTotal),
    total: m(total),
    paidFromBalance: m(paid),
    amountDue: m(total.minus(paid)),
  };
}
