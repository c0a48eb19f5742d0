// Runs in main. A frozen Meterbook invoice as Stripe invoice items, so that Stripe's total is exactly what our
// invoice still asks for: one item per line (its rounded amount), each discount as a negative item, each tax as
// a positive item, and the part paid from the prepaid balance as a negative item. Stripe gets amounts only
// (never quantity × price), so nothing is rounded twice; each item carries a stable ref in metadata so a push
// resumed after a crash adds only the items that are missing.
import type { InvoiceSnapshot, SnapshotLine } from '../../../../shared/domain/invoice';
import { dec, sum } from '../../../../shared/money/decimal';

export const METADATA_ITEM = 'meterbook_item';

export interface PlannedItem {
  /** stable within the invoice: line-0, discount-0, tax-0, prepaid-balance */
  ref: string;
  /** money text in the invoice currency (negative for discounts and the prepaid part) */
  amount: string;
  description: string;
}

const isZero = (s: string) => !/[1-9]/.test(s);
const negate = (s: string) => (isZero(s) ? s : s.startsWith('-') ? s.slice(1) : `-${s}`);
/** Stripe caps descriptions; ours are short, but a long manual line must not fail the push */
const clip = (s: string) => (s.length > 500 ? `${s.slice(0, 499)}…` : s);

function lineDescription(line: SnapshotLine, currency: string): string {
  if (line.unitPrice === null || dec(line.quantity).eq(1)) return line.description;
  return `${line.description} (${line.quantity} ${line.unit} × ${line.unitPrice} ${currency})`;
}

/** The items of an issued invoice; their sum is the snapshot's amount due (checked). */
export function planInvoiceItems(snapshot: InvoiceSnapshot): PlannedItem[] {
  const { currency, totals } = snapshot;
  const items: PlannedItem[] = [
    ...snapshot.lines.map((l, i) => ({ ref: `line-${i}`, amount: l.amount, description: clip(lineDescription(l, currency)) })),
    ...snapshot.discounts.map((d, i) => ({
      ref: `discount-${i}`,
      amount: negate(d.amount),
      description: clip(`Discount: ${d.description}${d.kind === 'percent' ? ` (${d.value}%)` : ''}`),
    })),
    ...snapshot.taxes.map((t, i) => ({ ref: `tax-${i}`, amount: t.amount, description: clip(`${t.name} ${t.rate}%`) })),
  ];
  if (!isZero(totals.paidFromBalance)) items.push({ ref: 'prepaid-balance', amount: negate(totals.paidFromBalance), description: 'Paid from prepaid balance' });
  const total = sum(items.map((i) => i.amount));
  if (!total.eq(dec(totals.amountDue))) {
    throw new Error(`The items of invoice ${snapshot.number ?? ''} add up to ${total.toFixed()} ${currency}, not its amount due ${totals.amountDue}.`);
  }
  return items;
}

/** Whole days from `today` to the due date (never negative): Stripe counts days_until_due from finalization. */
export function daysUntilDue(dueDate: string | null, today: string): number {
  if (dueDate === null) return 0;
  const ms = Date.parse(`${dueDate}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`);
  return Math.max(0, Math.round(ms / 86_400_000));
}
