// Runs in main (Node). Meterbook's only door to Stripe: the official SDK behind a few typed calls in Meterbook's
// words. Every write takes an idempotency key (the outbox row's), so a retry after a lost answer replays
// Stripe's saved answer instead of acting twice; every object carries Meterbook's id in metadata, so after the
// 24 h Stripe keeps keys, findCustomerByClientId / findInvoiceByMeterbookId find what an earlier attempt made.
//
// Errors are the SDK's (or StripeGatewayError for refusals made here); sort them with classifyStripeError.
// The gateway never logs, and keeps the API key inside the SDK client only.
//
// Retries: maxNetworkRetries defaults to 0 because the outbox retries. The SDK still retries a reset connection
// (ECONNRESET/EPIPE) once by itself, with the same idempotency key, which is safe.
import Stripe from 'stripe';
import type { Dec } from '../../shared/money/decimal';
import { assertChargeable, toStripeAmount } from './stripe-amounts';
import { StripeGatewayError } from './stripe-error';

export { classifyStripeError, StripeGatewayError, type ClassifiedStripeError, type StripeErrorKind } from './stripe-error';

/** Metadata keys that tie Stripe objects to Meterbook rows. */
export const METADATA_CLIENT_ID = 'meterbook_client_id';
export const METADATA_INVOICE_ID = 'meterbook_invoice_id';
export const METADATA_CREDIT_NOTE_ID = 'meterbook_credit_note_id';
export const METADATA_WALLET_ACTION_ID = 'meterbook_wallet_action_id';

export interface StripeGatewayOptions {
  /** sk_test_…, sk_live_…, rk_test_… or rk_live_… */
  apiKey: string;
  /** for tests against a fake: host 127.0.0.1, its port, protocol 'http' */
  host?: string;
  port?: number;
  protocol?: 'http' | 'https';
  /** default 0 (the outbox retries) */
  maxNetworkRetries?: number;
  /** per request; default 30 s */
  timeoutMs?: number;
}

export interface StripeAccountInfo {
  id: string;
  displayName: string | null;
  /** from the key: sk_live_/rk_live_ = true */
  livemode: boolean;
  country: string | null;
  defaultCurrency: string | null;
}

/** A postal address in Stripe's fields; country is ISO 3166-1 alpha-2. */
export interface CustomerAddress {
  line1: string | null;
  line2: string | null;
  city: string | null;
  state: string | null;
  postalCode: string | null;
  country: string | null;
}

export interface CustomerInput {
  /** Meterbook's client id, stored as metadata[meterbook_client_id] */
  clientId: string;
  name: string;
  email?: string | null;
  phone?: string | null;
  /** null (on update): clear the address */
  address?: CustomerAddress | null;
  description?: string;
  preferredLocales?: string[];
  metadata?: Record<string, string>;
}
export type CustomerUpdate = Partial<Omit<CustomerInput, 'clientId'>>;

export interface InvoiceInput {
  customer: string;
  /** Meterbook's invoice id, stored as metadata[meterbook_invoice_id] */
  invoiceId: string;
  currency: string;
  collectionMethod: 'charge_automatically' | 'send_invoice';
  /** required for send_invoice */
  daysUntilDue?: number;
  /** Meterbook's invoice number, so Stripe shows the same one (unique per Stripe account) */
  number?: string;
  description?: string;
  footer?: string;
  /** default false: Meterbook finalizes and sends explicitly */
  autoAdvance?: boolean;
  metadata?: Record<string, string>;
}

export interface InvoiceItemInput {
  customer: string;
  /** the draft invoice it belongs to */
  invoice: string;
  currency: string;
  /** the line's total, already rounded to the currency's minor unit (Meterbook's rounding point) */
  amount: Dec | string;
  /** quantity and unit price belong here ("1,234 interactions × $0.35"): Stripe does not get them separately */
  description: string;
  /** unix seconds */
  period?: { start: number; end: number };
  metadata?: Record<string, string>;
}

export interface CreditNoteInput {
  invoice: string;
  currency: string;
  /** Meterbook's credit note id, stored as metadata[meterbook_credit_note_id] */
  creditNoteId?: string;
  /** one custom line each; or give `amount` alone */
  lines?: { description: string; amount: Dec | string }[];
  amount?: Dec | string;
  reason?: 'duplicate' | 'fraudulent' | 'order_change' | 'product_unsatisfactory';
  memo?: string;
  /** paid invoices only: how the credit is settled (Stripe needs them to add up to the total) */
  creditAmount?: Dec | string;
  outOfBandAmount?: Dec | string;
  metadata?: Record<string, string>;
}

export interface ChargeInput {
  customer: string;
  amount: Dec | string;
  currency: string;
  description: string;
  metadata?: Record<string, string>;
}

export interface InvoicePaymentSummary {
  paidAt: number | null;
  paymentIntentId: string | null;
  chargeId: string | null;
}

export interface StripeGateway {
  account(): Promise<StripeAccountInfo>;
  findCustomerByClientId(clientId: string): Promise<Stripe.Customer | null>;
  findCustomersByEmail(email: string): Promise<Stripe.Customer[]>;
  /** null when the customer was deleted or does not exist (in this mode) */
  retrieveCustomer(id: string): Promise<Stripe.Customer | null>;
  createCustomer(params: CustomerInput, idempotencyKey: string): Promise<Stripe.Customer>;
  updateCustomer(id: string, params: CustomerUpdate, idempotencyKey: string): Promise<Stripe.Customer>;
  /** by metadata; pass the customer for a strongly consistent read (Stripe's search index can lag a minute) */
  findInvoiceByMeterbookId(invoiceId: string, options?: { customer?: string }): Promise<Stripe.Invoice | null>;
  /** every line of an invoice (paged: an invoice object carries only its first lines) */
  listInvoiceLines(invoiceId: string): Promise<Stripe.InvoiceLineItem[]>;
  /** the credit note made for a Meterbook credit note, by metadata among the invoice's credit notes (consistent) */
  findCreditNoteByMeterbookId(creditNoteId: string, options: { invoice: string }): Promise<Stripe.CreditNote | null>;
  /** the PaymentIntents of a customer whose metadata[meterbook_wallet_action_id] is the action (consistent list) */
  findPaymentsForWalletAction(actionId: string, options: { customer: string }): Promise<Stripe.PaymentIntent[]>;
  createInvoiceItem(params: InvoiceItemInput, idempotencyKey: string): Promise<Stripe.InvoiceItem>;
  createInvoice(params: InvoiceInput, idempotencyKey: string): Promise<Stripe.Invoice>;
  finalizeInvoice(id: string, idempotencyKey: string): Promise<Stripe.Invoice>;
  sendInvoice(id: string, idempotencyKey: string): Promise<Stripe.Invoice>;
  voidInvoice(id: string, idempotencyKey: string): Promise<Stripe.Invoice>;
  markInvoicePaidOutOfBand(id: string, idempotencyKey: string): Promise<Stripe.Invoice>;
  /** with `payments` (and their PaymentIntents) expanded; see invoicePaymentSummary */
  retrieveInvoice(id: string): Promise<Stripe.Invoice>;
  createCreditNote(params: CreditNoteInput, idempotencyKey: string): Promise<Stripe.CreditNote>;
  /** an off-session PaymentIntent confirmed now with the customer's invoice_settings.default_payment_method */
  chargeCustomer(params: ChargeInput, idempotencyKey: string): Promise<Stripe.PaymentIntent>;
}

const KEY_PATTERN = /^(sk|rk)_(test|live)_[A-Za-z0-9_]+$/;

/** `'a'b\c` -> `\'a\'b\\c` for a quoted value in Stripe's search language */
const quote = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function checkKey(key: string): { idempotencyKey: string } {
  if (key.length === 0 || key.length > 255) throw new StripeGatewayError('permanent', 'An idempotency key must have 1 to 255 characters.', 'idempotency_key');
  return { idempotencyKey: key };
}

const oldest = <T extends { created: number; id: string }>(items: T[]): T | null =>
  items.length === 0 ? null : [...items].sort((a, b) => a.created - b.created || (a.id < b.id ? -1 : 1))[0]!;

/** Meterbook's view of how an invoice retrieved with retrieveInvoice was paid. */
export function invoicePaymentSummary(invoice: Stripe.Invoice): InvoicePaymentSummary {
  const paid = invoice.payments?.data.find((p) => p.status === 'paid');
  const pi = paid?.payment.payment_intent;
  const charge = paid?.payment.charge ?? (pi && typeof pi === 'object' ? pi.latest_charge : null);
  return {
    paidAt: invoice.status_transitions.paid_at,
    paymentIntentId: pi === undefined ? null : typeof pi === 'string' ? pi : pi.id,
    chargeId: charge === null || charge === undefined ? null : typeof charge === 'string' ? charge : charge.id,
  };
}

/** Meterbook's address as Stripe's `address` parameter ('' clears a field; null clears the address). */
function addressParam(a: CustomerAddress | null): Stripe.AddressParam | '' {
  if (a === null) return '';
  return { line1: a.line1 ?? '', line2: a.line2 ?? '', city: a.city ?? '', state: a.state ?? '', postal_code: a.postalCode ?? '', country: a.country ?? '' };
}

export function createStripeGateway(options: StripeGatewayOptions): StripeGateway {
  const mode = KEY_PATTERN.exec(options.apiKey);
  if (!mode) {
    throw new StripeGatewayError('auth', 'This is not a Stripe secret or restricted key (it starts with sk_test_, sk_live_, rk_test_ or rk_live_).', 'invalid_key_format');
  }
  const livemode = mode[2] === 'live';
  const stripe = new Stripe(options.apiKey, {
    maxNetworkRetries: options.maxNetworkRetries ?? 0,
    timeout: options.timeoutMs ?? 30_000,
    telemetry: false,
    appInfo: { name: 'Meterbook' },
    ...(options.host === undefined ? {} : { host: options.host }),
    ...(options.port === undefined ? {} : { port: options.port }),
    ...(options.protocol === undefined ? {} : { protocol: options.protocol }),
  });
  const lower = (currency: string) => currency.toLowerCase();

  return {
    async account() {
      const a = await stripe.accounts.retrieveCurrent();
      return {
        id: a.id,
        displayName: a.settings?.dashboard?.display_name ?? a.business_profile?.name ?? null,
        livemode,
        country: a.country ?? null,
        defaultCurrency: a.default_currency ?? null,
      };
    },

    async findCustomerByClientId(clientId) {
      const found = await stripe.customers.search({ query: `metadata['${METADATA_CLIENT_ID}']:${quote(clientId)}`, limit: 100 });
      return oldest(found.data);
    },

    async findCustomersByEmail(email) {
      const found = await stripe.customers.list({ email, limit: 100 });
      return found.data;
    },

    async retrieveCustomer(id) {
      try {
        const c = await stripe.customers.retrieve(id);
        return c.deleted ? null : c;
      } catch (err) {
        if (err instanceof Stripe.errors.StripeInvalidRequestError && err.statusCode === 404) return null;
        throw err;
      }
    },

    createCustomer(params, key) {
      return stripe.customers.create(
        {
          name: params.name,
          ...(params.email ? { email: params.email } : {}),
          ...(params.phone ? { phone: params.phone } : {}),
          ...(params.address ? { address: addressParam(params.address) } : {}),
          ...(params.description === undefined ? {} : { description: params.description }),
          ...(params.preferredLocales === undefined ? {} : { preferred_locales: params.preferredLocales }),
          metadata: { ...params.metadata, [METADATA_CLIENT_ID]: params.clientId },
        },
        checkKey(key),
      );
    },

    updateCustomer(id, params, key) {
      return stripe.customers.update(
        id,
        {
          ...(params.name === undefined ? {} : { name: params.name }),
          // '' unsets a field in Stripe
          ...(params.email === undefined ? {} : { email: params.email ?? '' }),
          ...(params.phone === undefined ? {} : { phone: params.phone ?? '' }),
          ...(params.address === undefined ? {} : { address: addressParam(params.address) }),
          ...(params.description === undefined ? {} : { description: params.description }),
          ...(params.preferredLocales === undefined ? {} : { preferred_locales: params.preferredLocales }),
          ...(params.metadata === undefined ? {} : { metadata: params.metadata }),
        },
        checkKey(key),
      );
    },

    async findInvoiceByMeterbookId(invoiceId, opts = {}) {
      if (opts.customer !== undefined) {
        const hits: Stripe.Invoice[] = [];
        await stripe.invoices.list({ customer: opts.customer, limit: 100 }).autoPagingEach((inv) => {
          if (inv.metadata?.[METADATA_INVOICE_ID] === invoiceId) hits.push(inv);
        });
        return oldest(hits);
      }
      const found = await stripe.invoices.search({ query: `metadata['${METADATA_INVOICE_ID}']:${quote(invoiceId)}`, limit: 100 });
      return oldest(found.data);
    },

    async listInvoiceLines(invoiceId) {
      const lines: Stripe.InvoiceLineItem[] = [];
      await stripe.invoices.listLineItems(invoiceId, { limit: 100 }).autoPagingEach((line) => {
        lines.push(line);
      });
      return lines;
    },

    async findCreditNoteByMeterbookId(creditNoteId, opts) {
      const hits: Stripe.CreditNote[] = [];
      await stripe.creditNotes.list({ invoice: opts.invoice, limit: 100 }).autoPagingEach((note) => {
        if (note.metadata?.[METADATA_CREDIT_NOTE_ID] === creditNoteId) hits.push(note);
      });
      return oldest(hits);
    },

    async findPaymentsForWalletAction(actionId, opts) {
      const hits: Stripe.PaymentIntent[] = [];
      await stripe.paymentIntents.list({ customer: opts.customer, limit: 100 }).autoPagingEach((pi) => {
        if (pi.metadata?.[METADATA_WALLET_ACTION_ID] === actionId) hits.push(pi);
      });
      return hits.sort((a, b) => a.created - b.created || (a.id < b.id ? -1 : 1));
    },

    createInvoiceItem(params, key) {
      return stripe.invoiceItems.create(
        {
          customer: params.customer,
          invoice: params.invoice,
          currency: lower(params.currency),
          amount: toStripeAmount(params.amount, params.currency),
          description: params.description,
          ...(params.period === undefined ? {} : { period: params.period }),
          ...(params.metadata === undefined ? {} : { metadata: params.metadata }),
        },
        checkKey(key),
      );
    },

    createInvoice(params, key) {
      if (params.collectionMethod === 'send_invoice' && params.daysUntilDue === undefined) {
        throw new StripeGatewayError('permanent', 'An invoice sent by email needs days until due.', 'days_until_due');
      }
      return stripe.invoices.create(
        {
          customer: params.customer,
          currency: lower(params.currency),
          collection_method: params.collectionMethod,
          ...(params.collectionMethod === 'send_invoice' ? { days_until_due: params.daysUntilDue } : {}),
          auto_advance: params.autoAdvance ?? false,
          pending_invoice_items_behavior: 'exclude',
          ...(params.number === undefined ? {} : { number: params.number }),
          ...(params.description === undefined ? {} : { description: params.description }),
          ...(params.footer === undefined ? {} : { footer: params.footer }),
          metadata: { ...params.metadata, [METADATA_INVOICE_ID]: params.invoiceId },
        },
        checkKey(key),
      );
    },

    finalizeInvoice: (id, key) => stripe.invoices.finalizeInvoice(id, {}, checkKey(key)),
    sendInvoice: (id, key) => stripe.invoices.sendInvoice(id, {}, checkKey(key)),
    voidInvoice: (id, key) => stripe.invoices.voidInvoice(id, {}, checkKey(key)),
    markInvoicePaidOutOfBand: (id, key) => stripe.invoices.pay(id, { paid_out_of_band: true }, checkKey(key)),
    retrieveInvoice: (id) => stripe.invoices.retrieve(id, { expand: ['payments.data.payment.payment_intent'] }),

    createCreditNote(params, key) {
      const amount = (v: Dec | string) => toStripeAmount(v, params.currency);
      if (!params.lines?.length && params.amount === undefined) {
        throw new StripeGatewayError('permanent', 'A credit note needs lines or an amount.', 'credit_note_empty');
      }
      return stripe.creditNotes.create(
        {
          invoice: params.invoice,
          ...(params.lines?.length
            ? { lines: params.lines.map((l) => ({ type: 'custom_line_item' as const, description: l.description, quantity: 1, unit_amount: amount(l.amount) })) }
            : { amount: amount(params.amount!) }),
          ...(params.reason === undefined ? {} : { reason: params.reason }),
          ...(params.memo === undefined ? {} : { memo: params.memo }),
          ...(params.creditAmount === undefined ? {} : { credit_amount: amount(params.creditAmount) }),
          ...(params.outOfBandAmount === undefined ? {} : { out_of_band_amount: amount(params.outOfBandAmount) }),
          metadata: { ...params.metadata, ...(params.creditNoteId === undefined ? {} : { [METADATA_CREDIT_NOTE_ID]: params.creditNoteId }) },
        },
        checkKey(key),
      );
    },

    async chargeCustomer(params, key) {
      const amount = toStripeAmount(params.amount, params.currency);
      assertChargeable(amount, params.currency);
      const idem = checkKey(key);
      const customer = await stripe.customers.retrieve(params.customer);
      const pm = customer.deleted ? null : customer.invoice_settings.default_payment_method;
      if (!pm) {
        throw new StripeGatewayError('permanent', 'This client has no default card in Stripe to charge; ask them to add one.', 'no_default_payment_method');
      }
      return stripe.paymentIntents.create(
        {
          amount,
          currency: lower(params.currency),
          customer: params.customer,
          payment_method: typeof pm === 'string' ? pm : pm.id,
          confirm: true,
          off_session: true,
          description: params.description,
          ...(params.metadata === undefined ? {} : { metadata: params.metadata }),
        },
        idem,
      );
    },
  };
}
