// Test helper (Node only). A fake Twilio REST API (2010-04-01) serving the Accounts list and Daily usage
// records with the documented wire format: https://www.twilio.com/docs/usage/api/usage-record
// Deterministic from `seed`; records can be revised between syncs like Twilio does.
import { Dec, decText } from '../../shared/money/decimal';
import { header, isoDate, prng, raw, startFakeServer, DAY_MS, type FakeServer, type RecordedRequest, type FakeResponse } from './fake-server';

export interface FakeTwilioOptions {
  seed?: number;
  /** main account SID; derived from the seed when absent */
  accountSid?: string;
  authToken?: string;
  subaccounts?: number;
  /** inclusive GMT days that have records (every category, every day, zeros included, as Twilio does) */
  from: string;
  to: string;
  /** categories listed each day, in this order */
  categories?: string[];
}

export interface FakeUsageRecord {
  account_sid: string;
  category: string;
  start_date: string;
  count: string;
  usage: string;
  price: string;
  price_unit: string;
  usage_unit: string;
}

export interface FakeTwilio extends FakeServer {
  accountSid: string;
  authToken: string;
  /** main account first, then subaccounts */
  accounts: string[];
  /** the records the server holds for an account within [from, to], in serving order */
  records(accountSid: string, from?: string, to?: string): FakeUsageRecord[];
  /** changes a bucket (Twilio revises recent days); later requests serve the new values */
  revise(accountSid: string, category: string, day: string, patch: Partial<Pick<FakeUsageRecord, 'count' | 'usage' | 'price'>>): void;
}

export const DEFAULT_FAKE_TWILIO_CATEGORIES = ['calls', 'calls-inbound', 'sms', 'sms-outbound', 'totalprice', 'phonenumbers'];

const RATES: Record<string, string> = { calls: '0.013', sms: '0.0079' };

export async function startFakeTwilio(options: FakeTwilioOptions): Promise<FakeTwilio> {
  const seed = options.seed ?? 1;
  const rng = prng(seed);
  const accountSid = options.accountSid ?? `AC${rng.hex(32)}`;
  const authToken = options.authToken ?? 'twilio-test-token';
  const accounts = [accountSid, ...Array.from({ length: options.subaccounts ?? 2 }, () => `AC${rng.hex(32)}`)];
  const categories = options.categories ?? DEFAULT_FAKE_TWILIO_CATEGORIES;
  const revisions = new Map<string, Partial<FakeUsageRecord>>();
  const fromMs = Date.parse(`${options.from}T00:00:00Z`);
  const toMs = Date.parse(`${options.to}T00:00:00Z`);

  const generate = (account: string, dayMs: number): FakeUsageRecord[] => {
    const r = prng(seed * 7919 + accounts.indexOf(account) * 104729 + Math.floor(dayMs / DAY_MS));
    const base: Record<string, { count: number; usage: number }> = {};
    const out: FakeUsageRecord[] = [];
    for (const category of categories) {
      const family = category.split('-')[0]!;
      let count = 0;
      let usage = 0;
      let price = new Dec(0);
      if (category === 'phonenumbers') {
        // listed every day, no usage in this fake
      } else if (category === 'totalprice') {
        price = out.filter((o) => !o.category.includes('-')).reduce((s, o) => s.plus(o.price), new Dec(0));
        usage = price.toNumber();
      } else if (category.includes('-') && base[family]) {
        count = Math.floor(base[family].count / 2);
        usage = Math.floor(base[family].usage / 2);
        price = new Dec(usage).times(RATES[family] ?? '0.0025');
      } else {
        count = r.int(0, 30);
        usage = family === 'calls' ? count * r.int(1, 4) : count;
        price = new Dec(usage).times(RATES[family] ?? '0.0025');
        base[family] = { count, usage };
      }
      const day = isoDate(dayMs);
      const rec: FakeUsageRecord = {
        account_sid: account,
        category,
        start_date: day,
        count: String(count),
        usage: String(usage),
        price: decText(price),
        price_unit: 'usd',
        usage_unit: family === 'calls' ? 'minutes' : family === 'sms' ? 'segments' : category === 'totalprice' ? 'usd' : 'numbers',
      };
      out.push({ ...rec, ...revisions.get(`${account}|${category}|${day}`) });
    }
    return out;
  };

  const records = (account: string, from = options.from, to = options.to): FakeUsageRecord[] => {
    const lo = Math.max(fromMs, Date.parse(`${from}T00:00:00Z`));
    const hi = Math.min(toMs, Date.parse(`${to}T00:00:00Z`));
    const out: FakeUsageRecord[] = [];
    for (let d = lo; d <= hi; d += DAY_MS) out.push(...generate(account, d));
    return out;
  };

  const wire = (rec: FakeUsageRecord) => ({
    account_sid: rec.account_sid,
    api_version: '2010-04-01',
    as_of: '2026-10-15T00:00:00+00:00',
    category: rec.category,
    count: rec.count,
    count_unit: rec.category.startsWith('calls') ? 'calls' : rec.category.startsWith('sms') ? 'messages' : '',
    description: `Fake ${rec.category}`,
    end_date: rec.start_date,
    price: raw(rec.price),
    price_unit: rec.price_unit,
    start_date: rec.start_date,
    subresource_uris: {},
    uri: `/2010-04-01/Accounts/${rec.account_sid}/Usage/Records/Daily.json?Category=${rec.category}&StartDate=${rec.start_date}&EndDate=${rec.start_date}`,
    usage: rec.usage,
    usage_unit: rec.usage_unit,
  });

  const listPage = (req: RecordedRequest, key: string, all: unknown[]): FakeResponse => {
    const pageSize = Math.min(1000, Number(req.query.get('PageSize') ?? '50'));
    const page = Number(req.query.get('Page') ?? '0');
    const items = all.slice(page * pageSize, (page + 1) * pageSize);
    const q = (p: number) => {
      const params = new URLSearchParams(req.query);
      params.set('PageSize', String(pageSize));
      params.set('Page', String(p));
      if (p > 0) params.set('PageToken', `PA${p}`);
      else params.delete('PageToken');
      return `${req.path}?${params.toString()}`;
    };
    const hasNext = (page + 1) * pageSize < all.length;
    return {
      json: {
        [key]: items,
        end: page * pageSize + Math.max(0, items.length - 1),
        first_page_uri: q(0),
        next_page_uri: hasNext ? q(page + 1) : null,
        page,
        page_size: pageSize,
        previous_page_uri: page > 0 ? q(page - 1) : null,
        start: page * pageSize,
        uri: q(page),
      },
    };
  };

  const errorBody = (status: number) =>
    status === 401
      ? { code: 20003, message: 'Authenticate', more_info: 'https://www.twilio.com/docs/errors/20003', status: 401 }
      : status === 404
        ? { code: 20404, message: 'The requested resource was not found', more_info: 'https://www.twilio.com/docs/errors/20404', status: 404 }
        : status === 429
          ? { code: 20429, message: 'Too Many Requests', more_info: 'https://www.twilio.com/docs/errors/20429', status: 429 }
          : { code: 20500, message: 'Internal Server Error', more_info: 'https://www.twilio.com/docs/errors/20500', status };

  const server = await startFakeServer({
    errorBody,
    handle(req) {
      const expected = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
      if (header(req, 'authorization') !== expected) return { status: 401, json: errorBody(401) };
      if (req.path === '/2010-04-01/Accounts.json') {
        const all = accounts.map((sid, i) => ({
          sid,
          friendly_name: i === 0 ? 'Agency main account' : `Client ${i}`,
          owner_account_sid: accountSid,
          status: 'active',
          type: 'Full',
          uri: `/2010-04-01/Accounts/${sid}.json`,
        }));
        return listPage(req, 'accounts', all);
      }
      const one = /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})\.json$/.exec(req.path);
      if (one) {
        const i = accounts.indexOf(one[1]!);
        if (i < 0) return { status: 404, json: errorBody(404) };
        return { json: { sid: one[1], friendly_name: i === 0 ? 'Agency main account' : `Client ${i}`, status: 'active', type: 'Full' } };
      }
      const daily = /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})\/Usage\/Records\/Daily\.json$/.exec(req.path);
      if (daily) {
        const account = daily[1]!;
        if (!accounts.includes(account)) return { status: 404, json: errorBody(404) };
        const start = req.query.get('StartDate') ?? options.from;
        const end = req.query.get('EndDate') ?? options.to;
        let all = records(account, start, end);
        const category = req.query.get('Category');
        if (category) all = all.filter((r) => r.category === category);
        return listPage(req, 'usage_records', all.map(wire));
      }
      return { status: 404, json: errorBody(404) };
    },
  });

  return {
    ...server,
    accountSid,
    authToken,
    accounts,
    records,
    revise(account, category, day, patch) {
      const key = `${account}|${category}|${day}`;
      revisions.set(key, { ...revisions.get(key), ...patch });
    },
  };
}
