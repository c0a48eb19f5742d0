// Runs in the renderer (pure). Words for Stripe sync: modes, outbox kinds and statuses, the key field's checks,
// the TEST/LIVE badge, dashboard links, "Sync now" results and the Stripe state of one invoice.
import type { OutboxItem, OutboxKind, OutboxStatus, RemoteInvoice, StripeCustomerLink, StripeMode, SyncNowResult } from '../../../../shared/domain/stripe';
import type { BadgeTone } from '../../components/badge';

/** Tables the Stripe views read: a `data.changed` naming one of them refetches them. */
export const STRIPE_TABLES = ['settings', 'stripe_customers', 'stripe_outbox', 'stripe_invoices'] as const;

export interface ModeChoice {
  value: StripeMode;
  label: string;
  text: string;
}

/** The three ways Stripe collects, in the order the form offers them. */
export const MODE_CHOICES: readonly ModeChoice[] = [
  {
    value: 'email',
    label: 'Email invoices',
    text: 'Stripe emails each issued invoice to the client’s billing email with a page to pay it online. Meterbook marks it paid when Stripe gets the money.',
  },
  {
    value: 'charge',
    label: 'Charge the card on file',
    text: 'Stripe charges the client’s saved card or bank account as soon as the invoice is issued. The client needs a default payment method in Stripe.',
  },
  {
    value: 'record',
    label: 'Record only',
    text: 'Invoices are copied to Stripe for your books; Stripe neither sends nor collects them. Payments you record here are marked “paid outside Stripe” there.',
  },
];

export const MODE_LABELS: Record<StripeMode, string> = { email: 'Email invoices', charge: 'Charge the card on file', record: 'Record only' };

/** What a restricted key (rk_…) must be allowed to do, with Write access. */
export const RESTRICTED_KEY_PERMISSIONS = ['Customers', 'Invoices', 'Invoice items', 'Credit notes', 'PaymentIntents'] as const;

export const KIND_LABELS: Record<OutboxKind, string> = {
  'customer.create': 'Create customer',
  'customer.update': 'Update customer',
  'invoice.push': 'Send invoice',
  'invoice.void': 'Void invoice',
  'invoice.paid': 'Mark invoice paid',
  'credit_note.push': 'Send credit note',
  'wallet.reload': 'Charge a balance reload',
};

export const OUTBOX_STATUS_LABELS: Record<OutboxStatus, string> = { pending: 'Pending', sent: 'Sent', failed: 'Failed', cancelled: 'Cancelled' };
export const OUTBOX_STATUS_TONES: Record<OutboxStatus, BadgeTone> = { pending: 'info', sent: 'success', failed: 'danger', cancelled: 'neutral' };

export const REMOTE_STATUS_LABELS: Record<NonNullable<RemoteInvoice['remoteStatus']>, string> = {
  draft: 'Draft',
  open: 'Open',
  paid: 'Paid',
  void: 'Void',
  uncollectible: 'Uncollectible',
};
export const REMOTE_STATUS_TONES: Record<NonNullable<RemoteInvoice['remoteStatus']>, BadgeTone> = {
  draft: 'neutral',
  open: 'info',
  paid: 'success',
  void: 'warning',
  uncollectible: 'danger',
};

const KEY = /^(sk|rk)_(test|live)_[A-Za-z0-9]{8,}$/;

export type KeyCheck = { ok: true; key: string; restricted: boolean; live: boolean } | { ok: false; message: string };

/**
 * Checks a pasted key before it is sent (the main process checks it again, then asks Stripe). Says what is wrong
 * with the usual mistakes: a publishable key, a webhook secret, a key cut in two.
 */
export function checkStripeKey(raw: string): KeyCheck {
  const key = raw.trim();
  if (key === '') return { ok: false, message: 'Paste a Stripe secret key (sk_…) or restricted key (rk_…).' };
  if (/^pk_/.test(key)) return { ok: false, message: 'That is a publishable key (pk_…), which cannot create invoices: paste a secret key (sk_…) or a restricted key (rk_…).' };
  if (/^whsec_/.test(key)) return { ok: false, message: 'That is a webhook signing secret (whsec_…): paste a secret key (sk_…) or a restricted key (rk_…).' };
  if (/\s/.test(key)) return { ok: false, message: 'The key has a space or line break in it: copy it again from the Stripe Dashboard.' };
  const m = KEY.exec(key);
  if (!m) return { ok: false, message: 'That is not a Stripe secret or restricted key: it starts with sk_test_, sk_live_, rk_test_ or rk_live_.' };
  return { ok: true, key, restricted: m[1] === 'rk', live: m[2] === 'live' };
}

/** The TEST / LIVE badge of a connection or link; null when the mode is unknown. */
export function modeBadge(livemode: boolean | null): { label: 'TEST' | 'LIVE'; tone: BadgeTone; title: string } | null {
  if (livemode === null) return null;
  return livemode
    ? { label: 'LIVE', tone: 'warning', title: 'Live mode: real invoices and real payments' }
    : { label: 'TEST', tone: 'info', title: 'Test mode: nothing is charged or emailed for real' };
}

const dashboard = (livemode: boolean | null) => `https://dashboard.stripe.com/${livemode === true ? '' : 'test/'}`;

/** The customer in the Stripe Dashboard (test-mode links under /test/). */
export function dashboardCustomerUrl(customerId: string, livemode: boolean | null): string {
  return `${dashboard(livemode)}customers/${encodeURIComponent(customerId)}`;
}

/** The invoice (in_…) or credit note (cn_…) in the Stripe Dashboard. */
export function dashboardInvoiceUrl(remoteId: string, livemode: boolean | null): string {
  return `${dashboard(livemode)}${remoteId.startsWith('cn_') ? 'credit_notes' : 'invoices'}/${encodeURIComponent(remoteId)}`;
}

/** A link Stripe gave us (hosted invoice page), only when it is a web address. */
export function webUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "2 changes sent, 1 invoice marked paid." / "Nothing to send: Stripe is up to date." and the notice tone. */
export function syncResultText(r: SyncNowResult): { tone: 'success' | 'error'; text: string } {
  const parts: string[] = [];
  if (r.sent > 0) parts.push(`${plural(r.sent, 'change', 'changes')} sent`);
  if (r.failed > 0) parts.push(`${plural(r.failed, 'change', 'changes')} refused by Stripe`);
  if (r.paid > 0) parts.push(`${plural(r.paid, 'invoice', 'invoices')} marked paid`);
  if (r.pending > 0) parts.push(`${r.pending} still waiting`);
  if (r.message) return { tone: 'error', text: parts.length > 0 ? `${r.message} (${parts.join(', ')}.)` : r.message };
  if (parts.length === 0) return { tone: 'success', text: 'Nothing to send: Stripe is up to date.' };
  const text = `${parts.join(', ')}.`;
  return { tone: r.failed > 0 ? 'error' : 'success', text: text.charAt(0).toUpperCase() + text.slice(1) };
}

/** "1 waiting · 2 failed · 14 sent" for the Settings card. */
export function queueSummary(outbox: { pending: number; failed: number; sent: number }): string {
  return [`${outbox.pending} waiting`, `${outbox.failed} failed`, `${outbox.sent} sent`].join(' · ');
}

/** How many changes a disconnect cancels, in words for the confirmation. */
export function disconnectText(outbox: { pending: number; failed: number }): string {
  const open = outbox.pending + outbox.failed;
  const cancelled =
    open === 0
      ? 'Nothing is waiting to be sent.'
      : `${plural(open, 'change', 'changes')} waiting to be sent ${open === 1 ? 'is' : 'are'} cancelled; you can retry ${open === 1 ? 'it' : 'them'} from Stripe sync after reconnecting.`;
  return `Meterbook forgets the key and stops sending to Stripe. ${cancelled} Clients stay linked, and nothing is deleted in Stripe.`;
}

/** "3 attempts" / "Not tried yet" for a row. */
export function attemptsText(n: number): string {
  return n === 0 ? 'Not tried yet' : plural(n, 'attempt', 'attempts');
}

export type RemoteState = 'pushed' | 'queued' | 'failed' | 'not-pushed';

/** Where an invoice stands with Stripe: its push failed, waits, went through, or never applied. */
export function remoteState(r: RemoteInvoice): RemoteState {
  if (r.outbox?.status === 'failed') return 'failed';
  if (r.outbox) return 'queued';
  return r.remoteId ? 'pushed' : 'not-pushed';
}

/** Why an invoice is not in Stripe, in words the owner can act on. */
export function notPushedText(facts: { connected: boolean; draft: boolean; link: StripeCustomerLink['status'] | null }): string {
  if (!facts.connected) return 'Stripe is not connected, so this invoice stays in Meterbook.';
  if (facts.draft) {
    return facts.link === 'unlinked'
      ? 'The client is not linked to a Stripe customer: the invoice will stay in Meterbook when issued.'
      : 'Sent to Stripe when it is issued.';
  }
  if (facts.link === 'unlinked') return 'Not sent: the client is not linked to a Stripe customer. Link it in the client’s Billing tab; invoices issued after that are sent.';
  return 'Not sent: it was issued before the client was linked to Stripe, so it stays in Meterbook.';
}

/** The sidebar count text ("99+" above 99). */
export function navCountText(n: number): string {
  return n > 99 ? '99+' : String(n);
}

/** What happens to a queued item, after its kind: "waiting to be sent", "refused by Stripe". */
export function queuedText(item: Pick<OutboxItem, 'status' | 'attempts'>): string {
  if (item.status === 'failed') return 'refused by Stripe';
  return item.attempts === 0 ? 'waiting to be sent' : `waiting to be sent again (${attemptsText(item.attempts)} so far)`;
}

export type CustomerLookup = { kind: 'email'; email: string } | { kind: 'id'; customerId: string } | { kind: 'invalid'; message: string };

/** The "Link existing" search box: an email to search for, or a pasted cus_ id to link directly. */
export function parseCustomerLookup(raw: string): CustomerLookup {
  const text = raw.trim();
  if (text === '') return { kind: 'invalid', message: 'Enter the email to look for, or paste a customer id (cus_…).' };
  if (/^cus_/.test(text)) {
    return /^cus_[A-Za-z0-9]+$/.test(text) ? { kind: 'id', customerId: text } : { kind: 'invalid', message: 'A Stripe customer id looks like cus_Nf0r3x… (letters and digits after cus_).' };
  }
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text)) return { kind: 'email', email: text };
  return { kind: 'invalid', message: 'Enter an email address like billing@acme.com, or a customer id like cus_Nf0r3x….' };
}
