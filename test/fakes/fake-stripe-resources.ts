// Test helper (Node only). The resources of the fake Stripe server (fake-stripe.ts): customers, invoice items,
// invoices, credit notes, payment intents and charges, as route handlers over the server's in-memory state.
import { randomBytes } from 'node:crypto';
import {
  ApiError,
  bool,
  checkChargeAmount,
  currency,
  decimal,
  expandParam,
  int,
  invalid,
  mergeMetadata,
  metadataParam,
  missing,
  multiplyRound,
  oneOf,
  only,
  parseSearch,
  required,
  stateError,
  str,
  type FakeStripeAccount,
  type FakeStripeState,
  type Json,
  type Obj,
  type Params,
  type WireCharge,
  type WireCreditNote,
  type WireCreditNoteLine,
  type WireCustomer,
  type WireInvoice,
  type WireInvoiceItem,
  type WireInvoicePayment,
  type WireLineItem,
  type WirePaymentIntent,
} from './fake-stripe-wire';

/** Stripe's test PaymentMethod ids (docs.stripe.com/testing) and what charging them does */
const TEST_CARDS: Record<string, { ok: true } | { ok: false; code: string; decline_code: string; message: string }> = {
  pm_card_visa: { ok: true },
  pm_card_mastercard: { ok: true },
  pm_card_amex: { ok: true },
  pm_card_chargeDeclined: { ok: false, code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.' },
  pm_card_chargeDeclinedInsufficientFunds: {
    ok: false,
    code: 'card_declined',
    decline_code: 'insufficient_funds',
    message: 'Your card has insufficient funds.',
  },
  pm_card_chargeDeclinedExpiredCard: { ok: false, code: 'expired_card', decline_code: 'expired_card', message: 'Your card has expired.' },
  pm_card_authenticationRequired: {
    ok: false,
    code: 'authentication_required',
    decline_code: 'authentication_required',
    message: 'Your card was declined. This transaction requires authentication.',
  },
};

export interface Ctx {
  p: Params;
  livemode: boolean;
  ids: string[];
}
export interface Reply {
  status?: number;
  body: unknown;
}
export type Handler = (ctx: Ctx) => Reply;

export interface ResourceDeps {
  state: FakeStripeState;
  account: FakeStripeAccount;
  /** unix seconds on the fake clock */
  now(): number;
  newId(prefix: string): string;
}

export function createStripeResources({ state, account, now, newId }: ResourceDeps) {
  /** invoice id -> its payments (the includable `payments` list) */
  const invoicePayments = new Map<string, WireInvoicePayment[]>();
  /** invoice item id -> line item id on its invoice */
  const lineIds = new Map<string, string>();
  /** invoice id -> days_until_due (the due date is set again at finalization) */
  const daysUntilDue = new Map<string, number>();
  const url = (path: string) => `https://fake-stripe.invalid${path}`;

  // ---- lookups (an object of the other mode does not exist for this key, as in Stripe)
  const find = <T extends { livemode: boolean }>(map: Map<string, T>, kind: string, id: string, livemode: boolean, param = 'id'): T => {
    const obj = map.get(id);
    if (!obj) throw missing(kind, id, param);
    if (obj.livemode !== livemode) {
      const e = missing(kind, id, param);
      e.body.message += `; a similar object exists in ${obj.livemode ? 'live' : 'test'} mode, but a ${livemode ? 'live' : 'test'} mode key was used to make this request.`;
      throw e;
    }
    return obj;
  };
  const byId = (id: string): unknown => {
    const table: Record<string, Map<string, unknown>> = {
      cus: state.customers,
      in: state.invoices,
      ii: state.invoiceItems,
      cn: state.creditNotes,
      pi: state.paymentIntents,
      ch: state.charges,
    };
    return table[id.split('_')[0]!]?.get(id);
  };

  // ---- list and search pages
  const newestFirst = <T extends { created: number; id: string }>(items: T[]) =>
    [...items].sort((a, b) => b.created - a.created || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  const listPage = <T extends { created: number; id: string }>(items: T[], p: Params, path: string) => {
    const limit = int(p, 'limit') ?? 10;
    if (limit < 1 || limit > 100) throw invalid('This value must be less than or equal to 100.', { param: 'limit' });
    let sorted = newestFirst(items);
    const after = str(p, 'starting_after');
    const before = str(p, 'ending_before');
    if (after !== undefined) sorted = sorted.slice(sorted.findIndex((o) => o.id === after) + 1);
    if (before !== undefined) {
      const i = sorted.findIndex((o) => o.id === before);
      sorted = sorted.slice(Math.max(0, i - limit), Math.max(0, i));
      return { object: 'list', data: sorted, has_more: i - limit > 0, url: path };
    }
    return { object: 'list', data: sorted.slice(0, limit), has_more: sorted.length > limit, url: path };
  };
  const searchPage = <T extends { created: number; id: string }>(
    items: T[],
    p: Params,
    path: string,
    fields: Record<string, (o: T) => string | null | undefined>,
    metadata: (o: T) => Record<string, string> | null,
    resource: string,
  ) => {
    only(p, ['query', 'limit', 'page']);
    const predicate = parseSearch(required(p, 'query'), fields, metadata, resource);
    const limit = int(p, 'limit') ?? 10;
    if (limit < 1 || limit > 100) throw invalid('This value must be less than or equal to 100.', { param: 'limit' });
    const page = str(p, 'page');
    const offset = page === undefined ? 0 : Number(Buffer.from(page, 'base64url').toString('utf8'));
    if (!Number.isInteger(offset) || offset < 0) throw invalid('Invalid page cursor.', { param: 'page' });
    const hits = newestFirst(items.filter(predicate));
    const data = hits.slice(offset, offset + limit);
    const more = hits.length > offset + limit;
    return {
      object: 'search_result',
      data,
      has_more: more,
      next_page: more ? Buffer.from(String(offset + limit)).toString('base64url') : null,
      url: path,
    };
  };

  // ---- customers
  const customerFields = (c: Ctx, current?: WireCustomer) => {
    const { p } = c;
    const settings = p.invoice_settings;
    const currentPm = current?.invoice_settings.default_payment_method;
    let defaultPm = typeof currentPm === 'string' ? currentPm : null;
    if (settings !== undefined) {
      if (typeof settings !== 'object' || Array.isArray(settings)) throw invalid('Invalid object', { param: 'invoice_settings' });
      only(settings, ['default_payment_method']);
      const pm = str(settings, 'default_payment_method');
      if (pm !== undefined) defaultPm = pm === '' ? null : pm;
    }
    const pm = str(p, 'payment_method');
    if (pm !== undefined && !(pm in TEST_CARDS)) throw missing('PaymentMethod', pm, 'payment_method');
    if (defaultPm !== null && !(defaultPm in TEST_CARDS)) throw missing('PaymentMethod', defaultPm, 'invoice_settings[default_payment_method]');
    const email = str(p, 'email');
    return {
      address: addressParam(p),
      name: str(p, 'name'),
      email: email === '' ? null : email,
      description: str(p, 'description'),
      phone: str(p, 'phone'),
      preferred_locales: Array.isArray(p.preferred_locales) ? p.preferred_locales.filter((x): x is string => typeof x === 'string') : undefined,
      defaultPm,
      metadata: metadataParam(p),
    };
  };
  /** `address` ('' clears it; '' in a field clears the field): undefined when not given */
  const addressParam = (p: Params): WireCustomer['address'] | undefined => {
    const a = p.address;
    if (a === undefined) return undefined;
    if (a === '') return null;
    if (typeof a !== 'object' || Array.isArray(a)) throw invalid('Invalid object', { param: 'address' });
    only(a, ['line1', 'line2', 'city', 'state', 'postal_code', 'country']);
    const field = (k: string) => {
      const v = str(a, k);
      return v === undefined || v === '' ? null : v;
    };
    const country = field('country');
    if (country !== null && !/^[A-Z]{2}$/.test(country)) throw invalid('Country must be a two-letter ISO code.', { param: 'address[country]' });
    return { line1: field('line1'), line2: field('line2'), city: field('city'), state: field('state'), postal_code: field('postal_code'), country };
  };
  const CUSTOMER_PARAMS = ['name', 'email', 'description', 'phone', 'address', 'metadata', 'invoice_settings', 'payment_method', 'preferred_locales', 'invoice_prefix'];

  const createCustomer: Handler = (c) => {
    only(c.p, CUSTOMER_PARAMS);
    const f = customerFields(c);
    const prefix = str(c.p, 'invoice_prefix') ?? randomBytes(4).toString('hex').toUpperCase();
    if (!/^[A-Z0-9]{3,12}$/.test(prefix)) throw invalid('Invalid invoice_prefix: 3-12 uppercase letters or digits.', { param: 'invoice_prefix' });
    const customer: WireCustomer = {
      id: newId('cus'),
      object: 'customer',
      address: f.address ?? null,
      balance: 0,
      created: now(),
      currency: null,
      default_source: null,
      delinquent: false,
      description: f.description ?? null,
      discount: null,
      email: f.email ?? null,
      invoice_prefix: prefix,
      invoice_settings: { custom_fields: null, default_payment_method: f.defaultPm, footer: null, rendering_options: null },
      livemode: c.livemode,
      metadata: mergeMetadata({}, f.metadata),
      name: f.name ?? null,
      next_invoice_sequence: 1,
      phone: f.phone ?? null,
      preferred_locales: f.preferred_locales ?? [],
      shipping: null,
      tax_exempt: 'none',
      test_clock: null,
    };
    state.customers.set(customer.id, customer);
    return { body: customer };
  };
  const updateCustomer: Handler = (c) => {
    const customer = find(state.customers, 'customer', c.ids[0]!, c.livemode);
    only(c.p, CUSTOMER_PARAMS);
    const f = customerFields(c, customer);
    if (f.name !== undefined) customer.name = f.name === '' ? null : f.name;
    if (f.email !== undefined) customer.email = f.email;
    if (f.description !== undefined) customer.description = f.description === '' ? null : f.description;
    if (f.phone !== undefined) customer.phone = f.phone === '' ? null : f.phone;
    if (f.address !== undefined) customer.address = f.address;
    if (f.preferred_locales !== undefined) customer.preferred_locales = f.preferred_locales;
    customer.invoice_settings.default_payment_method = f.defaultPm;
    customer.metadata = mergeMetadata(customer.metadata, f.metadata);
    return { body: customer };
  };
  const customersOf = (livemode: boolean) => [...state.customers.values()].filter((x) => x.livemode === livemode);

  // ---- invoices
  const lineOf = (item: WireInvoiceItem, invoiceId: string): WireLineItem => ({
    id: lineIds.get(item.id)!,
    object: 'line_item',
    amount: item.amount,
    currency: item.currency,
    description: item.description,
    discount_amounts: [],
    discountable: item.discountable,
    discounts: [],
    invoice: invoiceId,
    livemode: item.livemode,
    metadata: item.metadata ?? {},
    parent: {
      type: 'invoice_item_details',
      invoice_item_details: { invoice_item: item.id, proration: false, proration_details: { credited_items: null }, subscription: null },
      subscription_item_details: null,
    },
    period: item.period,
    pretax_credit_amounts: [],
    pricing: item.pricing,
    quantity: item.quantity,
    quantity_decimal: item.quantity_decimal,
    subscription: null,
    subtotal: item.amount,
    taxes: [],
  });
  /** recomputes lines and totals from the invoice items (drafts only: finalized invoices are frozen) */
  const refreshDraft = (inv: WireInvoice) => {
    const items = [...state.invoiceItems.values()].filter((i) => i.invoice === inv.id).sort((a, b) => a.date - b.date);
    const lines = items.map((i) => lineOf(i, inv.id));
    const subtotal = lines.reduce((s, l) => s + l.amount, 0);
    inv.lines = { object: 'list', data: lines, has_more: false, url: `/v1/invoices/${inv.id}/lines` };
    inv.subtotal = subtotal;
    inv.subtotal_excluding_tax = subtotal;
    inv.total = subtotal;
    inv.total_excluding_tax = subtotal;
    inv.amount_due = Math.max(0, subtotal);
    inv.amount_remaining = inv.amount_due;
  };
  const INVOICE_PARAMS = [
    'customer', 'collection_method', 'days_until_due', 'due_date', 'auto_advance', 'metadata', 'currency', 'description',
    'footer', 'number', 'pending_invoice_items_behavior', 'default_payment_method',
  ];
  const createInvoice: Handler = (c) => {
    const { p } = c;
    only(p, INVOICE_PARAMS);
    const customer = find(state.customers, 'customer', required(p, 'customer'), c.livemode, 'customer');
    const method = oneOf(p, 'collection_method', ['charge_automatically', 'send_invoice'] as const) ?? 'charge_automatically';
    const days = int(p, 'days_until_due');
    const dueDate = int(p, 'due_date');
    if (method === 'charge_automatically' && (days !== undefined || dueDate !== undefined)) {
      throw invalid('Invoices with `collection_method=charge_automatically` cannot have a `days_until_due` or `due_date`.', {
        param: days !== undefined ? 'days_until_due' : 'due_date',
      });
    }
    if (method === 'send_invoice' && days === undefined && dueDate === undefined) {
      throw invalid('Invoices with `collection_method=send_invoice` must have either `days_until_due` or `due_date`.', { param: 'days_until_due' });
    }
    const number = str(p, 'number');
    if (number !== undefined && [...state.invoices.values()].some((i) => i.number === number && i.livemode === c.livemode)) {
      throw invalid(`Invoice number ${number} is already in use.`, { param: 'number' });
    }
    const behaviour = oneOf(p, 'pending_invoice_items_behavior', ['exclude', 'include'] as const) ?? 'exclude';
    const cur = currency(p) ?? customer.currency ?? account.defaultCurrency;
    const created = now();
    const inv: WireInvoice = {
      id: newId('in'),
      object: 'invoice',
      account_country: account.country,
      account_name: account.displayName,
      account_tax_ids: null,
      amount_due: 0,
      amount_overpaid: 0,
      amount_paid: 0,
      amount_remaining: 0,
      amount_shipping: 0,
      application: null,
      attempt_count: 0,
      attempted: false,
      auto_advance: bool(p, 'auto_advance') ?? false,
      automatic_tax: { disabled_reason: null, enabled: false, liability: null, provider: null, status: null },
      automatically_finalizes_at: null,
      billing_reason: 'manual',
      collection_method: method,
      created,
      currency: cur,
      custom_fields: null,
      customer: customer.id,
      customer_account: null,
      customer_address: customer.address ?? null,
      customer_email: customer.email,
      customer_name: customer.name ?? null,
      customer_phone: customer.phone ?? null,
      customer_shipping: null,
      customer_tax_exempt: 'none',
      default_payment_method: str(p, 'default_payment_method') ?? null,
      default_source: null,
      default_tax_rates: [],
      description: str(p, 'description') ?? null,
      discounts: [],
      due_date: dueDate ?? (days !== undefined ? created + days * 86_400 : null),
      effective_at: null,
      ending_balance: null,
      footer: str(p, 'footer') ?? null,
      from_invoice: null,
      hosted_invoice_url: null,
      invoice_pdf: null,
      issuer: { type: 'self' },
      last_finalization_error: null,
      latest_revision: null,
      lines: { object: 'list', data: [], has_more: false, url: '' },
      livemode: c.livemode,
      metadata: mergeMetadata({}, metadataParam(p)),
      next_payment_attempt: null,
      number: number ?? null,
      on_behalf_of: null,
      parent: null,
      payment_settings: { default_mandate: null, payment_method_options: null, payment_method_types: null },
      period_end: created,
      period_start: created,
      post_payment_credit_notes_amount: 0,
      pre_payment_credit_notes_amount: 0,
      receipt_number: null,
      rendering: null,
      shipping_cost: null,
      shipping_details: null,
      starting_balance: 0,
      statement_descriptor: null,
      status: 'draft',
      status_transitions: { finalized_at: null, marked_uncollectible_at: null, paid_at: null, voided_at: null },
      subtotal: 0,
      subtotal_excluding_tax: 0,
      test_clock: null,
      total: 0,
      total_discount_amounts: [],
      total_excluding_tax: 0,
      total_pretax_credit_amounts: [],
      total_taxes: [],
      webhooks_delivered_at: created,
    };
    if (days !== undefined) daysUntilDue.set(inv.id, days);
    state.invoices.set(inv.id, inv);
    if (behaviour === 'include') {
      for (const item of state.invoiceItems.values()) {
        if (item.customer === customer.id && item.invoice === null && item.currency === cur && item.livemode === c.livemode) {
          item.invoice = inv.id;
          lineIds.set(item.id, newId('il'));
        }
      }
    }
    refreshDraft(inv);
    return { body: inv };
  };

  const invoiceOf = (c: Ctx) => find(state.invoices, 'invoice', c.ids[0]!, c.livemode);
  const finalize = (inv: WireInvoice) => {
    const customer = state.customers.get(inv.customer as string)!;
    if (inv.number === null) {
      inv.number = `${customer.invoice_prefix}-${String(customer.next_invoice_sequence ?? 1).padStart(4, '0')}`;
      customer.next_invoice_sequence = (customer.next_invoice_sequence ?? 1) + 1;
    }
    const t = now();
    inv.status = 'open';
    inv.status_transitions.finalized_at = t;
    inv.effective_at = t;
    inv.hosted_invoice_url = url(`/i/${inv.id}`);
    inv.invoice_pdf = url(`/i/${inv.id}/pdf`);
    inv.ending_balance = 0;
    const days = daysUntilDue.get(inv.id);
    if (inv.collection_method === 'send_invoice' && days !== undefined) inv.due_date = t + days * 86_400;
    if (customer.currency === null) customer.currency = inv.currency;
    if (inv.amount_due === 0) {
      inv.status = 'paid';
      inv.status_transitions.paid_at = t;
    }
  };
  const finalizeInvoice: Handler = (c) => {
    only(c.p, ['auto_advance']);
    const inv = invoiceOf(c);
    if (inv.status !== 'draft') throw stateError("This invoice is already finalized, you can't re-finalize a non-draft invoice.", { code: 'invoice_not_editable' });
    const auto = bool(c.p, 'auto_advance');
    if (auto !== undefined) inv.auto_advance = auto;
    finalize(inv);
    return { body: inv };
  };
  const sendInvoice: Handler = (c) => {
    only(c.p, []);
    const inv = invoiceOf(c);
    if (inv.collection_method !== 'send_invoice') {
      throw stateError("You can only manually send an invoice if its collection method is 'send_invoice'.");
    }
    if (inv.status === 'void') throw stateError('You cannot send a voided invoice.');
    if (inv.customer_email === null) throw stateError('The customer of this invoice has no email address to send it to.');
    if (inv.status === 'draft') finalize(inv);
    state.sentInvoices.push({ invoice: inv.id, to: inv.customer_email, at: now() });
    return { body: inv };
  };
  const voidInvoice: Handler = (c) => {
    only(c.p, []);
    const inv = invoiceOf(c);
    if (inv.status !== 'open' && inv.status !== 'uncollectible') {
      throw stateError(`You can only void invoices with status \`open\` or \`uncollectible\` (this one is \`${inv.status}\`).`);
    }
    inv.status = 'void';
    inv.status_transitions.voided_at = now();
    return { body: inv };
  };
  const markUncollectible: Handler = (c) => {
    only(c.p, []);
    const inv = invoiceOf(c);
    if (inv.status !== 'open') throw stateError(`You can only mark open invoices as uncollectible (this one is \`${inv.status}\`).`);
    inv.status = 'uncollectible';
    inv.status_transitions.marked_uncollectible_at = now();
    return { body: inv };
  };
  const settle = (inv: WireInvoice, paidAt: number) => {
    inv.amount_paid += inv.amount_remaining;
    inv.amount_remaining = 0;
    inv.status = 'paid';
    inv.status_transitions.paid_at = paidAt;
  };
  const payInvoice: Handler = (c) => {
    only(c.p, ['paid_out_of_band', 'payment_method', 'off_session', 'forgive', 'source', 'mandate']);
    const inv = invoiceOf(c);
    if (bool(c.p, 'paid_out_of_band') !== true) {
      throw invalid('fake-stripe implements only paid_out_of_band=true for POST /v1/invoices/:id/pay.', { param: 'paid_out_of_band' });
    }
    if (inv.status !== 'open' && inv.status !== 'uncollectible') throw stateError(`You can only pay open or uncollectible invoices (this one is \`${inv.status}\`).`);
    inv.amount_paid_off_stripe = (inv.amount_paid_off_stripe ?? 0) + inv.amount_remaining;
    settle(inv, now());
    return { body: inv };
  };

  // ---- invoice items
  const createInvoiceItem: Handler = (c) => {
    const { p } = c;
    only(p, ['customer', 'amount', 'currency', 'description', 'invoice', 'metadata', 'quantity', 'quantity_decimal', 'unit_amount_decimal', 'period', 'discountable']);
    const customer = find(state.customers, 'customer', required(p, 'customer'), c.livemode, 'customer');
    const invoiceId = str(p, 'invoice');
    const inv = invoiceId === undefined ? undefined : find(state.invoices, 'invoice', invoiceId, c.livemode, 'invoice');
    if (inv && inv.customer !== customer.id) throw invalid(`Invoice ${inv.id} belongs to another customer.`, { param: 'invoice' });
    if (inv && inv.status !== 'draft') {
      throw stateError('You can only add invoice items to draft invoices.', { code: 'invoice_not_editable', param: 'invoice' });
    }
    const cur = currency(p) ?? inv?.currency;
    if (cur === undefined) throw invalid('Missing required param: currency.', { code: 'parameter_missing', param: 'currency' });
    if (inv && inv.currency !== cur) {
      throw invalid(`The currency of this invoice item (${cur}) must match the invoice's currency (${inv.currency}).`, { param: 'currency' });
    }
    const amountParam = int(p, 'amount');
    const unit = decimal(p, 'unit_amount_decimal');
    const qtyInt = int(p, 'quantity');
    const qtyDec = decimal(p, 'quantity_decimal');
    if (amountParam !== undefined && unit !== undefined) {
      throw invalid('You may only specify one of these parameters: amount, unit_amount_decimal.', { param: 'amount' });
    }
    if (qtyInt !== undefined && qtyDec !== undefined) throw invalid('You may only specify one of these parameters: quantity, quantity_decimal.', { param: 'quantity' });
    if (amountParam === undefined && unit === undefined) throw invalid('Missing required param: amount.', { code: 'parameter_missing', param: 'amount' });
    const quantity = qtyDec ?? String(qtyInt ?? 1);
    const amount = amountParam ?? multiplyRound(quantity, unit!);
    const t = now();
    const period = p.period;
    const item: WireInvoiceItem = {
      id: newId('ii'),
      object: 'invoiceitem',
      amount,
      currency: cur,
      customer: customer.id,
      customer_account: null,
      date: t,
      description: str(p, 'description') ?? null,
      discountable: bool(p, 'discountable') ?? true,
      discounts: [],
      invoice: inv?.id ?? null,
      livemode: c.livemode,
      metadata: mergeMetadata({}, metadataParam(p)),
      parent: null,
      period:
        typeof period === 'object' && !Array.isArray(period)
          ? { start: int(period, 'start') ?? t, end: int(period, 'end') ?? t }
          : { start: t, end: t },
      pricing: { type: 'price_details', unit_amount_decimal: unit ?? String(amountParam) },
      proration: false,
      quantity: Math.trunc(Number(quantity)),
      quantity_decimal: quantity,
      tax_rates: [],
      test_clock: null,
    };
    state.invoiceItems.set(item.id, item);
    if (inv) {
      lineIds.set(item.id, newId('il'));
      refreshDraft(inv);
    }
    return { body: item };
  };

  // ---- credit notes
  const createCreditNote: Handler = (c) => {
    const { p } = c;
    only(p, ['invoice', 'amount', 'lines', 'reason', 'memo', 'metadata', 'credit_amount', 'out_of_band_amount', 'refund_amount', 'effective_at', 'email_type']);
    const inv = find(state.invoices, 'invoice', required(p, 'invoice'), c.livemode, 'invoice');
    const reason = oneOf(p, 'reason', ['duplicate', 'fraudulent', 'order_change', 'product_unsatisfactory'] as const);
    if (int(p, 'refund_amount') !== undefined) throw invalid('fake-stripe does not implement refunds (refund_amount).', { param: 'refund_amount' });
    const rawLines = p.lines === undefined ? [] : p.lines;
    if (!Array.isArray(rawLines)) throw invalid('Invalid array', { param: 'lines' });
    const lines: WireCreditNoteLine[] = rawLines.map((raw, i) => {
      if (typeof raw !== 'object' || Array.isArray(raw)) throw invalid('Invalid object', { param: `lines[${i}]` });
      only(raw, ['type', 'amount', 'description', 'invoice_line_item', 'quantity', 'unit_amount', 'unit_amount_decimal', 'metadata']);
      const type = oneOf(raw, 'type', ['invoice_line_item', 'custom_line_item'] as const);
      if (type === undefined) throw invalid('Missing required param: lines[][type].', { code: 'parameter_missing', param: `lines[${i}][type]` });
      const quantity = int(raw, 'quantity') ?? 1;
      let amount: number;
      let unitAmount: number | null = null;
      let unitDecimal: string | null = null;
      if (type === 'invoice_line_item') {
        const lineId = required(raw, 'invoice_line_item');
        const line = inv.lines.data.find((l) => l.id === lineId);
        if (!line) throw invalid(`No such invoice line item on ${inv.id}: '${lineId}'`, { code: 'resource_missing', param: `lines[${i}][invoice_line_item]` });
        amount = int(raw, 'amount') ?? line.amount;
      } else {
        if (str(raw, 'description') === undefined) throw invalid('Missing required param: lines[][description].', { code: 'parameter_missing', param: `lines[${i}][description]` });
        unitAmount = int(raw, 'unit_amount') ?? null;
        unitDecimal = decimal(raw, 'unit_amount_decimal') ?? (unitAmount === null ? null : String(unitAmount));
        if (unitDecimal === null) throw invalid('Missing required param: lines[][unit_amount].', { code: 'parameter_missing', param: `lines[${i}][unit_amount]` });
        amount = multiplyRound(String(quantity), unitDecimal);
      }
      return {
        id: newId('cnli'),
        object: 'credit_note_line_item',
        amount,
        description: str(raw, 'description') ?? null,
        discount_amount: 0,
        discount_amounts: [],
        ...(type === 'invoice_line_item' ? { invoice_line_item: str(raw, 'invoice_line_item')! } : {}),
        livemode: c.livemode,
        metadata: mergeMetadata({}, metadataParam(raw)),
        pretax_credit_amounts: [],
        quantity,
        tax_rates: [],
        taxes: [],
        type,
        unit_amount: unitAmount,
        unit_amount_decimal: unitDecimal,
      };
    });
    const linesTotal = lines.reduce((s, l) => s + l.amount, 0);
    const amountParam = int(p, 'amount');
    if (lines.length > 0 && amountParam !== undefined && amountParam !== linesTotal) {
      throw invalid(`The credit note amount (${amountParam}) must equal the sum of its lines (${linesTotal}).`, { param: 'amount' });
    }
    const total = lines.length > 0 ? linesTotal : amountParam;
    if (total === undefined) throw invalid('You must pass either `amount` or `lines`.', { code: 'parameter_missing', param: 'lines' });
    if (total <= 0) throw invalid('The credit note amount must be greater than 0.', { param: 'amount' });
    if (inv.status === 'draft' || inv.status === 'void') {
      throw stateError(`You can't create a credit note for an invoice with status \`${inv.status}\`; only open, paid or uncollectible invoices.`, { param: 'invoice' });
    }
    const post = inv.status === 'paid';
    const creditable = post ? inv.amount_paid - inv.post_payment_credit_notes_amount : inv.amount_remaining;
    if (total > creditable) {
      throw stateError(`The credit note total (${total}) is larger than the amount that can be credited on this invoice (${creditable}).`, { param: 'amount' });
    }
    let creditAmount = int(p, 'credit_amount') ?? 0;
    const outOfBand = int(p, 'out_of_band_amount') ?? 0;
    if (post) {
      if (creditAmount === 0 && outOfBand === 0) creditAmount = total;
      if (creditAmount + outOfBand !== total) {
        throw invalid('For a paid invoice, credit_amount + out_of_band_amount + refund_amount must equal the credit note total.', { param: 'credit_amount' });
      }
    } else if (creditAmount !== 0 || outOfBand !== 0) {
      throw invalid('credit_amount, out_of_band_amount and refund_amount apply to paid invoices only.', { param: creditAmount !== 0 ? 'credit_amount' : 'out_of_band_amount' });
    }
    const customer = state.customers.get(inv.customer as string)!;
    const seq = [...state.creditNotes.values()].filter((n) => n.invoice === inv.id).length + 1;
    const t = now();
    const note: WireCreditNote = {
      id: newId('cn'),
      object: 'credit_note',
      amount: total,
      amount_shipping: 0,
      created: t,
      currency: inv.currency,
      customer: customer.id,
      customer_account: null,
      customer_balance_transaction: creditAmount > 0 ? newId('cbtxn') : null,
      discount_amount: 0,
      discount_amounts: [],
      effective_at: int(p, 'effective_at') ?? t,
      invoice: inv.id,
      lines: { object: 'list', data: lines, has_more: false, url: '' },
      livemode: c.livemode,
      memo: str(p, 'memo') ?? null,
      metadata: mergeMetadata({}, metadataParam(p)),
      number: `${inv.number}-CN-${String(seq).padStart(2, '0')}`,
      out_of_band_amount: post ? outOfBand : null,
      pdf: '',
      post_payment_amount: post ? total : 0,
      pre_payment_amount: post ? 0 : total,
      pretax_credit_amounts: [],
      reason: reason ?? null,
      refunds: [],
      shipping_cost: null,
      status: 'issued',
      subtotal: total,
      subtotal_excluding_tax: total,
      total,
      total_excluding_tax: total,
      total_taxes: [],
      type: post ? 'post_payment' : 'pre_payment',
      voided_at: null,
    };
    note.lines.url = `/v1/credit_notes/${note.id}/lines`;
    note.pdf = url(`/credit_notes/${note.id}/pdf`);
    state.creditNotes.set(note.id, note);
    if (post) {
      inv.post_payment_credit_notes_amount += total;
      customer.balance -= creditAmount;
    } else {
      inv.pre_payment_credit_notes_amount += total;
      inv.amount_due -= total;
      inv.amount_remaining -= total;
      if (inv.amount_remaining === 0) settle(inv, t);
    }
    return { body: note };
  };

  // ---- payment intents
  const newCharge = (pi: WirePaymentIntent, pm: string, failure: { code: string; message: string } | null, id?: string): WireCharge => {
    const charge: WireCharge = {
      id: id ?? newId('ch'),
      object: 'charge',
      amount: pi.amount,
      amount_captured: failure ? 0 : pi.amount,
      amount_refunded: 0,
      captured: !failure,
      created: now(),
      currency: pi.currency,
      customer: pi.customer,
      description: pi.description,
      failure_code: failure?.code ?? null,
      failure_message: failure?.message ?? null,
      livemode: pi.livemode,
      metadata: pi.metadata,
      paid: !failure,
      payment_intent: pi.id,
      payment_method: pm,
      refunded: false,
      status: failure ? 'failed' : 'succeeded',
    };
    state.charges.set(charge.id, charge);
    return charge;
  };
  const newPaymentIntent = (livemode: boolean, amount: number, cur: string, customer: string | null, fields: Partial<WirePaymentIntent>): WirePaymentIntent => ({
    id: newId('pi'),
    object: 'payment_intent',
    allowed_payment_method_types: null,
    amount,
    amount_capturable: 0,
    amount_received: 0,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: null,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: 'automatic',
    client_secret: null,
    confirmation_method: 'automatic',
    created: now(),
    currency: cur,
    customer,
    customer_account: null,
    description: null,
    excluded_payment_method_types: null,
    last_payment_error: null,
    latest_charge: null,
    livemode,
    managed_payments: null,
    metadata: {},
    next_action: null,
    on_behalf_of: null,
    payment_method: null,
    payment_method_configuration_details: null,
    payment_method_options: null,
    payment_method_types: ['card'],
    payment_record: null,
    processing: null,
    receipt_email: null,
    review: null,
    setup_future_usage: null,
    shipping: null,
    source: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: 'requires_payment_method',
    transfer_group: null,
    ...fields,
  });
  const createPaymentIntent: Handler = (c) => {
    const { p } = c;
    only(p, ['amount', 'currency', 'customer', 'payment_method', 'confirm', 'off_session', 'description', 'metadata', 'receipt_email', 'statement_descriptor_suffix', 'error_on_requires_action']);
    const amount = int(p, 'amount');
    if (amount === undefined) throw invalid('Missing required param: amount.', { code: 'parameter_missing', param: 'amount' });
    const cur = currency(p);
    if (cur === undefined) throw invalid('Missing required param: currency.', { code: 'parameter_missing', param: 'currency' });
    checkChargeAmount(amount, cur);
    const customerId = str(p, 'customer');
    if (customerId !== undefined) find(state.customers, 'customer', customerId, c.livemode, 'customer');
    const confirm = bool(p, 'confirm') ?? false;
    const offSession = bool(p, 'off_session');
    if (offSession !== undefined && !confirm) throw invalid('`off_session` can only be passed when `confirm=true`.', { param: 'off_session' });
    const pm = str(p, 'payment_method');
    if (pm !== undefined && !(pm in TEST_CARDS)) throw missing('PaymentMethod', pm, 'payment_method');
    if (confirm && pm === undefined) {
      throw invalid(
        "You cannot confirm this PaymentIntent because it's missing a payment method. Pass `payment_method` (a PaymentIntent does not use the customer's invoice_settings.default_payment_method).",
        { code: 'parameter_missing', param: 'payment_method' },
      );
    }
    const pi = newPaymentIntent(c.livemode, amount, cur, customerId ?? null, {
      description: str(p, 'description') ?? null,
      metadata: mergeMetadata({}, metadataParam(p)),
      receipt_email: str(p, 'receipt_email') ?? null,
      status: pm === undefined ? 'requires_payment_method' : 'requires_confirmation',
      payment_method: pm ?? null,
    });
    state.paymentIntents.set(pi.id, pi);
    if (!confirm) return { body: pi };
    const card = TEST_CARDS[pm!]!;
    if (!card.ok && card.code === 'authentication_required' && offSession !== true) {
      // on session, 3D Secure would be shown to the payer: nothing is charged yet
      pi.status = 'requires_action';
      return { body: pi };
    }
    const declined = card.ok ? null : card;
    const charge = newCharge(pi, pm!, declined && { code: declined.code, message: declined.message });
    pi.latest_charge = charge.id;
    if (declined === null) {
      pi.status = 'succeeded';
      pi.amount_received = amount;
      return { body: pi };
    }
    pi.status = 'requires_payment_method';
    pi.payment_method = null;
    const lastError = {
      type: 'card_error' as const,
      code: declined.code,
      decline_code: declined.decline_code,
      message: declined.message,
      charge: charge.id,
      doc_url: `https://stripe.com/docs/error-codes/${declined.code.replace(/_/g, '-')}`,
    };
    pi.last_payment_error = lastError;
    throw new ApiError(402, { ...lastError, payment_intent: JSON.parse(JSON.stringify(pi)) as Json }, true);
  };

  // ---- expansion (ids -> objects; `payments` on invoices is includable)
  const expandPath = (value: unknown, path: string[]): unknown => {
    if (path.length === 0 || value === null || typeof value !== 'object') return value;
    const [head, ...rest] = path as [string, ...string[]];
    if (Array.isArray(value)) return value.map((v) => expandPath(v, path));
    const obj = value as Obj;
    let field = obj[head];
    if (head === 'payments' && obj.object === 'invoice') {
      const list = invoicePayments.get(obj.id as string) ?? [];
      field = { object: 'list', data: list, has_more: false, url: `/v1/invoice_payments?invoice=${obj.id as string}` };
    } else if (typeof field === 'string') {
      field = byId(field) ?? field;
    }
    return { ...obj, [head]: expandPath(field, rest) };
  };
  const expand = (body: unknown, p: Params): unknown => {
    let out = JSON.parse(JSON.stringify(body)) as unknown;
    for (const e of expandParam(p)) out = expandPath(out, e.split('.'));
    return out;
  };

  // ---- routes
  const routes: [string, RegExp, Handler][] = [
    [
      'GET',
      /^\/v1\/account$/,
      () => ({
        body: {
          id: account.id,
          object: 'account',
          business_profile: { name: account.displayName },
          charges_enabled: true,
          country: account.country,
          default_currency: account.defaultCurrency,
          details_submitted: true,
          email: null,
          payouts_enabled: true,
          settings: { dashboard: { display_name: account.displayName, timezone: 'Etc/UTC' } },
          type: 'standard',
        },
      }),
    ],
    ['POST', /^\/v1\/customers$/, createCustomer],
    [
      'GET',
      /^\/v1\/customers$/,
      (c) => {
        only(c.p, ['email', 'limit', 'starting_after', 'ending_before']);
        const email = str(c.p, 'email');
        return { body: listPage(customersOf(c.livemode).filter((x) => email === undefined || x.email === email), c.p, '/v1/customers') };
      },
    ],
    [
      'GET',
      /^\/v1\/customers\/search$/,
      (c) => ({
        body: searchPage(
          customersOf(c.livemode),
          c.p,
          '/v1/customers/search',
          { email: (x) => x.email, name: (x) => x.name, phone: (x) => x.phone },
          (x) => x.metadata,
          'customers',
        ),
      }),
    ],
    ['GET', /^\/v1\/customers\/([^/]+)$/, (c) => ({ body: find(state.customers, 'customer', c.ids[0]!, c.livemode) })],
    ['POST', /^\/v1\/customers\/([^/]+)$/, updateCustomer],
    ['POST', /^\/v1\/invoiceitems$/, createInvoiceItem],
    ['GET', /^\/v1\/invoiceitems\/([^/]+)$/, (c) => ({ body: find(state.invoiceItems, 'invoiceitem', c.ids[0]!, c.livemode) })],
    ['POST', /^\/v1\/invoices$/, createInvoice],
    [
      'GET',
      /^\/v1\/invoices$/,
      (c) => {
        only(c.p, ['customer', 'status', 'collection_method', 'limit', 'starting_after', 'ending_before']);
        const customer = str(c.p, 'customer');
        const status = str(c.p, 'status');
        const all = [...state.invoices.values()].filter(
          (i) => i.livemode === c.livemode && (customer === undefined || i.customer === customer) && (status === undefined || i.status === status),
        );
        return { body: listPage(all, c.p, '/v1/invoices') };
      },
    ],
    [
      'GET',
      /^\/v1\/invoices\/search$/,
      (c) => ({
        body: searchPage(
          [...state.invoices.values()].filter((i) => i.livemode === c.livemode),
          c.p,
          '/v1/invoices/search',
          { customer: (i) => i.customer as string, status: (i) => i.status, currency: (i) => i.currency, number: (i) => i.number },
          (i) => i.metadata,
          'invoices',
        ),
      }),
    ],
    ['GET', /^\/v1\/invoices\/([^/]+)$/, (c) => ({ body: invoiceOf(c) })],
    [
      'GET',
      /^\/v1\/invoices\/([^/]+)\/lines$/,
      (c) => {
        only(c.p, ['limit', 'starting_after', 'ending_before']);
        const inv = invoiceOf(c);
        const limit = int(c.p, 'limit') ?? 10;
        if (limit < 1 || limit > 100) throw invalid('This value must be less than or equal to 100.', { param: 'limit' });
        // in invoice order (not newest first), as Stripe lists an invoice's lines
        const after = str(c.p, 'starting_after');
        const from = after === undefined ? 0 : inv.lines.data.findIndex((l) => l.id === after) + 1;
        const data = inv.lines.data.slice(from, from + limit);
        return { body: { object: 'list', data, has_more: from + limit < inv.lines.data.length, url: `/v1/invoices/${inv.id}/lines` } };
      },
    ],
    ['POST', /^\/v1\/invoices\/([^/]+)\/finalize$/, finalizeInvoice],
    ['POST', /^\/v1\/invoices\/([^/]+)\/send$/, sendInvoice],
    ['POST', /^\/v1\/invoices\/([^/]+)\/void$/, voidInvoice],
    ['POST', /^\/v1\/invoices\/([^/]+)\/pay$/, payInvoice],
    ['POST', /^\/v1\/invoices\/([^/]+)\/mark_uncollectible$/, markUncollectible],
    ['POST', /^\/v1\/credit_notes$/, createCreditNote],
    [
      'GET',
      /^\/v1\/credit_notes$/,
      (c) => {
        only(c.p, ['invoice', 'customer', 'limit', 'starting_after', 'ending_before']);
        const invoice = str(c.p, 'invoice');
        const customer = str(c.p, 'customer');
        const all = [...state.creditNotes.values()].filter(
          (n) => n.livemode === c.livemode && (invoice === undefined || n.invoice === invoice) && (customer === undefined || n.customer === customer),
        );
        return { body: listPage(all, c.p, '/v1/credit_notes') };
      },
    ],
    ['GET', /^\/v1\/credit_notes\/([^/]+)$/, (c) => ({ body: find(state.creditNotes, 'credit note', c.ids[0]!, c.livemode) })],
    ['POST', /^\/v1\/payment_intents$/, createPaymentIntent],
    [
      'GET',
      /^\/v1\/payment_intents$/,
      (c) => {
        only(c.p, ['customer', 'limit', 'starting_after', 'ending_before']);
        const customer = str(c.p, 'customer');
        const all = [...state.paymentIntents.values()].filter((pi) => pi.livemode === c.livemode && (customer === undefined || pi.customer === customer));
        return { body: listPage(all, c.p, '/v1/payment_intents') };
      },
    ],
    ['GET', /^\/v1\/payment_intents\/([^/]+)$/, (c) => ({ body: find(state.paymentIntents, 'payment_intent', c.ids[0]!, c.livemode) })],
    ['GET', /^\/v1\/charges\/([^/]+)$/, (c) => ({ body: find(state.charges, 'charge', c.ids[0]!, c.livemode) })],
  ];

  return {
    routes,
    expand,
    markInvoicePaid(invoiceId: string, opts: { chargeId?: string; paidAt?: number } = {}): WireInvoice {
      const inv = state.invoices.get(invoiceId);
      if (!inv) throw new Error(`fake-stripe: no invoice ${invoiceId}`);
      if (inv.status !== 'open' && inv.status !== 'uncollectible') throw new Error(`fake-stripe: invoice ${invoiceId} is ${inv.status}, not open`);
      const paidAt = opts.paidAt ?? now();
      const customer = inv.customer as string;
      const pi = newPaymentIntent(inv.livemode, inv.amount_remaining, inv.currency, customer, {
        status: 'succeeded',
        amount_received: inv.amount_remaining,
        payment_method: 'pm_card_visa',
        created: paidAt,
      });
      state.paymentIntents.set(pi.id, pi);
      pi.latest_charge = newCharge(pi, 'pm_card_visa', null, opts.chargeId).id;
      const payment: WireInvoicePayment = {
        id: newId('inpay'),
        object: 'invoice_payment',
        amount_paid: pi.amount,
        amount_requested: pi.amount,
        created: paidAt,
        currency: inv.currency,
        invoice: inv.id,
        is_default: true,
        livemode: inv.livemode,
        payment: { type: 'payment_intent', payment_intent: pi.id },
        status: 'paid',
        status_transitions: { canceled_at: null, paid_at: paidAt },
      };
      invoicePayments.set(inv.id, [...(invoicePayments.get(inv.id) ?? []), payment]);
      inv.attempt_count += 1;
      inv.attempted = true;
      settle(inv, paidAt);
      return inv;
    },
    setDefaultPaymentMethod(customerId: string, paymentMethod: string): void {
      const customer = state.customers.get(customerId);
      if (!customer) throw new Error(`fake-stripe: no customer ${customerId}`);
      customer.invoice_settings.default_payment_method = paymentMethod;
    },
  };
}
