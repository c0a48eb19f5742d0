// Test helper (Node only). A fake Stripe API (v1, in the shape of the API version the installed `stripe` SDK
// pins) on 127.0.0.1, so the gateway and the outbox are tested with the REAL SDK:
//   const server = await startFakeStripe();
//   const stripe = new Stripe(FAKE_STRIPE_TEST_KEY, { ...server.clientOptions, maxNetworkRetries: 0 });
// This file is the server (transport, keys, idempotency, test controls); fake-stripe-wire.ts holds the wire
// format (object types, form parameters, errors, money rules, search) and fake-stripe-resources.ts the resources.
//
// What it does, from Stripe's documentation (docs.stripe.com/api, /idempotency, /currencies, /search, /testing):
// - Requests: form-encoded bodies and queries (`metadata[k]=v`, `expand[0]=x`), `Authorization: Bearer <key>`.
//   Unknown parameters are refused (400 parameter_unknown) as Stripe does, so a typo in the gateway fails here.
// - Responses: JSON objects with `object`; lists {object:'list', data, has_more, url} (newest first, limit,
//   starting_after, ending_before); search {object:'search_result', data, has_more, next_page, url}. Objects are
//   type-checked against the SDK's own response types (see Wire<T>), so their shape follows the pinned version.
// - Errors: {error:{type, code?, message, param?, decline_code?, ...}} with the four documented types
//   (api_error, card_error, idempotency_error, invalid_request_error): 400 invalid request, 401 unknown key
//   (Stripe sends type invalid_request_error there; the SDK turns any 401 into StripeAuthenticationError),
//   402 card errors, 404 missing objects (and objects of the other mode: test vs live), 429 code rate_limit,
//   500 api_error.
// - Keys: sk_/rk_ + test_/live_ keys given at start; livemode of every object follows the key's prefix and the
//   modes do not see each other's objects. GET /v1/account has no livemode field (the Account object has none).
// - Idempotency (POST only, keys up to 255 chars, scoped per account and mode, kept 24 h on the fake clock):
//   the saved response of a request whose endpoint started executing (successes, card declines, state errors)
//   is replayed to the same key + same method, path and parameters with `Idempotent-Replayed: true`; the same
//   key with anything different is 400 idempotency_error; validation errors (bad/unknown/missing parameters,
//   missing objects) are not saved, so the corrected request may reuse the key.
// - Money: integers in Stripe's smallest unit. Zero-decimal currencies (JPY...) in whole units. Three-decimal
//   currencies (BHD, JOD, KWD, OMR, TND) in thousandths (fils): Stripe documents that its payment flows
//   (PaymentIntents, refunds, disputes) need those amounts to end in 0, so payment_intents refuse 1234 KWD-fils
//   (400 invalid_amount_three_decimal_currency, our name: Stripe documents the rule, not the code) and accept
//   1230; invoice items, invoices and credit notes keep exact fils (the rule is documented for payment flows).
//   ISK is two-decimal in the API but payments must be whole krónur (divisible by 100; Stripe's documented code
//   invalid_charge_amount_no_decimal_compatible). quantity x unit_amount_decimal is rounded half away from zero
//   (Stripe does not document its rule, which is one reason the gateway sends line amounts instead).
// - Test payment methods by id: pm_card_visa / pm_card_mastercard succeed; pm_card_chargeDeclined (402
//   card_declined/generic_decline), pm_card_chargeDeclinedInsufficientFunds, pm_card_chargeDeclinedExpiredCard,
//   pm_card_authenticationRequired (402 authentication_required when off_session).
//
// Not implemented (add it when a test needs it): products/prices/subscriptions/tax/discounts/coupons; updating
// or deleting objects other than customers; automatic collection (finalize never charges; auto_advance is only
// stored); invoice `pay` other than paid_out_of_band=true; applying the customer balance to invoices; refunds
// (credit notes with refund_amount are refused); PaymentMethod objects and attaching (test ids are accepted
// as they are); confirming a PaymentIntent later (only confirm=true at creation); minimum charge amounts;
// webhooks/events; Connect; Stripe-Version differences; 409 in-flight idempotency conflicts (requests run one
// at a time here); search lag (Stripe's index can be a minute behind, this one never is); search syntax
// beyond `field:'value'` clauses joined by AND or OR; expanding anything but ids, `payments` and
// `latest_charge` (other expand paths are ignored).
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createStripeResources } from './fake-stripe-resources';
import {
  ApiError,
  canonical,
  DEFAULT_FAULTS,
  parseForm,
  SERVER_FAULT,
  type ErrorBody,
  type FakeStripeAccount,
  type FakeStripeRequest,
  type FakeStripeState,
  type Params,
  type WireInvoice,
} from './fake-stripe-wire';

export type {
  FakeStripeAccount,
  FakeStripeRequest,
  FakeStripeState,
  Params,
  WireCharge,
  WireCreditNote,
  WireCustomer,
  WireInvoice,
  WireInvoiceItem,
  WirePaymentIntent,
} from './fake-stripe-wire';

export interface FakeStripeFault {
  status: number;
  /** defaults to Stripe's documented type for the status */
  type?: 'api_error' | 'card_error' | 'idempotency_error' | 'invalid_request_error' | (string & {});
  code?: string;
  message?: string;
  decline_code?: string;
  /** only requests whose path matches (default: every request) */
  path?: string | RegExp;
  /**
   * true: the endpoint had started executing, so Stripe saves this error under the request's idempotency key and
   * replays it to retries with that key (documented for 500s). Default false: the error happened before execution
   * (like a rate limit at the edge), so a retry with the same key runs normally.
   */
  stored?: boolean;
  headers?: Record<string, string>;
}


export interface FakeStripeOptions {
  /** accepted keys (sk_/rk_ + test_/live_); default: FAKE_STRIPE_TEST_KEY and FAKE_STRIPE_LIVE_KEY */
  keys?: string[];
  account?: Partial<FakeStripeAccount>;
}

export interface FakeStripe {
  url: string;
  port: number;
  /** spread into the SDK's config: { host, port, protocol } */
  clientOptions: { host: string; port: number; protocol: 'http' };
  state: FakeStripeState;
  /** the next `count` matching requests get this error instead of running */
  failNext(count: number, fault: FakeStripeFault): void;
  /**
   * Matching requests run and commit (and their response is saved under the idempotency key), then the socket is
   * destroyed without an answer. Applies to every matching request, replays included, until `times` is used up
   * (default: until clearFaults). Note the SDK retries a reset connection once on its own, with the same key.
   */
  dropAfterCommit(path: string | RegExp, options?: { times?: number }): void;
  /** the next `count` matching requests are never answered (for client timeouts); they do not run */
  hangNext(count: number, path?: string | RegExp): void;
  clearFaults(): void;
  /** true: stop listening and cut open connections (clients get ECONNREFUSED); false: listen on the same port again */
  setOffline(offline: boolean): Promise<void>;
  /** the client paid an open invoice on Stripe's side (hosted page): a PaymentIntent, a charge, status paid */
  markInvoicePaid(invoiceId: string, options?: { chargeId?: string; paidAt?: number }): WireInvoice;
  /** sets a customer's invoice_settings.default_payment_method (as if the client saved a card) */
  setDefaultPaymentMethod(customerId: string, paymentMethod: string): void;
  /** moves the fake clock (object timestamps, idempotency expiry) forward */
  advanceTime(seconds: number): void;
  /** unix seconds on the fake clock */
  now(): number;
  close(): Promise<void>;
}

export const FAKE_STRIPE_TEST_KEY = 'sk_test_51FakeMeterbookTestKey0000';
export const FAKE_STRIPE_LIVE_KEY = 'sk_live_51FakeMeterbookLiveKey0000';

interface SavedResponse {
  method: string;
  path: string;
  fingerprint: string;
  status: number;
  body: string;
  requestId: string;
  at: number;
}

interface PathRule {
  path?: string | RegExp;
  left: number;
}
const matches = (rule: PathRule, path: string) =>
  rule.path === undefined || (typeof rule.path === 'string' ? rule.path === path : rule.path.test(path));


export async function startFakeStripe(options: FakeStripeOptions = {}): Promise<FakeStripe> {
  const keys = new Set(options.keys ?? [FAKE_STRIPE_TEST_KEY, FAKE_STRIPE_LIVE_KEY]);
  const account: FakeStripeAccount = {
    id: 'acct_1FakeMeterbook00',
    displayName: 'Meterbook Test Agency',
    country: 'US',
    defaultCurrency: 'usd',
    ...options.account,
  };
  const state: FakeStripeState = {
    customers: new Map(),
    invoices: new Map(),
    invoiceItems: new Map(),
    creditNotes: new Map(),
    paymentIntents: new Map(),
    charges: new Map(),
    sentInvoices: [],
    requests: [],
  };
  const saved = new Map<string, SavedResponse>();
  let clockOffsetMs = 0;
  let failRules: (FakeStripeFault & PathRule)[] = [];
  let dropRules: PathRule[] = [];
  let hangRules: PathRule[] = [];
  const sockets = new Set<Socket>();
  let serial = 0;

  const now = () => Math.floor((Date.now() + clockOffsetMs) / 1000);
  const newId = (prefix: string) => {
    serial += 1;
    return `${prefix}_1Fk${serial.toString(36).padStart(4, '0')}${randomBytes(8).toString('hex')}`;
  };
  const { routes, expand, markInvoicePaid, setDefaultPaymentMethod } = createStripeResources({ state, account, now, newId });

  // ---- one request
  const respond = (res: http.ServerResponse, status: number, body: string, headers: Record<string, string>) => {
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers });
    res.end(body);
  };
  const errorJson = (e: ErrorBody) => JSON.stringify({ error: e }, null, 2);

  const handle = (req: http.IncomingMessage, res: http.ServerResponse, rawBody: string) => {
    const method = req.method ?? 'GET';
    const u = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = u.pathname;
    const keyHeader = req.headers['idempotency-key'];
    const idemKey = method === 'POST' && typeof keyHeader === 'string' ? keyHeader : null;
    const requestId = `req_${randomBytes(7).toString('hex')}`;
    const headers: Record<string, string> = { 'request-id': requestId };
    const version = req.headers['stripe-version'];
    if (typeof version === 'string') headers['stripe-version'] = version;
    if (idemKey !== null) headers['idempotency-key'] = idemKey;
    const rec: FakeStripeRequest = { method, path, params: {}, idempotencyKey: idemKey, livemode: null, outcome: 0, replayed: false };
    state.requests.push(rec);

    const send = (status: number, body: string, extra: Record<string, string> = {}) => {
      const drop = dropRules.find((r) => r.left > 0 && matches(r, path));
      if (drop) {
        drop.left -= 1;
        rec.outcome = 'dropped';
        rec.injected = 'drop';
        req.socket.destroy();
        return;
      }
      rec.outcome = status;
      respond(res, status, body, { ...headers, ...extra });
    };

    const hang = hangRules.find((r) => r.left > 0 && matches(r, path));
    if (hang) {
      hang.left -= 1;
      rec.outcome = 'hung';
      rec.injected = 'hang';
      return;
    }

    let p: Params;
    try {
      p = parseForm(method === 'POST' ? rawBody : u.search.slice(1));
    } catch (e) {
      if (e instanceof ApiError) return send(e.status, errorJson(e.body));
      throw e;
    }
    rec.params = p;

    // authentication
    const auth = req.headers.authorization ?? '';
    const bearer = /^Bearer (.+)$/.exec(auth)?.[1] ?? (/^Basic (.+)$/.exec(auth) ? Buffer.from(auth.slice(6), 'base64').toString().split(':')[0] : undefined);
    const modeOf = /^(?:sk|rk)_(test|live)_/.exec(bearer ?? '');
    if (bearer === undefined || !keys.has(bearer) || !modeOf) {
      const masked = bearer === undefined ? '' : `${bearer.slice(0, 8)}${'*'.repeat(Math.max(0, bearer.length - 12))}${bearer.slice(-4)}`;
      return send(
        401,
        errorJson({
          type: 'invalid_request_error',
          message: bearer === undefined
            ? 'You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth.'
            : `Invalid API Key provided: ${masked}`,
        }),
      );
    }
    const livemode = modeOf[1] === 'live';
    rec.livemode = livemode;

    // injected failures: edge faults come before the idempotency layer, stored ones after it (they are saved)
    const injected = (stored: boolean) => {
      const fail = failRules.find((r) => r.left > 0 && (r.stored ?? false) === stored && matches(r, path));
      if (!fail) return null;
      fail.left -= 1;
      rec.injected = 'fail';
      const base = fail.status >= 500 ? SERVER_FAULT : (DEFAULT_FAULTS[fail.status] ?? { type: 'invalid_request_error', message: 'Injected error.' });
      const body = errorJson({
        ...base,
        ...(fail.type === undefined ? {} : { type: fail.type }),
        ...(fail.code === undefined ? {} : { code: fail.code }),
        ...(fail.message === undefined ? {} : { message: fail.message }),
        ...(fail.decline_code === undefined ? {} : { decline_code: fail.decline_code }),
      });
      return { status: fail.status, body, headers: fail.headers };
    };
    const edge = injected(false);
    if (edge) return send(edge.status, edge.body, edge.headers);

    // idempotency: replay or refuse a reused key
    const scope = `${account.id}:${livemode ? 'live' : 'test'}:${idemKey}`;
    const fingerprint = canonical(p);
    if (idemKey !== null) {
      if (idemKey.length > 255) return send(400, errorJson({ type: 'invalid_request_error', message: 'Idempotency keys can be up to 255 characters long.' }));
      const prior = saved.get(scope);
      if (prior && prior.at <= now() - 86_400) saved.delete(scope);
      else if (prior) {
        if (prior.method !== method || prior.path !== path || prior.fingerprint !== fingerprint) {
          return send(
            400,
            errorJson({
              type: 'idempotency_error',
              message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idemKey}' if you meant to execute a different request.`,
            }),
          );
        }
        rec.replayed = true;
        return send(prior.status, prior.body, { 'idempotent-replayed': 'true', 'original-request': prior.requestId });
      }
    }
    const save = (status: number, body: string) => {
      if (idemKey !== null) saved.set(scope, { method, path, fingerprint, status, body, requestId, at: now() });
    };
    const inside = injected(true);
    if (inside) {
      save(inside.status, inside.body);
      return send(inside.status, inside.body, inside.headers);
    }

    // the endpoint
    const route = routes.find(([m, re]) => m === method && re.test(path));
    if (!route) {
      return send(
        404,
        errorJson({ type: 'invalid_request_error', message: `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.` }),
      );
    }
    const ids = [...route[1].exec(path)!].slice(1).map(decodeURIComponent);
    try {
      const reply = route[2]({ p, livemode, ids });
      const body = JSON.stringify(expand(reply.body, p), null, 2);
      const status = reply.status ?? 200;
      save(status, body);
      return send(status, body);
    } catch (e) {
      if (!(e instanceof ApiError)) {
        const body = errorJson({ ...SERVER_FAULT, message: `fake-stripe bug: ${(e as Error).message}` });
        return send(500, body);
      }
      const body = errorJson(e.body);
      if (e.saved) save(e.status, body);
      return send(e.status, body);
    }
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  const listen = (port: number) => new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      if (!server.listening) return resolve();
      server.close(() => resolve());
    });
  await listen(0);
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    clientOptions: { host: '127.0.0.1', port, protocol: 'http' },
    state,
    failNext(count, fault) {
      failRules.push({ ...fault, left: count });
    },
    dropAfterCommit(path, opts = {}) {
      dropRules.push({ path, left: opts.times ?? Number.POSITIVE_INFINITY });
    },
    hangNext(count, path) {
      hangRules.push({ path, left: count });
    },
    clearFaults() {
      failRules = [];
      dropRules = [];
      hangRules = [];
    },
    async setOffline(offline) {
      if (offline) await stop();
      else if (!server.listening) await listen(port);
    },
    markInvoicePaid,
    setDefaultPaymentMethod,
    advanceTime(seconds) {
      clockOffsetMs += seconds * 1000;
    },
    now,
    close: stop,
  };
}
