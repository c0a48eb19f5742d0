// Test helper (Node only). Stripe's v1 wire format for the fake Stripe server (fake-stripe.ts): the objects'
// types, the form-encoded parameters and their readers, Stripe's error bodies, money rules and the search subset.
import type Stripe from 'stripe';

/** An SDK response type as it travels on the wire: the SDK's Decimal fields are decimal strings there. */
export type Wire<T> = T extends string | number | boolean | null | undefined
  ? T
  : T extends Stripe.Decimal
  ? string
  : T extends readonly (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { -readonly [K in keyof T]: Wire<T[K]> }
      : T;

export type WireCustomer = Wire<Stripe.Customer>;
export type WireInvoice = Wire<Stripe.Invoice>;
export type WireInvoiceItem = Wire<Stripe.InvoiceItem>;
export type WireLineItem = Wire<Stripe.InvoiceLineItem>;
export type WireInvoicePayment = Wire<Stripe.InvoicePayment>;
export type WireCreditNote = Wire<Stripe.CreditNote>;
export type WireCreditNoteLine = Wire<Stripe.CreditNoteLineItem>;
export type WirePaymentIntent = Wire<Stripe.PaymentIntent>;
/** The fields of a Charge Meterbook reads (the full Charge type has ~50 required fields). */
export type WireCharge = Pick<
  Wire<Stripe.Charge>,
  'id' | 'object' | 'amount' | 'amount_captured' | 'amount_refunded' | 'captured' | 'created' | 'currency' | 'customer'
  | 'description' | 'failure_code' | 'failure_message' | 'livemode' | 'metadata' | 'paid' | 'payment_intent' | 'refunded' | 'status'
> & { payment_method: string | null };

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Obj = Record<string, unknown>;

export interface FakeStripeRequest {
  method: string;
  path: string;
  /** parsed form body (POST) or query (GET) */
  params: Params;
  idempotencyKey: string | null;
  livemode: boolean | null;
  /** HTTP status sent, or what happened instead of an answer */
  outcome: number | 'dropped' | 'hung';
  replayed: boolean;
  /** set when a test control decided the outcome */
  injected?: 'fail' | 'drop' | 'hang';
}

export interface FakeStripeState {
  customers: Map<string, WireCustomer>;
  invoices: Map<string, WireInvoice>;
  invoiceItems: Map<string, WireInvoiceItem>;
  creditNotes: Map<string, WireCreditNote>;
  paymentIntents: Map<string, WirePaymentIntent>;
  charges: Map<string, WireCharge>;
  /** invoices sent by email (POST /v1/invoices/:id/send) */
  sentInvoices: { invoice: string; to: string | null; at: number }[];
  requests: FakeStripeRequest[];
}

export interface FakeStripeAccount {
  id: string;
  displayName: string;
  country: string;
  defaultCurrency: string;
}


// ------------------------------------------------------------------------------------------- form parameters

export type Param = string | Params | Param[];
export interface Params {
  [key: string]: Param;
}

/** Parses Stripe's bracket form encoding: a[b]=1&a[c][0]=x&expand[]=y -> { a: { b: '1', c: ['x'] }, expand: ['y'] }. */
export function parseForm(text: string): Params {
  const root: Params = {};
  for (const [rawKey, value] of new URLSearchParams(text)) {
    const m = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(rawKey);
    if (!m) throw invalid(`Invalid parameter name: ${rawKey}`, { code: 'parameter_unknown', param: rawKey });
    const path = [m[1]!, ...[...m[2]!.matchAll(/\[([^[\]]*)\]/g)].map((x) => x[1]!)];
    let node: Params = root;
    for (let i = 0; i < path.length; i++) {
      const seg = path[i] === '' ? String(Object.keys(node).length) : path[i]!;
      if (i === path.length - 1) {
        node[seg] = value;
      } else {
        const next = node[seg] ?? {};
        if (typeof next !== 'object' || Array.isArray(next)) throw invalid(`Invalid parameter: ${rawKey}`, { param: rawKey });
        node[seg] = next;
        node = next;
      }
    }
  }
  const arrays = (p: Param): Param => {
    if (typeof p === 'string' || Array.isArray(p)) return p;
    const keys = Object.keys(p);
    if (keys.length > 0 && keys.every((k) => /^\d+$/.test(k))) {
      return keys.sort((a, b) => Number(a) - Number(b)).map((k) => arrays(p[k]!));
    }
    return Object.fromEntries(keys.map((k) => [k, arrays(p[k]!)]));
  };
  return arrays(root) as Params;
}

// ------------------------------------------------------------------------------------------------- errors

export interface ErrorBody {
  type: string;
  message: string;
  code?: string;
  param?: string;
  decline_code?: string;
  doc_url?: string;
  charge?: string;
  payment_intent?: Json;
}

/** An API error. `saved` = the endpoint had started executing, so the answer is kept under the idempotency key. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
    readonly saved: boolean,
  ) {
    super(body.message);
  }
}

export function invalid(message: string, extra: { code?: string; param?: string } = {}): ApiError {
  return new ApiError(400, { type: 'invalid_request_error', message, ...extra }, false);
}
/** a refusal that depends on the objects' state (not on the parameters): Stripe saves it under the key */
export function stateError(message: string, extra: { code?: string; param?: string } = {}): ApiError {
  return new ApiError(400, { type: 'invalid_request_error', message, ...extra }, true);
}
export function missing(kind: string, id: string, param = 'id'): ApiError {
  return new ApiError(404, { type: 'invalid_request_error', code: 'resource_missing', param, message: `No such ${kind}: '${id}'` }, false);
}

export const DEFAULT_FAULTS: Record<number, { type: string; code?: string; message: string; decline_code?: string }> = {
  400: { type: 'invalid_request_error', message: 'Invalid request (injected).' },
  401: { type: 'invalid_request_error', message: 'Invalid API Key provided: sk_test_****0000' },
  402: { type: 'card_error', code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.' },
  403: { type: 'invalid_request_error', message: 'The provided key does not have the required permissions for this endpoint.' },
  404: { type: 'invalid_request_error', code: 'resource_missing', message: 'No such object (injected).' },
  409: {
    type: 'invalid_request_error',
    code: 'lock_timeout',
    message: 'This object cannot be accessed right now because another API request or Stripe process is currently accessing it.',
  },
  429: {
    type: 'invalid_request_error',
    code: 'rate_limit',
    message: 'Too many requests hit the API too quickly. We recommend an exponential backoff of your requests.',
  },
};
export const SERVER_FAULT = { type: 'api_error', message: "Sorry, something went wrong. We've already been notified of the problem." };

// ---------------------------------------------------------------------------------------- parameter readers

/** Refuses parameters an endpoint does not take (Stripe: 400 parameter_unknown). `expand` is always allowed. */
export function only(p: Params, allowed: readonly string[]): void {
  for (const key of Object.keys(p)) {
    if (key !== 'expand' && !allowed.includes(key)) throw invalid(`Received unknown parameter: ${key}`, { code: 'parameter_unknown', param: key });
  }
}
export function str(p: Params, key: string): string | undefined {
  const v = p[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw invalid(`Invalid string: ${JSON.stringify(v)}`, { param: key });
  return v;
}
export function required(p: Params, key: string): string {
  const v = str(p, key);
  if (v === undefined || v === '') throw invalid(`Missing required param: ${key}.`, { code: 'parameter_missing', param: key });
  return v;
}
export function int(p: Params, key: string): number | undefined {
  const v = str(p, key);
  if (v === undefined) return undefined;
  if (!/^-?\d+$/.test(v) || !Number.isSafeInteger(Number(v))) throw invalid(`Invalid integer: ${v}`, { code: 'parameter_invalid_integer', param: key });
  return Number(v);
}
export function bool(p: Params, key: string): boolean | undefined {
  const v = str(p, key);
  if (v === undefined) return undefined;
  if (v !== 'true' && v !== 'false') throw invalid(`Invalid boolean: ${v}`, { param: key });
  return v === 'true';
}
export function oneOf<T extends string>(p: Params, key: string, values: readonly T[]): T | undefined {
  const v = str(p, key);
  if (v === undefined) return undefined;
  if (!(values as readonly string[]).includes(v)) throw invalid(`Invalid ${key}: must be one of ${values.join(', ')}`, { param: key });
  return v as T;
}
/** decimal text with at most 12 decimal places (Stripe's unit_amount_decimal / quantity_decimal) */
export function decimal(p: Params | undefined, key: string): string | undefined {
  const v = p === undefined ? undefined : str(p, key);
  if (v === undefined) return undefined;
  if (!/^-?\d+(\.\d{1,12})?$/.test(v)) throw invalid(`Invalid decimal: ${v}`, { param: key });
  return v;
}
export function currency(p: Params, key = 'currency'): string | undefined {
  const v = str(p, key);
  if (v === undefined) return undefined;
  if (!/^[a-zA-Z]{3}$/.test(v)) throw invalid(`Invalid currency: ${v}.`, { param: key });
  return v.toLowerCase();
}
/** `metadata[k]=v`; '' for the whole hash or a key unsets it (Stripe's update semantics). */
export function metadataParam(p: Params): Record<string, string> | '' | undefined {
  const v = p.metadata;
  if (v === undefined) return undefined;
  if (v === '') return '';
  if (typeof v !== 'object' || Array.isArray(v)) throw invalid('Invalid object', { param: 'metadata' });
  const keys = Object.keys(v);
  if (keys.length > 50) throw invalid('You can specify up to 50 keys in metadata.', { param: 'metadata' });
  const out: Record<string, string> = {};
  for (const k of keys) {
    const val = v[k];
    if (typeof val !== 'string') throw invalid(`Invalid string: ${JSON.stringify(val)}`, { param: `metadata[${k}]` });
    if (k.length > 40) throw invalid(`Metadata keys can have a maximum length of 40 characters.`, { param: `metadata[${k}]` });
    if (val.length > 500) throw invalid(`Metadata values can have a maximum length of 500 characters.`, { param: `metadata[${k}]` });
    out[k] = val;
  }
  return out;
}
export function mergeMetadata(current: Record<string, string>, update: Record<string, string> | '' | undefined): Record<string, string> {
  if (update === undefined) return current;
  if (update === '') return {};
  const next = { ...current };
  for (const [k, v] of Object.entries(update)) {
    if (v === '') delete next[k];
    else next[k] = v;
  }
  return next;
}
export function expandParam(p: Params): string[] {
  const v = p.expand;
  if (v === undefined) return [];
  const list = Array.isArray(v) ? v : [v];
  return list.filter((x): x is string => typeof x === 'string');
}

// --------------------------------------------------------------------------------------------- money rules

/** Stripe's three-decimal currencies (amounts in thousandths; payment flows need the last digit to be 0) */
export const THREE_DECIMAL = new Set(['bhd', 'jod', 'kwd', 'omr', 'tnd']);
/** The largest amount Stripe charges in one payment: 8 digits in the smallest unit. */
export const MAX_CHARGE = 99_999_999;

/** Rules Stripe documents for payment flows (PaymentIntents), beyond "a positive integer". */
export function checkChargeAmount(amount: number, cur: string): void {
  if (amount < 1) throw invalid('This value must be greater than or equal to 1.', { code: 'parameter_invalid_integer', param: 'amount' });
  if (amount > MAX_CHARGE) throw invalid('Amount must be no more than 99999999.', { code: 'amount_too_large', param: 'amount' });
  if (THREE_DECIMAL.has(cur) && amount % 10 !== 0) {
    throw invalid(
      `Invalid amount: ${cur.toUpperCase()} is a three-decimal currency and payment amounts must end in 0 (round to the nearest ten, e.g. 5124 -> 5120).`,
      { code: 'invalid_amount_three_decimal_currency', param: 'amount' },
    );
  }
  if (cur === 'isk' && amount % 100 !== 0) {
    throw invalid('Invalid amount. ISK is a zero-decimal currency and charge amounts must be evenly divisible by 100.', {
      code: 'invalid_charge_amount_no_decimal_compatible',
      param: 'amount',
    });
  }
}

/** round(a x b) for decimal texts, half away from zero, exactly (BigInt). */
export function multiplyRound(a: string, b: string): number {
  const parse = (s: string) => {
    const [i, f = ''] = s.replace('-', '').split('.');
    return { n: BigInt(i! + f) * (s.startsWith('-') ? -1n : 1n), scale: f.length };
  };
  const x = parse(a);
  const y = parse(b);
  const n = x.n * y.n;
  const d = 10n ** BigInt(x.scale + y.scale);
  const sign = n < 0n ? -1n : 1n;
  const q = (2n * n * sign + d) / (2n * d);
  return Number(q * sign);
}


/** Canonical text of parsed parameters (sorted keys) for the idempotency comparison. */
export function canonical(p: Param): string {
  if (typeof p === 'string') return JSON.stringify(p);
  if (Array.isArray(p)) return `[${p.map(canonical).join(',')}]`;
  return `{${Object.keys(p)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(p[k]!)}`)
    .join(',')}}`;
}

// --------------------------------------------------------------------------------------- search query subset

/**
 * Stripe search (docs.stripe.com/search) subset: clauses `field:'value'` (or "value", or a bare token) and
 * `metadata['key']:'value'`, joined by AND or OR (not both), `-` to negate. `:` is an exact, case-insensitive match.
 */
export function parseSearch<T>(
  query: string,
  fields: Record<string, (o: T) => string | null | undefined>,
  metadata: (o: T) => Record<string, string> | null,
  resource: string,
): (o: T) => boolean {
  const clauses: string[] = [];
  const joins: string[] = [];
  // split on AND/OR outside quotes
  let cur = '';
  let quote: string | null = null;
  for (let i = 0; i < query.length; i++) {
    const ch = query[i]!;
    if (quote) {
      cur += ch;
      if (ch === '\\') cur += query[++i] ?? '';
      else if (ch === quote) quote = null;
      continue;
    }
    if (ch === "'" || ch === '"') quote = ch;
    const join = /^\s+(AND|OR)\s+/.exec(query.slice(i));
    if (join) {
      clauses.push(cur.trim());
      joins.push(join[1]!);
      cur = '';
      i += join[0].length - 1;
      continue;
    }
    cur += ch;
  }
  clauses.push(cur.trim());
  if (new Set(joins).size > 1) throw invalid('Search queries cannot mix AND and OR.', { param: 'query' });
  const tests = clauses.map((clause) => {
    const m = /^(-)?(?:metadata\[(['"])((?:(?!\2).)*)\2\]|([a-z_]+))\s*:\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|([^\s'"]+))$/.exec(clause);
    if (!m) throw invalid(`Invalid search query: ${clause}`, { param: 'query' });
    const [, neg, , metaKey, field, sq, dq, bare] = m;
    const value = (sq ?? dq ?? bare ?? '').replace(/\\(.)/g, '$1').toLowerCase();
    let get: (o: T) => string | null | undefined;
    if (metaKey !== undefined) get = (o) => metadata(o)?.[metaKey];
    else {
      const f = fields[field!];
      if (!f) {
        throw invalid(`Field '${field}' is an unsupported search field for resource ${resource}. See https://stripe.com/docs/search#query-fields-for-${resource} for a list of supported fields.`, {
          param: 'query',
        });
      }
      get = f;
    }
    return (o: T) => ((get(o) ?? '').toLowerCase() === value) !== (neg === '-');
  });
  return joins[0] === 'OR' ? (o) => tests.some((t) => t(o)) : (o) => tests.every((t) => t(o));
}

