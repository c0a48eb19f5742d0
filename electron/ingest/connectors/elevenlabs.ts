// Runs in main. ElevenLabs character usage connector: characters per API key per day.
//
// Written from:
//   https://elevenlabs.io/docs/api-reference/usage/get  (GET https://api.elevenlabs.io/v1/usage/character-stats,
//        header xi-api-key; query start_unix and end_unix in epoch MILLISECONDS ("to include the first day, 00:00:00
//        of that day"; "to include the last day, 23:59:59 of that day"), include_workspace_metrics,
//        breakdown_type (none, voice, user, api_keys, all_api_keys, ...; api keys require
//        include_workspace_metrics=true), aggregation_interval (hour, day, week, month, cumulative), metric
//        (default "credits"; we ask for "tts_characters"). Response {time: [epoch ms...], usage: {<breakdown
//        value>: [number per time bucket]}}.)
//   The page marks the endpoint deprecated in favour of /v1/workspace/analytics/query/usage-by-product-over-time;
//   it still serves the documented shape. Switching is a change to this one file.
//
// Choices where the docs leave room:
// - Windows are whole UTC days (start 00:00:00.000, end 23:59:59.999) of `windowDays` per request; a page is one
//   window. Buckets are daily; the breakdown value (the API key's name as ElevenLabs reports it) is the client:
//   clientKey api_key:<name>.
// - One event per key per day with a non-zero value (zero cells are gaps in a grid, not records); externalId
//   <key>|<bucket ISO time>, replaceable; each sync re-reads today and the previous `reviseDays` days.
// - Characters are integers; a fractional value is rounded up. Cost is null (priced from the rate card:
//   character-stats has no money).
import { z } from 'zod';
import { ConnectorError } from '../http/connector-error';
import { requestJson } from '../http/request-json';
import type { NormalizedEvent, RejectedRecord } from '../types';
import type { Connector, ConnectorContext, Page } from './connector';
import { baseUrlSchema, DAY_MS, decodeCursor, encodeCursor, readConfig, requireCredential, testWith, utcDayStart } from './connector-support';
import { ceilQuantity, decimalText, isRecord, shownValue } from './record-values';

const PROVIDER = 'ElevenLabs';
const AUTH_HINT = 'check the ElevenLabs API key (it needs access to usage, and workspace admin rights for a per-key breakdown)';

export const elevenLabsConfigSchema = z.object({
  baseUrl: baseUrlSchema('https://api.elevenlabs.io'),
  backfillDays: z.number().int().min(1).max(3650).default(90),
  reviseDays: z.number().int().min(0).max(31).default(2),
  windowDays: z.number().int().min(1).max(92).default(30),
  /** api_keys: keys of the connected user; all_api_keys: every key of the workspace */
  breakdown: z.enum(['api_keys', 'all_api_keys']).default('api_keys'),
  metricKey: z.string().min(1).default('characters'),
});
export type ElevenLabsConfig = z.infer<typeof elevenLabsConfigSchema>;

/** Cursor: [from, to) in epoch ms at UTC midnights; `to` (exclusive, the midnight after today) fixed per sync. */
const ElevenLabsCursor = z.object({
  v: z.literal(1),
  from: z.number().int(),
  to: z.number().int().nullable(),
  n: z.number().int().min(0),
});

function headers(ctx: ConnectorContext) {
  return { 'xi-api-key': requireCredential(PROVIDER, ctx, 'apiKey', 'API key'), Accept: 'application/json' };
}

function query(cfg: ElevenLabsConfig, from: number, end: number): string {
  return new URLSearchParams({
    start_unix: String(from),
    end_unix: String(end - 1),
    include_workspace_metrics: 'true',
    breakdown_type: cfg.breakdown,
    aggregation_interval: 'day',
    metric: 'tts_characters',
  }).toString();
}

async function fetchPage(ctx: ConnectorContext, cursorText: string | null): Promise<Page> {
  const cfg = readConfig(PROVIDER, elevenLabsConfigSchema, ctx.config);
  const today = utcDayStart(ctx.now().getTime());
  let c = cursorText === null ? { v: 1 as const, from: today - cfg.backfillDays * DAY_MS, to: null as number | null, n: 0 } : decodeCursor(PROVIDER, ElevenLabsCursor, cursorText);
  if (c.to === null) c = { ...c, to: today + DAY_MS };
  const to = c.to!;
  const n = c.n + 1;
  const what = `page ${n}`;
  const windowEnd = Math.min(c.from + cfg.windowDays * DAY_MS, to);

  const res = await requestJson(ctx, `${cfg.baseUrl}/v1/usage/character-stats?${query(cfg, c.from, windowEnd)}`, { headers: headers(ctx) }, { provider: PROVIDER, what, authHint: AUTH_HINT });
  const b = res.body;
  if (!isRecord(b) || !Array.isArray(b['time']) || !isRecord(b['usage']) || !b['time'].every((t) => typeof t === 'number' && Number.isFinite(t))) {
    throw new ConnectorError('bad_response', `ElevenLabs answered ${what} without a "time" axis and a "usage" breakdown; nothing from that page was saved. The sync will retry it.`);
  }
  const notATime = (b['time'] as number[]).find((t) => Number.isNaN(new Date(t).getTime()));
  if (notATime !== undefined) {
    throw new ConnectorError('bad_response', `ElevenLabs answered ${what} with ${notATime} on its "time" axis, which is not a time in milliseconds; nothing from that page was saved. The sync will retry it.`);
  }
  const time = b['time'] as number[];
  const events: NormalizedEvent[] = [];
  const rejected: RejectedRecord[] = [];
  let fetched = 0;
  let position = 0;
  for (const [key, series] of Object.entries(b['usage'])) {
    if (!Array.isArray(series) || series.length !== time.length) {
      position++;
      rejected.push({ position, reason: `The usage series of API key "${key}" has ${Array.isArray(series) ? series.length : 'no'} values for ${time.length} days; it was not imported.` });
      continue;
    }
    series.forEach((value, i) => {
      position++;
      fetched++;
      const at = time[i]!;
      const externalId = `${key}|${new Date(at).toISOString()}`;
      const text = decimalText(value, res.numberText(series, i));
      if (text === null) {
        rejected.push({ position, externalId, reason: `The character count "${shownValue(value)}" of API key "${key}" is not a number.` });
        return;
      }
      const quantity = ceilQuantity(text);
      if (quantity === null) {
        rejected.push({ position, externalId, reason: `The character count ${text} of API key "${key}" is negative.` });
        return;
      }
      if (quantity === 0) return;
      events.push({ externalId, clientKey: `api_key:${key}`, metricKey: cfg.metricKey, quantity, occurredAt: at, cost: null, costCurrency: null, replaceable: true });
    });
  }
  events.sort((x, y) => x.occurredAt - y.occurredAt || x.externalId.localeCompare(y.externalId));

  if (windowEnd < to) {
    const next = encodeCursor({ ...c, from: windowEnd, to, n });
    return { events, rejected, nextCursor: next, resumeCursor: next, fetched };
  }
  const resume = encodeCursor({ v: 1, from: to - (1 + cfg.reviseDays) * DAY_MS, to: null, n: 0 });
  return { events, rejected, nextCursor: null, resumeCursor: resume, fetched };
}

export const elevenLabsConnector: Connector = {
  kind: 'elevenlabs',
  label: 'ElevenLabs',
  docsUrl: 'https://elevenlabs.io/docs/api-reference/usage/get',
  credentialFields: [
    {
      key: 'apiKey',
      label: 'API key',
      secret: true,
      help: 'ElevenLabs > Developers > API Keys. Use a key of a workspace admin so usage can be broken down per API key.',
    },
  ],
  configSchema: elevenLabsConfigSchema,
  fetchPage,
  testConnection: (ctx) =>
    testWith(PROVIDER, async () => {
      const cfg = readConfig(PROVIDER, elevenLabsConfigSchema, ctx.config);
      const today = utcDayStart(ctx.now().getTime());
      const res = await requestJson(ctx, `${cfg.baseUrl}/v1/usage/character-stats?${query(cfg, today, today + DAY_MS)}`, { headers: headers(ctx) }, { provider: PROVIDER, what: 'the connection check', authHint: AUTH_HINT });
      const keys = isRecord(res.body) && isRecord(res.body['usage']) ? Object.keys(res.body['usage']).length : 0;
      return `Connected to ElevenLabs: usage is readable per API key (${keys} key${keys === 1 ? '' : 's'} with usage today).`;
    }),
};
