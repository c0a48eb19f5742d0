// A generated agency for scale work: N clients in four currencies and five zones, resale plans over four
// provider accounts with rate cards, and `days` days of usage written through UsageStore.writeBatch (rollups
// maintained as in production). Deterministic: the same options give the same workspace (except ingested_at).
//
//   node --import tsx bench/generate-agency.ts --clients 5000 --data-dir DIR [--days 45] [--end-date 2026-10-20] [--seed 7]
//
// (npx tsx works too.) Reused by bench/breakdown.bench.ts and, for the Chromium measurement of the breakdown
// table, by the renderer's bench: `generateAgency(ctx, options)` fills an open AppContext.
//
// Mix per 100 clients: 70 in the agency's zone (New York), 30 in London, Berlin, Sydney or Los Angeles; currency
// by zone (USD, GBP, EUR, AUD); ~5 without a plan, ~3 in a trial, ~2 paused, ~1 archived; ~20 over the
// plan's limit; about 1 % of events unassigned. Chat (interactions), bots (messages, seats as levels, AI tokens
// with reported costs), voice (call seconds with reported costs, phone numbers) and SMS.
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { DateTime } from 'luxon';
import type { AppContext } from '../electron/services/app-context';
import { Rng } from '../electron/services/demo/prng';
import type { NormalizedEvent } from '../electron/ingest/types';
import type { PlanDefinitionInput, RateCardInput } from '../shared/pricing';

export interface GenerateOptions {
  clients: number;
  /** days of usage ending on `endDate` (inclusive) */
  days?: number;
  /** last day of usage, YYYY-MM-DD (UTC); default 2026-10-20 */
  endDate?: string;
  seed?: number;
  /** multiplies the mean number of events per client and day (chat, bot replies, calls, SMS); default 1 */
  density?: number;
  /**
   * where each batch of up to 1,000 events of one provider account goes; returns how many were inserted and how many
   * were unassigned. Default: UsageStore.writeBatch (rollups maintained as in production). The scale bench passes a
   * collector so the same events can be written twice, by Meterbook and by a raw insert loop.
   */
  write?: (providerAccountId: number, events: NormalizedEvent[]) => { inserted: number; unassigned: number };
}

export interface GeneratedAgency {
  clients: number;
  plans: number;
  providerAccounts: number;
  events: number;
  unassignedEvents: number;
  from: string;
  to: string;
  ms: number;
}

const AGENCY_ZONE = 'America/New_York';
const REGIONS = [
  { zone: null, currency: 'USD', weight: 70 },
  { zone: 'Europe/London', currency: 'GBP', weight: 8 },
  { zone: 'Europe/Berlin', currency: 'EUR', weight: 8 },
  { zone: 'Australia/Sydney', currency: 'AUD', weight: 7 },
  { zone: 'America/Los_Angeles', currency: 'USD', weight: 7 },
] as const;
/** units per 1 USD */
const RATES: Record<string, string> = { GBP: '0.79', EUR: '0.92', AUD: '1.52' };

const ACCOUNTS: Array<{ key: string; name: string; card: RateCardInput }> = [
  { key: 'chat', name: 'AgentClara Pro', card: { currency: 'USD', charges: [{ metricKey: 'interactions', model: { type: 'per_unit', unitPrice: '0.35' } }] } },
  {
    key: 'bots',
    name: 'CloseBot Agency',
    card: {
      currency: 'USD',
      charges: [
        { metricKey: 'messages', model: { type: 'per_unit', unitPrice: '0.006' } },
        { metricKey: 'seats', model: { type: 'per_unit', unitPrice: '0.0069' } },
        { metricKey: 'ai_tokens', model: { type: 'reported' } },
      ],
    },
  },
  {
    key: 'voice',
    name: 'Vapi Voice Agents',
    card: {
      currency: 'USD',
      charges: [
        { metricKey: 'call_seconds', model: { type: 'per_unit', unitPrice: '0.0012' } },
        { metricKey: 'phone_numbers', model: { type: 'per_unit', unitPrice: '2.00' } },
      ],
    },
  },
  { key: 'sms', name: 'Twilio Messaging', card: { currency: 'USD', charges: [{ metricKey: 'sms', model: { type: 'per_unit', unitPrice: '0.0079' } }] } },
];

type Kind = 'chat' | 'bots' | 'voice' | 'full';
const KINDS: readonly Kind[] = ['chat', 'bots', 'voice', 'full'];
const USES: Record<Kind, readonly string[]> = { chat: ['chat'], bots: ['bots'], voice: ['voice', 'sms'], full: ['chat', 'bots', 'voice', 'sms'] };

/** A plan per kind and currency; prices scale with the currency's rate. */
function planFor(kind: Kind, currency: string): PlanDefinitionInput {
  const fx = Number(currency === 'USD' ? '1' : RATES[currency]!);
  const m = (usd: number, digits = 2) => (usd * fx).toFixed(digits);
  const chat = { metricKey: 'interactions', model: { type: 'allowance', included: '1000', overageUnitPrice: m(0.49) } } as const;
  const bots = [
    { metricKey: 'messages', model: { type: 'per_unit', unitPrice: m(0.02, 4) } },
    { metricKey: 'seats', model: { type: 'per_unit', unitPrice: m(25) }, unitDivisor: { by: 'period', rounding: 'exact', unit: 'seat-month' } },
    { metricKey: 'ai_tokens', model: { type: 'cost_multiplier', multiplier: '1.3' } },
  ] as const;
  const voice = [
    { metricKey: 'call_seconds', model: { type: 'per_unit', unitPrice: m(0.18) }, unitDivisor: { by: '60', rounding: 'up', unit: 'minute' } },
    { metricKey: 'phone_numbers', model: { type: 'per_unit', unitPrice: m(5) } },
    { metricKey: 'sms', model: { type: 'per_unit', unitPrice: m(0.03, 4) } },
  ] as const;
  const charges = { chat: [chat], bots: [...bots], voice: [...voice], full: [chat, ...bots, ...voice] }[kind];
  const base = { chat: 450, bots: 190, voice: 240, full: 890 }[kind];
  return {
    name: `${kind[0]!.toUpperCase()}${kind.slice(1)} (${currency})`,
    currency,
    interval: 'month',
    baseFee: m(base),
    charges: charges as PlanDefinitionInput['charges'],
    ...(kind === 'chat' || kind === 'full' ? { limits: { interactions: '2000' } } : {}),
  };
}

const must = <T>(r: { ok: true; data: T } | { ok: false; error: { message: string } }, what: string): T => {
  if (!r.ok) throw new Error(`${what}: ${r.error.message}`);
  return r.data;
};

/** Fills an empty workspace. */
export async function generateAgency(ctx: AppContext, options: GenerateOptions): Promise<GeneratedAgency> {
  const t0 = performance.now();
  const seed = options.seed ?? 7;
  const days = options.days ?? 45;
  const end = DateTime.fromISO(options.endDate ?? '2026-10-20', { zone: 'utc' });
  const from = end.minus({ days: days - 1 });
  const fromMs = from.toMillis();
  const raw = ctx.ledger.raw;
  const d = ctx.dispatch;

  must(await d('agency.save', { name: 'Generated Agency', currency: 'USD', timeZone: AGENCY_ZONE, locale: 'en-US' }), 'agency');
  for (const [currency, rate] of Object.entries(RATES)) must(await d('exchangeRates.set', { from: 'USD', to: currency, rate }), 'exchange rate');
  const accountIds = new Map<string, number>();
  for (const a of ACCOUNTS) {
    const p = must(await d('providers.create', { kind: 'file', name: a.name, currency: 'USD', syncEnabled: false }), 'provider');
    must(await d('providers.setRateCard', { id: p.id, rateCard: a.card as Record<string, unknown> }), 'rate card');
    accountIds.set(a.key, p.id);
  }
  const plans = new Map<string, number>();
  for (const currency of ['USD', 'GBP', 'EUR', 'AUD']) {
    for (const kind of KINDS) {
      const plan = must(await d('plans.create', { definition: planFor(kind, currency) as Record<string, unknown> }), 'plan');
      plans.set(`${kind}|${currency}`, plan.latest.id);
    }
  }

  // clients, subscriptions, pauses and trials in one transaction (raw rows, like the demo writer)
  const now = new Date(end.toMillis()).toISOString();
  const rng = Rng.derive(seed, 'clients');
  interface Gen {
    id: number;
    kind: Kind;
    size: number;
    zone: string;
    pausedFrom: number | null;
  }
  const gens: Gen[] = [];
  const insertClient = raw.prepare(
    `insert into clients (name, name_key, currency, time_zone, status, archived_at, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertSub = raw.prepare(
    `insert into subscriptions (client_id, plan_version_id, start_date, end_date, status, trial_end, trial_free_units, trial_bill_beyond, created_at, updated_at)
     values (?, ?, ?, null, ?, ?, ?, ?, ?, ?)`,
  );
  const insertPause = raw.prepare(`insert into pauses (client_id, start_date, end_date, reason, created_at, updated_at) values (?, ?, null, 'generated', ?, ?)`);
  const insertMapping = raw.prepare(`insert into client_mappings (provider_account_id, external_kind, external_id, client_id, created_at) values (?, 'client', ?, ?, ?)`);
  raw.transaction(() => {
    for (let i = 1; i <= options.clients; i++) {
      const region = REGIONS[rng.weighted(REGIONS.map((r) => r.weight))]!;
      const kind = KINDS[rng.weighted([40, 25, 20, 15])]!;
      const roll = rng.next();
      const status = roll < 0.03 ? 'trial' : roll < 0.05 ? 'paused' : 'active';
      const archived = rng.chance(0.01);
      const name = `Client ${String(i).padStart(5, '0')} ${rng.pick(['Dental', 'Legal', 'Realty', 'Clinic', 'Logistics', 'Studio', 'Wellness', 'Motors'])}`;
      const id = Number(insertClient.run(name, name.toLowerCase(), region.currency, region.zone, status, archived ? now : null, from.toISO(), now).lastInsertRowid);
      const zone = region.zone ?? AGENCY_ZONE;
      const start = from.minus({ days: 30 }).toISODate()!;
      let pausedFrom: number | null = null;
      if (!rng.chance(0.05)) {
        const version = plans.get(`${kind}|${region.currency}`)!;
        if (status === 'trial') {
          const trialStart = end.minus({ days: 20 }).toISODate()!;
          insertSub.run(id, version, trialStart, 'trial', end.plus({ days: 10 }).toISODate()!, JSON.stringify({ interactions: '500' }), 1, now, now);
        } else insertSub.run(id, version, start, 'active', null, null, null, now, now);
      }
      if (status === 'paused') {
        const day = end.minus({ days: 10 });
        insertPause.run(id, day.toISODate()!, now, now);
        pausedFrom = DateTime.fromISO(day.toISODate()!, { zone }).toMillis();
      }
      for (const use of USES[kind]) insertMapping.run(accountIds.get(use)!, `c${id}`, id, now);
      // sizes: a long tail, ~20 % above the 2,000-interaction limit
      gens.push({ id, kind, size: Math.min(8, rng.logNormal(1, 0.7)), zone, pausedFrom });
    }
  })();

  // usage: per client and day, a few events per metric, written per account in batches of 1,000
  const store = ctx.store;
  const write =
    options.write ??
    ((providerAccountId: number, list: NormalizedEvent[]) => {
      const r = store.writeBatch({ providerAccountId, events: list, unknownClient: 'unassigned', source: 'import', now: new Date() });
      if (r.rejected.length > 0) throw new Error(`rejected: ${r.rejected[0]!.reason}`);
      return r;
    });
  const density = options.density ?? 1;
  const batches = new Map<string, NormalizedEvent[]>();
  let events = 0;
  let unassigned = 0;
  const flush = (account: string, force = false) => {
    const list = batches.get(account) ?? [];
    if (list.length === 0 || (!force && list.length < 1000)) return;
    const r = write(accountIds.get(account)!, list);
    events += r.inserted;
    unassigned += r.unassigned;
    batches.set(account, []);
  };
  const push = (account: string, e: NormalizedEvent) => {
    const list = batches.get(account) ?? [];
    list.push(e);
    batches.set(account, list);
    flush(account);
  };
  const usage = Rng.derive(seed, 'usage');
  let seq = 0;
  for (let day = 0; day < days; day++) {
    const dayMs = fromMs + day * 86_400_000;
    for (const g of gens) {
      if (g.pausedFrom !== null && dayMs >= g.pausedFrom) continue;
      const key = usage.chance(0.01) ? 'unmapped:prospect' : `client:c${g.id}`;
      const at = () => dayMs + usage.int(0, 86_399) * 1000;
      const ev = (account: string, metricKey: string, quantity: number, cost: string | null = null, attrs: Record<string, unknown> | null = null, occurredAt = at()) =>
        push(account, { externalId: `g${++seq}`, clientKey: key, metricKey, quantity, occurredAt, cost, attrs });
      const uses = USES[g.kind];
      if (uses.includes('chat')) for (let n = usage.poisson(1.5 * g.size * density); n > 0; n--) ev('chat', 'interactions', usage.int(6, 50));
      if (uses.includes('bots')) {
        for (let n = usage.poisson(g.size * density); n > 0; n--) {
          const replies = usage.int(4, 40);
          ev('bots', 'messages', replies);
          ev('bots', 'ai_tokens', replies * usage.int(300, 900), `0.00${usage.int(100, 999)}`);
        }
        // seats: a level on the first day, sometimes a change
        if (day === 0 || usage.chance(0.03)) ev('bots', 'seats', 1 + Math.round(g.size * 2), null, { kind: 'level' }, dayMs + 9 * 3_600_000);
      }
      if (uses.includes('voice')) {
        for (let n = usage.poisson(g.size * density); n > 0; n--) {
          const seconds = usage.int(20, 600);
          ev('voice', 'call_seconds', seconds, usage.chance(0.8) ? (seconds * 0.0011).toFixed(4) : null);
        }
        ev('voice', 'phone_numbers', 1, null, { phoneNumber: `+1555${String(g.id).padStart(7, '0')}` }, dayMs);
      }
      if (uses.includes('sms')) for (let n = usage.poisson(g.size * density); n > 0; n--) ev('sms', 'sms', usage.int(2, 6), '0.0079');
    }
  }
  for (const account of batches.keys()) flush(account, true);

  return {
    clients: options.clients,
    plans: plans.size,
    providerAccounts: accountIds.size,
    events,
    unassignedEvents: unassigned,
    from: from.toISODate()!,
    to: end.toISODate()!,
    ms: Math.round(performance.now() - t0),
  };
}

async function main(argv: string[]): Promise<void> {
  const arg = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const dataDir = arg('data-dir');
  if (!dataDir) throw new Error('Usage: node --import tsx bench/generate-agency.ts --clients 5000 --data-dir DIR [--days 45] [--end-date 2026-10-20] [--seed 7]');
  if (fs.existsSync(dataDir) && fs.readdirSync(dataDir).length > 0) throw new Error(`${dataDir} is not empty: give a new folder.`);
  const { openAppContext } = await import('../electron/services/app-context');
  const { fixedClock } = await import('../electron/services/clock');
  const { silentLogger } = await import('../electron/services/logger');
  const endDate = arg('end-date') ?? '2026-10-20';
  const ctx = await openAppContext({ dataDir, mode: 'cli', clock: fixedClock(`${endDate}T12:00:00.000Z`), logger: silentLogger });
  try {
    const r = await generateAgency(ctx, { clients: Number(arg('clients') ?? 5000), days: Number(arg('days') ?? 45), endDate, seed: Number(arg('seed') ?? 7) });
    console.log(JSON.stringify({ dataDir, ...r }));
  } finally {
    await ctx.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  });
}
