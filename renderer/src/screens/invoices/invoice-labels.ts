// Runs in the renderer (pure). Words and badge tones for invoices: statuses (with overdue and credited,
// which the list derives), kinds, payment methods, document titles.
import type { InvoiceKind, InvoiceStatus, InvoiceSummary, PaymentMethod } from '../../../../shared/domain/invoice';
import type { BadgeTone } from '../../components/badge';
import type { InvoiceKindFilter, InvoiceStatusFilter } from '../../router/invoice-routes';
import { dec, isDecimalText } from '../../../../shared/money/decimal';
import { isNonZero } from '../statements/statement-format';

export const STATUS_LABELS: Record<InvoiceStatus, string> = { draft: 'Draft', issued: 'Issued', paid: 'Paid', void: 'Void' };
export const STATUS_TONES: Record<InvoiceStatus, BadgeTone> = { draft: 'neutral', issued: 'info', paid: 'success', void: 'warning' };
export const KIND_LABELS: Record<InvoiceKind, string> = { invoice: 'Invoice', credit_note: 'Credit note' };

export const STATUS_FILTER_LABELS: Record<InvoiceStatusFilter, string> = {
  all: 'All statuses',
  draft: 'Draft',
  issued: 'Issued (unpaid)',
  overdue: 'Overdue',
  paid: 'Paid',
  void: 'Void',
};
export const KIND_FILTER_LABELS: Record<InvoiceKindFilter, string> = { all: 'Invoices and credit notes', invoice: 'Invoices', credit_note: 'Credit notes' };

export const PAYMENT_METHOD_LABELS: Record<PaymentMethod, string> = {
  bank_transfer: 'Bank transfer',
  card: 'Card',
  cash: 'Cash',
  cheque: 'Cheque',
  stripe: 'Stripe',
  prepaid_balance: 'Prepaid balance',
  other: 'Other',
};

export interface StatusBadge {
  label: string;
  tone: BadgeTone;
}

type StatusFacts = Pick<InvoiceSummary, 'kind' | 'status' | 'overdue' | 'credited' | 'total'>;

/**
 * The badges of a document: its status ("Overdue" instead of "Issued" when past due), then "Credited" when
 * credit notes cover its whole total, or "Partly credited".
 */
export function statusBadges(s: StatusFacts): StatusBadge[] {
  const out: StatusBadge[] = [];
  if (s.status === 'issued' && s.overdue) out.push({ label: 'Overdue', tone: 'danger' });
  else out.push({ label: STATUS_LABELS[s.status], tone: STATUS_TONES[s.status] });
  if (s.kind === 'invoice' && s.status !== 'draft' && s.status !== 'void' && isNonZero(s.credited)) {
    const full = isDecimalText(s.total) && dec(s.credited).abs().gte(dec(s.total).abs());
    out.push({ label: full ? 'Credited' : 'Partly credited', tone: 'neutral' });
  }
  return out;
}

/** "INV-2026-00001", "Draft invoice", "Draft credit note". */
export function documentTitle(d: { kind: InvoiceKind; number: string | null }): string {
  if (d.number) return d.kind === 'credit_note' ? `Credit note ${d.number}` : `Invoice ${d.number}`;
  return d.kind === 'credit_note' ? 'Draft credit note' : 'Draft invoice';
}

/** The short name of a document in a list: its number, or "Draft". */
export function documentNumber(d: { number: string | null }): string {
  return d.number ?? 'Draft';
}
