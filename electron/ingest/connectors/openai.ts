// Runs in main. OpenAI organization usage and costs connector (admin key): daily tokens and provider cost
// per project.
//
// Written from:
//   https://platform.openai.com/docs/api-reference/usage/completions  (GET /v1/organization/usage/completions:
//        start_time (Unix s, inclusive), end_time (exclusive), bucket_width 1d, group_by, limit (1d: max 31),
//        page = previous next_page; response {object:"page", data:[{start_time, end_time, results:[…]}],
//        has_more, next_page}; result fields input_tokens, output_tokens, input_cached_tokens,
//        input_audio_tokens, output_audio_tokens, num_model_requests, project_id)
//   https://platform.openai.com/docs/api-reference/usage/costs        (GET /v1/organization/costs: bucket_width 1d
//        only, group_by project_id|line_item, limit max 180; result amount {value, currency "usd"}, project_id)
//   https://platform.openai.com/docs/api-reference/administration     (admin keys, Bearer auth)
//
// Choices where the docs leave room:
// - One event per (day, project): metric ai_tokens, quantity = input + output tokens (+ audio input/output
//   tokens, which the docs list separately); cached input tokens are part of input_tokens and only reported in
//   attrs. The provider cost is that project's Costs-API amount for the same day, summed over line items, so the
//   ledger sees usage and cost together (a project with cost but no completions usage, e.g. images only, gets
//   an event with quantity 0 and its cost). No Costs result for a (day, project) = cost null (rate card).
// - Arrays are sent as repeated keys (group_by=project_id), as the official cookbook's requests calls do.
// - Buckets are revisable: externalId = <project>|<YYYY-MM-DD>, replaceable; each sync re-reads today and the
//   previous `reviseDays` days. Usage without a project gets clientKey null (unassigned), id "(none)".
// - A page = one usage page (bucketsPerPage days) plus the Costs pages for exactly those days, fetched before
//   anything is returned, so a failure on either leaves the whole page unsaved.
import { z } from 'zod';
import { Dec, decText } from '../../../shared/money/decimal';
import { ConnectorError } from '../http/connector-error';
import { requestJson, type JsonResponse } from '../http/request-json';
import type { NormalizedEvent, RejectedRecord } from '../types';
import type { Connector, ConnectorContext, Page } from './connector';
import { baseUrlSchema, decodeCursor, encodeCursor, isoDay, readConfig, requireCredential, testWith, utcDayStart } from './connector-support';
import { currencyCode, decimalText, isRecord, shownValue } from './record-values';

const PROVIDER = 'OpenAI';
const AUTH_HINT = 'check the admin key (an organization Admin API key, not a project key)';
const DAY_S = 86_400;

export const openaiConfigSchema = z.object({
  baseUrl: baseUrlSchema('https://api.openai.com'),
  backfillDays: z.number().int().min(1).max(3650).default(90),
  reviseDays: z.number().int().min(0).max(31).default(2),
  /** days per page (the usage API's limit for 1d buckets is 31) */
  bucketsPerPage: z.number().int().min(1).max(31).default(7),
  /** join the Costs API so events carry OpenAI's own cost */
  includeCosts: z.boolean().default(true),
  metricKey: z.string().min(1).default('ai_tokens'),
});
export type OpenAIConfig = z.infer<typeof openaiConfigSchema>;

/** Cursor: the Unix-second window [start, end) (end fixed when a sync starts) and the usage API's next_page. */
const OpenAICursor = z.object({
  v: z.literal(1),
  start: z.number().int(),
  end: z.number().int().nullable(),
  page: z.string().nullable(),
  n: z.number().int().min(0),
});
type OpenAICursor = z.infer<typeof OpenAICursor>;

const TOKEN_FIELDS = ['input_tokens', 'output_tokens', 'input_audio_tokens', 'output_audio_tokens'] as const;

function headers(ctx: ConnectorContext) {
  const key = requireCredential(PROVIDER, ctx, 'adminKey', 'admin API key');
  return { Authorization: `Bearer ${key}`, Accept: 'application/json' };
}

function badShape(what: string, detail: string): ConnectorError {
  return new ConnectorError('bad_response', `OpenAI answered ${what} without ${detail}; nothing from that page was saved. The sync will retry it.`);
}

interface Bucket {
  start: number;
  end: number;
  results: unknown[];
}

function readBuckets(res: JsonResponse, what: string): { buckets: Bucket[]; next: string | null } {
  const b = res.body;
  if (!isRecord(b) || !Array.isArray(b['data'])) throw badShape(what, 'a "data" list of buckets');
  const buckets = b['data'].map((x): Bucket => {
    if (!isRecord(x) || typeof x['start_time'] !== 'number' || typeof x['end_time'] !== 'number' || !Array.isArray(x['results'])) {
      throw badShape(what, 'start_time, end_time and results in every bucket');
    }
    return { start: x['start_time'], end: x['end_time'], results: x['results'] };
  });
  const next = b['has_more'] === true && typeof b['next_page'] === 'string' && b['next_page'] !== '' ? b['next_page'] : null;
  return { buckets, next };
}

interface Usage {
  position: number;
  tokens: number;
  attrs: Record<string, unknown>;
}
interface Cost {
  amount: Dec;
  currency: string | null;
}

async function fetchCosts(
  ctx: ConnectorContext,
  cfg: OpenAIConfig,
  start: number,
  end: number,
  days: number,
  what: string,
  rejected: RejectedRecord[],
): Promise<Map<string, Cost>> {
  const costs = new Map<string, Cost>();
  let page: string | null = null;
  for (let i = 0; i < 100; i++) {
    const params = new URLSearchParams({ start_time: String(start), end_time: String(end), bucket_width: '1d', group_by: 'project_id', limit: String(Math.min(180, days)) });
    if (page) params.set('page', page);
    const res = await requestJson(ctx, `${cfg.baseUrl}/v1/organization/costs?${params.toString()}`, { headers: headers(ctx) }, { provider: PROVIDER, what: `${what} (costs)`, authHint: AUTH_HINT });
    const { buckets, next } = readBuckets(res, `${what} (costs)`);
    for (const bucket of buckets) {
      bucket.results.forEach((r, index) => {
        const position = index + 1;
        if (!isRecord(r) || !isRecord(r['amount'])) {
          rejected.push({ position, reason: `A costs result of ${isoDay(bucket.start * 1000)} has no amount.` });
          return;
        }
        const amount = r['amount'];
        const text = decimalText(amount['value'], res.numberText(amount, 'value'));
        const project = typeof r['project_id'] === 'string' ? r['project_id'] : null;
        const key = `${project ?? ''}|${bucket.start}`;
        if (text === null) {
          rejected.push({ position, externalId: idFor(project, bucket.start), reason: `The cost "${shownValue(amount['value'])}" of ${isoDay(bucket.start * 1000)} is not a number.` });
          return;
        }
        const currency = currencyCode(amount['currency']);
        const prev = costs.get(key);
        if (prev && prev.currency !== currency) {
          rejected.push({ position, externalId: idFor(project, bucket.start), reason: `Costs of ${isoDay(bucket.start * 1000)} mix ${prev.currency} and ${currency}; only the first currency was kept.` });
          return;
        }
        costs.set(key, { amount: (prev?.amount ?? new Dec(0)).plus(text), currency });
      });
    }
    if (!next) return costs;
    page = next;
  }
  throw new ConnectorError('bad_response', `OpenAI kept returning more cost pages for ${what}; the sync stopped to avoid a loop and will retry it.`);
}

function idFor(project: string | null, bucketStart: number): string {
  return `${project ?? '(none)'}|${isoDay(bucketStart * 1000)}`;
}

async function fetchPage(ctx: ConnectorContext, cursorText: string | null): Promise<Page> {
  const cfg = readConfig(PROVIDER, openaiConfigSchema, ctx.config);
  const today = utcDayStart(ctx.now().getTime()) / 1000;
  let c: OpenAICursor =
    cursorText === null ? { v: 1, start: today - cfg.backfillDays * DAY_S, end: null, page: null, n: 0 } : decodeCursor(PROVIDER, OpenAICursor, cursorText);
  if (c.end === null) c = { ...c, end: today + DAY_S };
  const end = c.end!;
  const n = c.n + 1;
  const what = `page ${n}`;
  const resume = (): string => encodeCursor({ v: 1, start: end - (1 + cfg.reviseDays) * DAY_S, end: null, page: null, n: 0 });

  const params = new URLSearchParams({ start_time: String(c.start), end_time: String(end), bucket_width: '1d', group_by: 'project_id', limit: String(cfg.bucketsPerPage) });
  if (c.page) params.set('page', c.page);
  const res = await requestJson(ctx, `${cfg.baseUrl}/v1/organization/usage/completions?${params.toString()}`, { headers: headers(ctx) }, { provider: PROVIDER, what, authHint: AUTH_HINT });
  const { buckets, next } = readBuckets(res, what);

  const rejected: RejectedRecord[] = [];
  const usage = new Map<string, Usage>();
  let fetched = 0;
  let position = 0;
  for (const bucket of buckets) {
    for (const r of bucket.results) {
      position++;
      fetched++;
      if (!isRecord(r)) {
        rejected.push({ position, reason: 'A usage result is not a JSON object.' });
        continue;
      }
      const project = typeof r['project_id'] === 'string' ? r['project_id'] : null;
      let tokens = 0;
      let bad: string | null = null;
      for (const field of TOKEN_FIELDS) {
        const v = r[field];
        if (v === undefined || v === null) {
          if (field === 'input_tokens' || field === 'output_tokens') bad = `The usage result has no ${field}.`;
          continue;
        }
        if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) bad = `The usage result's ${field} "${shownValue(v)}" is not a whole number of tokens.`;
        else tokens += v;
      }
      if (bad) {
        rejected.push({ position, externalId: idFor(project, bucket.start), reason: bad });
        continue;
      }
      const key = `${project ?? ''}|${bucket.start}`;
      const prev = usage.get(key);
      usage.set(key, {
        position,
        tokens: (prev?.tokens ?? 0) + tokens,
        attrs: {
          inputTokens: r['input_tokens'],
          outputTokens: r['output_tokens'],
          cachedInputTokens: r['input_cached_tokens'] ?? null,
          requests: r['num_model_requests'] ?? null,
        },
      });
    }
  }

  let costs = new Map<string, Cost>();
  if (cfg.includeCosts && buckets.length > 0) {
    const from = Math.min(...buckets.map((b) => b.start));
    const to = Math.max(...buckets.map((b) => b.end));
    costs = await fetchCosts(ctx, cfg, from, to, buckets.length, what, rejected);
    fetched += costs.size;
  }

  const events: NormalizedEvent[] = [];
  for (const bucket of buckets) {
    const keys = new Set<string>();
    for (const key of [...usage.keys(), ...costs.keys()]) if (key.endsWith(`|${bucket.start}`)) keys.add(key);
    for (const key of [...keys].sort()) {
      const project = key.slice(0, key.lastIndexOf('|')) || null;
      const u = usage.get(key);
      const cost = costs.get(key);
      events.push({
        externalId: idFor(project, bucket.start),
        clientKey: project ? `project:${project}` : null,
        metricKey: cfg.metricKey,
        quantity: u?.tokens ?? 0,
        occurredAt: bucket.start * 1000,
        cost: cost ? decText(cost.amount) : null,
        costCurrency: cost?.currency ?? null,
        attrs: { ...(u?.attrs ?? { inputTokens: 0, outputTokens: 0, cachedInputTokens: null, requests: null }), bucketEnd: bucket.end * 1000 },
        replaceable: true,
      });
    }
  }

  const nextCursor = next ? encodeCursor({ ...c, end, page: next, n }) : null;
  return { events, rejected, nextCursor, resumeCursor: nextCursor ?? resume(), fetched };
}

export const openaiConnector: Connector = {
  kind: 'openai',
  label: 'OpenAI',
  docsUrl: 'https://platform.openai.com/docs/api-reference/usage',
  credentialFields: [
    {
      key: 'adminKey',
      label: 'Admin API key',
      secret: true,
      help: 'An organization Admin key (sk-admin-…), created by an Owner under Organization settings > Admin keys. Project keys cannot read usage.',
    },
  ],
  configSchema: openaiConfigSchema,
  fetchPage,
  testConnection: (ctx) =>
    testWith(PROVIDER, async () => {
      const cfg = readConfig(PROVIDER, openaiConfigSchema, ctx.config);
      const today = utcDayStart(ctx.now().getTime()) / 1000;
      const params = new URLSearchParams({ start_time: String(today - DAY_S), bucket_width: '1d', limit: '1' });
      await requestJson(ctx, `${cfg.baseUrl}/v1/organization/costs?${params.toString()}`, { headers: headers(ctx) }, { provider: PROVIDER, what: 'the connection check', authHint: AUTH_HINT });
      return 'Connected to the OpenAI organization: the admin key can read usage and costs.';
    }),
};
