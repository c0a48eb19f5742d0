// Runs in main. Twilio Usage Records connector: daily usage per account (main account and subaccounts).
//
// Written from:
//   https://www.twilio.com/docs/usage/api/usage-record   (UsageRecords, the Daily subresource, StartDate/EndDate
//                                                         inclusive GMT dates, IncludeSubaccounts, PageSize, paging
//                                                         by next_page_uri; record fields account_sid, category,
//                                                         count, usage, usage_unit, price, price_unit, start_date, as_of)
//   https://www.twilio.com/docs/iam/api/account          (GET /2010-04-01/Accounts.json lists the main account and
//                                                         its subaccounts; paged the same way)
//   https://www.twilio.com/docs/usage/requests-to-twilio (HTTP Basic auth: Account SID / Auth Token)
//
// Choices where the docs leave room:
// - Per-client usage needs per-subaccount records: with IncludeSubaccounts=true (the default) the main account's
//   records are totals over all subaccounts. So we list the accounts once per sync, then read each account's
//   Daily records with IncludeSubaccounts=false. clientKey = sub_account:<account_sid> (the main account's own
//   usage gets its own SID and stays unassigned unless mapped).
// - Records are daily buckets Twilio revises (as_of moves) for a few days: externalId = <account>|<category>|<day>,
//   replaceable; each sync re-reads the last `reviseDays` days so late revisions replace earlier versions.
// - Categories form a hierarchy of roll-ups (totalprice ⊃ everything, calls ⊃ calls-inbound ⊃ calls-inbound-local...).
//   Only categories in the `categories` map are billed. Skipped on purpose (not rejected): `ignoreCategories`
//   (default: totalprice, the all-usage roll-up), sub-categories of a mapped category (calls-inbound when calls is
//   mapped: counting both would double count), and unmapped categories with zero count, usage and price (Twilio
//   lists every category every day). An unmapped category that has usage is rejected with a reason, so the agency
//   sees money it is not rebilling.
// - Quantities: `count` or `usage` (as configured) times an integer multiplier, rounded up. Default map:
//   sms -> sms (count = messages), calls -> call_seconds (usage = billed minutes x 60).
import { z } from 'zod';
import { dec } from '../../../shared/money/decimal';
import { ConnectorError } from '../http/connector-error';
import { requestJson, type JsonResponse } from '../http/request-json';
import type { NormalizedEvent, RejectedRecord } from '../types';
import type { Connector, ConnectorContext, Page } from './connector';
import {
  baseUrlSchema,
  DAY_MS,
  decodeCursor,
  encodeCursor,
  isoDay,
  readConfig,
  requireCredential,
  sameOriginUrl,
  testWith,
  utcDayStart,
} from './connector-support';
import { ceilQuantity, currencyCode, dateToMs, decimalText, isRecord, shownValue } from './record-values';

const PROVIDER = 'Twilio';
const AUTH_HINT = 'check the Account SID and Auth Token';

const CategoryRule = z.object({
  metric: z.string().min(1),
  quantity: z.enum(['count', 'usage']),
  multiplier: z.number().int().positive().default(1),
});
export type TwilioCategoryRule = z.infer<typeof CategoryRule>;

export const DEFAULT_TWILIO_CATEGORIES: Record<string, TwilioCategoryRule> = {
  sms: { metric: 'sms', quantity: 'count', multiplier: 1 },
  calls: { metric: 'call_seconds', quantity: 'usage', multiplier: 60 },
};

export const twilioConfigSchema = z.object({
  baseUrl: baseUrlSchema('https://api.twilio.com'),
  /** first sync starts this many days before today (UTC) */
  backfillDays: z.number().int().min(1).max(3650).default(90),
  /** each sync re-reads this many days before today, which Twilio may still revise */
  reviseDays: z.number().int().min(0).max(31).default(3),
  pageSize: z.number().int().min(1).max(1000).default(50),
  categories: z.record(z.string(), CategoryRule).default(DEFAULT_TWILIO_CATEGORIES),
  ignoreCategories: z.array(z.string()).default(['totalprice']),
});
export type TwilioConfig = z.infer<typeof twilioConfigSchema>;

/**
 * Cursor: the date window [from, to] (inclusive GMT days, `to` fixed when a sync starts), the account list
 * (collected page by page from Accounts.json), the account being read and Twilio's next_page_uri within it.
 */
const TwilioCursor = z.object({
  v: z.literal(1),
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
  accounts: z.array(z.string()).nullable(),
  accountsNext: z.string().nullable(),
  i: z.number().int().min(0),
  next: z.string().nullable(),
  n: z.number().int().min(0),
});
type TwilioCursor = z.infer<typeof TwilioCursor>;

function startCursor(from: string): TwilioCursor {
  return { v: 1, from, to: null, accounts: null, accountsNext: null, i: 0, next: null, n: 0 };
}

function credentials(ctx: ConnectorContext) {
  const sid = requireCredential(PROVIDER, ctx, 'accountSid', 'Account SID');
  const token = requireCredential(PROVIDER, ctx, 'authToken', 'Auth Token');
  if (!/^AC[0-9a-fA-F]{32}$/.test(sid)) {
    throw new ConnectorError('config', 'The Twilio Account SID must start with "AC" followed by 32 hexadecimal characters; copy it from the Twilio Console.');
  }
  return { sid, authorization: `Basic ${Buffer.from(`${sid}:${token}`).toString('base64')}` };
}

function get(ctx: ConnectorContext, url: string, authorization: string, what: string): Promise<JsonResponse> {
  return requestJson(ctx, url, { headers: { Authorization: authorization, Accept: 'application/json' } }, { provider: PROVIDER, what, authHint: AUTH_HINT });
}

function badShape(what: string, detail: string): ConnectorError {
  return new ConnectorError('bad_response', `Twilio answered ${what} without ${detail}; nothing from that page was saved. The sync will retry it.`);
}

type Mapped = { event: NormalizedEvent } | { rejected: RejectedRecord } | { skipped: true };

export function mapTwilioRecord(record: unknown, position: number, cfg: TwilioConfig, numberText: JsonResponse['numberText']): Mapped {
  if (!isRecord(record)) return { rejected: { position, reason: 'The usage record is not a JSON object.' } };
  const category = typeof record['category'] === 'string' ? record['category'] : null;
  const account = typeof record['account_sid'] === 'string' ? record['account_sid'] : null;
  const day = typeof record['start_date'] === 'string' ? record['start_date'] : null;
  const idFor = (c: string) => (account && day ? `${account}|${c}|${day}` : undefined);
  const reject = (reason: string): Mapped => {
    const externalId = category ? idFor(category) : undefined;
    return { rejected: externalId ? { position, externalId, reason } : { position, reason } };
  };
  if (!category) return reject('The usage record has no category.');
  if (cfg.ignoreCategories.includes(category)) return { skipped: true };
  const rule = cfg.categories[category];
  const text = (key: string) => decimalText(record[key], numberText(record, key));
  if (!rule) {
    if (Object.keys(cfg.categories).some((mapped) => category.startsWith(`${mapped}-`))) return { skipped: true };
    const values = ['count', 'usage', 'price'].map(text);
    if (values.every((v) => v === null || dec(v).isZero())) return { skipped: true };
    const desc = typeof record['description'] === 'string' ? ` (${record['description']})` : '';
    return reject(
      `Twilio category "${category}"${desc} has usage (count ${values[0] ?? '?'}, price ${values[2] ?? '?'} ${String(record['price_unit'] ?? '')}) ` +
        `but is not mapped to a metric; add it to this connector's category map to rebill it.`,
    );
  }
  if (!account) return reject('The usage record has no account_sid.');
  const occurredAt = dateToMs(day);
  if (occurredAt === null) return reject(`The usage record's start_date "${shownValue(record['start_date'])}" is not a YYYY-MM-DD date.`);
  const q = text(rule.quantity);
  if (q === null) return reject(`The usage record's ${rule.quantity} "${shownValue(record[rule.quantity])}" is not a number.`);
  const quantity = ceilQuantity(dec(q).times(rule.multiplier).toFixed());
  if (quantity === null) return reject(`The usage record's ${rule.quantity} ${q} is negative or too large to bill.`);
  let cost: string | null = null;
  if (record['price'] !== null && record['price'] !== undefined) {
    cost = text('price');
    if (cost === null) return reject(`The usage record's price "${shownValue(record['price'])}" is not a number.`);
  }
  return {
    event: {
      externalId: idFor(category)!,
      clientKey: `sub_account:${account}`,
      metricKey: rule.metric,
      quantity,
      occurredAt,
      cost,
      costCurrency: currencyCode(record['price_unit']),
      attrs: {
        twilioCategory: category,
        count: text('count'),
        usage: text('usage'),
        usageUnit: typeof record['usage_unit'] === 'string' ? record['usage_unit'] : null,
        asOf: typeof record['as_of'] === 'string' ? record['as_of'] : null,
      },
      replaceable: true,
    },
  };
}

async function fetchPage(ctx: ConnectorContext, cursorText: string | null): Promise<Page> {
  const cfg = readConfig(PROVIDER, twilioConfigSchema, ctx.config);
  const { sid, authorization } = credentials(ctx);
  const today = utcDayStart(ctx.now().getTime());
  let c = cursorText === null ? startCursor(isoDay(today - cfg.backfillDays * DAY_MS)) : decodeCursor(PROVIDER, TwilioCursor, cursorText);
  if (c.to === null) c = { ...c, to: isoDay(today) };
  const to = c.to!;
  const n = c.n + 1;
  const what = `page ${n}`;
  const done = (): string => encodeCursor(startCursor(isoDay(dateToMs(to)! - cfg.reviseDays * DAY_MS)));

  // Phase 1: the account list (main account and subaccounts), one Accounts.json page per call.
  if (c.accounts === null || c.accountsNext !== null) {
    const url = c.accountsNext ? sameOriginUrl(PROVIDER, cfg.baseUrl, c.accountsNext) : `${cfg.baseUrl}/2010-04-01/Accounts.json?PageSize=${cfg.pageSize}`;
    const res = await get(ctx, url, authorization, `${what} (account list)`);
    const body = res.body;
    if (!isRecord(body) || !Array.isArray(body['accounts'])) throw badShape(`${what} (account list)`, 'an "accounts" list');
    const sids = body['accounts'].map((a) => (isRecord(a) ? a['sid'] : undefined)).filter((s): s is string => typeof s === 'string' && /^AC/.test(s));
    const accounts = [...new Set([...(c.accounts ?? []), ...(c.accounts === null ? [sid] : []), ...sids])];
    const accountsNext = typeof body['next_page_uri'] === 'string' && body['next_page_uri'] !== '' ? body['next_page_uri'] : null;
    const next = encodeCursor({ ...c, accounts, accountsNext, n });
    return { events: [], rejected: [], nextCursor: next, resumeCursor: next, fetched: 0 };
  }

  const account = c.accounts[c.i];
  if (account === undefined) return { events: [], rejected: [], nextCursor: null, resumeCursor: done(), fetched: 0 };

  // Phase 2: the Daily usage records of each account in turn, following next_page_uri.
  const url = c.next
    ? sameOriginUrl(PROVIDER, cfg.baseUrl, c.next)
    : `${cfg.baseUrl}/2010-04-01/Accounts/${encodeURIComponent(account)}/Usage/Records/Daily.json?` +
      new URLSearchParams({ StartDate: c.from, EndDate: to, IncludeSubaccounts: 'false', PageSize: String(cfg.pageSize) }).toString();
  const res = await get(ctx, url, authorization, what);
  const body = res.body;
  if (!isRecord(body) || !Array.isArray(body['usage_records'])) throw badShape(what, 'a "usage_records" list');
  const events: NormalizedEvent[] = [];
  const rejected: RejectedRecord[] = [];
  body['usage_records'].forEach((record, index) => {
    const m = mapTwilioRecord(record, index + 1, cfg, res.numberText);
    if ('event' in m) events.push(m.event);
    else if ('rejected' in m) rejected.push(m.rejected);
  });
  const nextUri = typeof body['next_page_uri'] === 'string' && body['next_page_uri'] !== '' ? body['next_page_uri'] : null;
  let next: TwilioCursor | null;
  if (nextUri) next = { ...c, to, next: nextUri, n };
  else if (c.i + 1 < c.accounts.length) next = { ...c, to, i: c.i + 1, next: null, n };
  else next = null;
  const nextCursor = next ? encodeCursor(next) : null;
  return { events, rejected, nextCursor, resumeCursor: nextCursor ?? done(), fetched: body['usage_records'].length };
}

export const twilioConnector: Connector = {
  kind: 'twilio',
  label: 'Twilio',
  docsUrl: 'https://www.twilio.com/docs/usage/api/usage-record',
  credentialFields: [
    { key: 'accountSid', label: 'Account SID', secret: false, help: 'Your main account SID (starts with AC), from the Twilio Console home page.' },
    { key: 'authToken', label: 'Auth Token', secret: true, help: 'The main account Auth Token, from the Twilio Console home page. It can read every subaccount.' },
  ],
  configSchema: twilioConfigSchema,
  fetchPage,
  testConnection: (ctx) =>
    testWith(PROVIDER, async () => {
      const cfg = readConfig(PROVIDER, twilioConfigSchema, ctx.config);
      const { sid, authorization } = credentials(ctx);
      const res = await get(ctx, `${cfg.baseUrl}/2010-04-01/Accounts/${sid}.json`, authorization, 'the account check');
      const b = isRecord(res.body) ? res.body : {};
      const name = typeof b['friendly_name'] === 'string' ? b['friendly_name'] : sid;
      const status = typeof b['status'] === 'string' ? b['status'] : 'unknown';
      return `Connected to Twilio account "${name}" (${sid}), status ${status}.`;
    }),
};
