// Runs in main. Retell AI calls connector (List Calls v3): one usage event per finished call, with Retell's cost.
//
// Written from:
//   https://docs.retellai.com/api-references/list-calls  (POST https://api.retellai.com/v3/list-calls, Bearer API
//        key; JSON body {filter_criteria, sort_order: ascending|descending by start_timestamp, limit (default 50,
//        max 1000), pagination_key}; response {items: [...], pagination_key, has_more}; the v3 items omit
//        transcripts. Filters: start_timestamp {type:"range", op:"bt", value:[lower, upper]} in epoch ms.)
//   https://docs.retellai.com/api-references/get-call    (call fields: call_id, agent_id, agent_version,
//        call_status registered|not_connected|ongoing|ended|error, start_timestamp, end_timestamp, duration_ms,
//        metadata, call_cost {combined_cost: "Combined cost of all individual costs in cents", product_costs})
//   The deprecated GET /list-calls and POST /v2/list-calls return a bare array; v3 is the documented successor.
//
// Choices where the docs leave room:
// - A sync reads calls whose start_timestamp is in [from, to] (both bounds inclusive, as "between" reads), oldest
//   first, following pagination_key; `to` = now - settleMinutes, fixed for the sync; the next sync starts at to+1.
// - Money: combined_cost is in cents -> dollars = exact decimal(JSON text) / 100 (12.5 cents -> "0.125"). Retell
//   bills in USD.
// - quantity: call_seconds = ceil(duration_ms / 1000) (else from end - start; 0 for calls never connected).
// - clientKey: metadata:<value> of the configured metadata field when the call has it, else agent:<agent_id>.
// - Calls still registered/ongoing are not booked; the next sync starts again at the oldest of them (re-read
//   calls are ignored by externalId). One still open after maxCallHours is rejected with a reason.
import { z } from 'zod';
import { Dec, decText } from '../../../shared/money/decimal';
import { ConnectorError } from '../http/connector-error';
import { requestJson } from '../http/request-json';
import type { NormalizedEvent, RejectedRecord } from '../types';
import { CallMetric, callQuantity } from './call-metric';
import type { Connector, ConnectorContext, Page } from './connector';
import { baseUrlSchema, DAY_MS, decodeCursor, encodeCursor, readConfig, requireCredential, testWith, utcDayStart } from './connector-support';
import { decimalText, idText, isRecord, secondsFromMs, shownValue } from './record-values';

const PROVIDER = 'Retell';
const AUTH_HINT = 'check the Retell API key';
const OPEN = new Set(['registered', 'ongoing']);

export const retellConfigSchema = z.object({
  baseUrl: baseUrlSchema('https://api.retellai.com'),
  backfillDays: z.number().int().min(1).max(3650).default(90),
  pageSize: z.number().int().min(1).max(1000).default(100),
  settleMinutes: z.number().int().min(0).max(24 * 60).default(10),
  maxCallHours: z.number().int().min(1).max(72).default(12),
  metric: CallMetric.default('call_seconds'),
  /** metadata key holding the agency's client reference (e.g. "client_id"); absent = clients by agent */
  metadataClientField: z.string().min(1).optional(),
});
export type RetellConfig = z.infer<typeof retellConfigSchema>;

/** Cursor: start_timestamp window [from, to] in epoch ms (to fixed per sync), Retell's pagination_key, oldest open call. */
const RetellCursor = z.object({
  v: z.literal(1),
  from: z.number().int(),
  to: z.number().int().nullable(),
  key: z.string().nullable(),
  defer: z.number().int().nullable(),
  n: z.number().int().min(0),
});
type RetellCursor = z.infer<typeof RetellCursor>;

function headers(ctx: ConnectorContext) {
  return {
    Authorization: `Bearer ${requireCredential(PROVIDER, ctx, 'apiKey', 'API key')}`,
    Accept: 'application/json',
    'Content-Type': 'application/json',
  };
}

type Mapped = { event: NormalizedEvent } | { rejected: RejectedRecord } | { deferred: number };

export function mapRetellCall(call: Record<string, unknown>, position: number, cfg: RetellConfig, nowMs: number, centsText: string | undefined): Mapped {
  const id = idText(call['call_id'])!;
  const reject = (reason: string): Mapped => ({ rejected: { position, externalId: id, reason } });
  const start = call['start_timestamp'];
  if (typeof start !== 'number' || !Number.isFinite(start)) return reject(`The call's start_timestamp "${shownValue(start)}" is not a time in milliseconds.`);
  const status = typeof call['call_status'] === 'string' ? call['call_status'] : null;
  if (status !== null && OPEN.has(status)) {
    if (nowMs - start < cfg.maxCallHours * 3_600_000) return { deferred: start };
    return reject(`The call is still "${status}" ${cfg.maxCallHours} hours after it started; it was not billed. Check it in the Retell dashboard.`);
  }
  const end = call['end_timestamp'];
  const durationMs = call['duration_ms'];
  let seconds = 0;
  if (typeof durationMs === 'number' && Number.isFinite(durationMs) && durationMs >= 0) seconds = secondsFromMs(durationMs);
  else if (typeof end === 'number' && Number.isFinite(end) && end >= start) seconds = secondsFromMs(end - start);
  else if (status === 'ended') return reject('The call ended but has neither duration_ms nor end_timestamp.');

  let cost: string | null = null;
  const callCost = call['call_cost'];
  if (isRecord(callCost) && callCost['combined_cost'] !== undefined && callCost['combined_cost'] !== null) {
    const cents = decimalText(callCost['combined_cost'], centsText);
    if (cents === null) return reject(`The call's combined_cost "${shownValue(callCost['combined_cost'])}" is not a number of cents.`);
    cost = decText(new Dec(cents).div(100));
  }

  const agentId = idText(call['agent_id']);
  let clientKey = agentId ? `agent:${agentId}` : null;
  if (cfg.metadataClientField && isRecord(call['metadata'])) {
    const ref = idText(call['metadata'][cfg.metadataClientField]);
    if (ref) clientKey = `metadata:${ref}`;
  }
  return {
    event: {
      externalId: id,
      clientKey,
      metricKey: cfg.metric,
      quantity: callQuantity(cfg.metric, seconds),
      occurredAt: start,
      cost,
      costCurrency: cost === null ? null : 'USD',
      attrs: {
        durationSeconds: seconds,
        callStatus: status,
        disconnectionReason: typeof call['disconnection_reason'] === 'string' ? call['disconnection_reason'] : null,
        agentId,
        agentVersion: typeof call['agent_version'] === 'number' ? call['agent_version'] : null,
      },
    },
  };
}

async function fetchPage(ctx: ConnectorContext, cursorText: string | null): Promise<Page> {
  const cfg = readConfig(PROVIDER, retellConfigSchema, ctx.config);
  const nowMs = ctx.now().getTime();
  let c: RetellCursor =
    cursorText === null ? { v: 1, from: utcDayStart(nowMs) - cfg.backfillDays * DAY_MS, to: null, key: null, defer: null, n: 0 } : decodeCursor(PROVIDER, RetellCursor, cursorText);
  if (c.to === null) {
    const to = nowMs - cfg.settleMinutes * 60_000;
    if (to < c.from) return { events: [], rejected: [], nextCursor: null, resumeCursor: encodeCursor(c), fetched: 0 };
    c = { ...c, to, key: null, defer: null };
  }
  const to = c.to!;
  const n = c.n + 1;
  const what = `page ${n}`;
  const body: Record<string, unknown> = {
    filter_criteria: { start_timestamp: { type: 'range', op: 'bt', value: [c.from, to] } },
    sort_order: 'ascending',
    limit: cfg.pageSize,
  };
  if (c.key) body['pagination_key'] = c.key;
  const res = await requestJson(ctx, `${cfg.baseUrl}/v3/list-calls`, { method: 'POST', headers: headers(ctx), body: JSON.stringify(body) }, { provider: PROVIDER, what, authHint: AUTH_HINT });
  const b = res.body;
  if (!isRecord(b) || !Array.isArray(b['items'])) {
    throw new ConnectorError('bad_response', `Retell answered ${what} without an "items" list of calls; nothing from that page was saved. The sync will retry it.`);
  }
  const events: NormalizedEvent[] = [];
  const rejected: RejectedRecord[] = [];
  let defer = c.defer;
  b['items'].forEach((call, index) => {
    const position = index + 1;
    if (!isRecord(call) || idText(call['call_id']) === null) {
      rejected.push({ position, reason: 'The call has no call_id.' });
      return;
    }
    const m = mapRetellCall(call, position, cfg, nowMs, isRecord(call['call_cost']) ? res.numberText(call['call_cost'], 'combined_cost') : undefined);
    if ('event' in m) events.push(m.event);
    else if ('rejected' in m) rejected.push(m.rejected);
    else defer = defer === null ? m.deferred : Math.min(defer, m.deferred);
  });
  const key = b['has_more'] === true && typeof b['pagination_key'] === 'string' && b['pagination_key'] !== '' ? b['pagination_key'] : null;
  if (key !== null && key === c.key) {
    throw new ConnectorError('bad_response', `Retell returned the same pagination_key twice on ${what}; the sync stopped to avoid a loop and will retry it.`);
  }
  if (key) {
    const next = encodeCursor({ ...c, key, defer, n });
    return { events, rejected, nextCursor: next, resumeCursor: next, fetched: b['items'].length };
  }
  const from = defer !== null ? Math.min(defer, to + 1) : to + 1;
  return { events, rejected, nextCursor: null, resumeCursor: encodeCursor({ v: 1, from, to: null, key: null, defer: null, n: 0 }), fetched: b['items'].length };
}

export const retellConnector: Connector = {
  kind: 'retell',
  label: 'Retell AI',
  docsUrl: 'https://docs.retellai.com/api-references/list-calls',
  credentialFields: [{ key: 'apiKey', label: 'API key', secret: true, help: 'Retell dashboard > Settings > API Keys.' }],
  configSchema: retellConfigSchema,
  fetchPage,
  testConnection: (ctx) =>
    testWith(PROVIDER, async () => {
      const cfg = readConfig(PROVIDER, retellConfigSchema, ctx.config);
      await requestJson(ctx, `${cfg.baseUrl}/v3/list-calls`, { method: 'POST', headers: headers(ctx), body: JSON.stringify({ limit: 1 }) }, { provider: PROVIDER, what: 'the connection check', authHint: AUTH_HINT });
      return 'Connected to Retell: the key can list calls.';
    }),
};
