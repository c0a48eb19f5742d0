// Runs in main. Vapi calls connector: one usage event per finished call, with Vapi's own cost.
//
// Written from:
//   https://docs.vapi.ai/api-reference/calls/list  (GET https://api.vapi.ai/call, Bearer private API key; query
//        createdAtGt/Ge/Lt/Le (ISO date-times), limit (default 100, max 1000), assistantId, phoneNumberId; the
//        response is a JSON array of Call objects: id, assistantId, phoneNumberId, type, status, endedReason,
//        createdAt, startedAt, endedAt, cost (USD), costBreakdown)
//   https://support.vapi.ai/t/27100877 (Vapi staff: page by moving createdAtLt to the oldest createdAt of the page;
//        results are newest first)
//
// Choices where the docs leave room:
// - Paging moves the created-at window, never an offset: each request asks createdAtGe=lo & createdAtLe=cur;
//   a full page moves `cur` down to its oldest createdAt, remembering the ids already seen at that instant, so
//   calls sharing a createdAt across a page boundary are neither lost nor read twice. If a full page comes back
//   oldest-first instead, the window's lower bound moves up the same way (both orders are handled).
// - A sync's window ends `settleMinutes` before now (calls being written are not missed); the next sync starts
//   at that end, skipping the ids already seen at that exact instant.
// - Calls not finished yet (queued, ringing, in-progress, forwarding) are not booked: the next sync starts again
//   at the oldest of them (re-reading later calls is harmless, the ledger ignores a known externalId). One still
//   unfinished after `maxCallHours` is rejected with a reason instead.
// - quantity: call_seconds = ceil((endedAt - startedAt) / 1000), 0 for calls that never started. cost: `cost`
//   from its JSON text (USD). clientKey: assistant:<assistantId>, else phone_number:<phoneNumberId>, else null.
import { z } from 'zod';
import { ConnectorError } from '../http/connector-error';
import { requestJson } from '../http/request-json';
import type { NormalizedEvent, RejectedRecord } from '../types';
import { CallMetric, callQuantity } from './call-metric';
import type { Connector, ConnectorContext, Page } from './connector';
import { baseUrlSchema, DAY_MS, decodeCursor, encodeCursor, readConfig, requireCredential, testWith, utcDayStart } from './connector-support';
import { decimalText, idText, isoToMs, isRecord, secondsFromMs, shownValue } from './record-values';

const PROVIDER = 'Vapi';
const AUTH_HINT = 'check the Vapi private API key (not the public key)';
const UNFINISHED = new Set(['scheduled', 'queued', 'ringing', 'in-progress', 'forwarding']);

export const vapiConfigSchema = z.object({
  baseUrl: baseUrlSchema('https://api.vapi.ai'),
  backfillDays: z.number().int().min(1).max(3650).default(90),
  pageSize: z.number().int().min(2).max(1000).default(100),
  settleMinutes: z.number().int().min(0).max(24 * 60).default(10),
  maxCallHours: z.number().int().min(1).max(72).default(12),
  metric: CallMetric.default('call_seconds'),
});
export type VapiConfig = z.infer<typeof vapiConfigSchema>;

/**
 * Cursor (times in Unix ms): the remaining window [lo, cur] of this sync and the ids already read at its two
 * edges; `hi` is the sync's fixed end (null = not started); `atHi` the ids read at exactly `hi`; `defer` the
 * createdAt of the oldest unfinished call seen.
 */
const VapiCursor = z.object({
  v: z.literal(1),
  lo: z.number().int(),
  loSeen: z.array(z.string()),
  hi: z.number().int().nullable(),
  cur: z.number().int().nullable(),
  curSeen: z.array(z.string()),
  atHi: z.array(z.string()),
  defer: z.number().int().nullable(),
  n: z.number().int().min(0),
});
type VapiCursor = z.infer<typeof VapiCursor>;

function startAt(lo: number, loSeen: string[]): VapiCursor {
  return { v: 1, lo, loSeen, hi: null, cur: null, curSeen: [], atHi: [], defer: null, n: 0 };
}

const iso = (ms: number) => new Date(ms).toISOString();

function headers(ctx: ConnectorContext) {
  return { Authorization: `Bearer ${requireCredential(PROVIDER, ctx, 'apiKey', 'private API key')}`, Accept: 'application/json' };
}

type Mapped = { event: NormalizedEvent } | { rejected: RejectedRecord } | { deferred: true };

export function mapVapiCall(call: Record<string, unknown>, position: number, cfg: VapiConfig, nowMs: number, costText: string | undefined): Mapped {
  const id = idText(call['id'])!;
  const reject = (reason: string): Mapped => ({ rejected: { position, externalId: id, reason } });
  const createdAt = isoToMs(call['createdAt'])!;
  const status = typeof call['status'] === 'string' ? call['status'] : null;
  const startedAt = isoToMs(call['startedAt']);
  const endedAt = isoToMs(call['endedAt']);
  if ((status !== null && UNFINISHED.has(status)) || (status === null && endedAt === null)) {
    if (nowMs - createdAt < cfg.maxCallHours * 3_600_000) return { deferred: true };
    return reject(`The call is still "${status ?? 'unfinished'}" ${cfg.maxCallHours} hours after it was created; it was not billed. Check it in the Vapi dashboard.`);
  }
  if (call['startedAt'] != null && startedAt === null) return reject(`The call's startedAt "${shownValue(call['startedAt'])}" is not an ISO date-time.`);
  if (call['endedAt'] != null && endedAt === null) return reject(`The call's endedAt "${shownValue(call['endedAt'])}" is not an ISO date-time.`);
  const seconds = startedAt !== null && endedAt !== null ? secondsFromMs(Math.max(0, endedAt - startedAt)) : 0;
  let cost: string | null = null;
  if (call['cost'] !== undefined && call['cost'] !== null) {
    cost = decimalText(call['cost'], costText);
    if (cost === null) return reject(`The call's cost "${shownValue(call['cost'])}" is not a number.`);
  }
  const assistantId = idText(call['assistantId']);
  const phoneNumberId = idText(call['phoneNumberId']);
  return {
    event: {
      externalId: id,
      clientKey: assistantId ? `assistant:${assistantId}` : phoneNumberId ? `phone_number:${phoneNumberId}` : null,
      metricKey: cfg.metric,
      quantity: callQuantity(cfg.metric, seconds),
      occurredAt: startedAt ?? createdAt,
      cost,
      costCurrency: cost === null ? null : 'USD',
      attrs: {
        durationSeconds: seconds,
        callType: typeof call['type'] === 'string' ? call['type'] : null,
        endedReason: typeof call['endedReason'] === 'string' ? call['endedReason'] : null,
        phoneNumberId,
      },
    },
  };
}

async function fetchPage(ctx: ConnectorContext, cursorText: string | null): Promise<Page> {
  const cfg = readConfig(PROVIDER, vapiConfigSchema, ctx.config);
  const nowMs = ctx.now().getTime();
  let c = cursorText === null ? startAt(utcDayStart(nowMs) - cfg.backfillDays * DAY_MS, []) : decodeCursor(PROVIDER, VapiCursor, cursorText);
  if (c.hi === null) {
    const hi = nowMs - cfg.settleMinutes * 60_000;
    if (hi < c.lo) return { events: [], rejected: [], nextCursor: null, resumeCursor: encodeCursor(c), fetched: 0 };
    c = { ...c, hi, cur: hi, curSeen: [], atHi: [], defer: null };
  }
  const hi = c.hi!;
  const cur = c.cur!;
  const n = c.n + 1;
  const what = `page ${n}`;

  const params = new URLSearchParams({ createdAtGe: iso(c.lo), createdAtLe: iso(cur), limit: String(cfg.pageSize) });
  const res = await requestJson(ctx, `${cfg.baseUrl}/call?${params.toString()}`, { headers: headers(ctx) }, { provider: PROVIDER, what, authHint: AUTH_HINT });
  // The documented response is an array; accept the paginated wrapper { results: [...] } too.
  const list = Array.isArray(res.body) ? res.body : isRecord(res.body) && Array.isArray(res.body['results']) ? res.body['results'] : null;
  if (list === null) {
    throw new ConnectorError('bad_response', `Vapi answered ${what} without a list of calls; nothing from that page was saved. The sync will retry it.`);
  }

  const events: NormalizedEvent[] = [];
  const rejected: RejectedRecord[] = [];
  const loSeen = new Set(c.loSeen);
  const curSeen = new Set(c.curSeen);
  const atHi = new Set(c.atHi);
  let defer = c.defer;
  const times: Array<{ id: string; at: number }> = [];
  let fresh = 0;
  list.forEach((call, index) => {
    const position = index + 1;
    if (!isRecord(call) || idText(call['id']) === null) {
      rejected.push({ position, reason: 'The call has no id.' });
      return;
    }
    const id = idText(call['id'])!;
    const at = isoToMs(call['createdAt']);
    if (at === null) {
      rejected.push({ position, externalId: id, reason: `The call's createdAt "${shownValue(call['createdAt'])}" is not an ISO date-time.` });
      return;
    }
    times.push({ id, at });
    if (at < c.lo || at > cur || (at === c.lo && loSeen.has(id)) || (at === cur && curSeen.has(id))) return;
    fresh++;
    if (at === hi) atHi.add(id);
    const m = mapVapiCall(call, position, cfg, nowMs, res.numberText(call, 'cost'));
    if ('event' in m) events.push(m.event);
    else if ('rejected' in m) rejected.push(m.rejected);
    else defer = defer === null ? at : Math.min(defer, at);
  });

  if (list.length < cfg.pageSize) {
    // The window is exhausted. The next sync starts at its end, or back at the oldest unfinished call.
    const resume = defer !== null && defer < hi ? startAt(defer, []) : startAt(hi, [...atHi]);
    return { events, rejected, nextCursor: null, resumeCursor: encodeCursor(resume), fetched: list.length };
  }
  if (fresh === 0 || times.length === 0) {
    throw new ConnectorError(
      'bad_response',
      `Vapi returned ${list.length} calls on ${what} that were all read already (more than ${cfg.pageSize} calls share one createdAt?); raise the page size in the Vapi connector settings.`,
    );
  }
  const first = times[0]!.at;
  const last = times[times.length - 1]!.at;
  let next: VapiCursor;
  if (first >= last) {
    // newest first (documented): continue below the oldest createdAt of this page
    const edge = Math.min(...times.map((t) => t.at));
    const seen = new Set(edge === cur ? curSeen : []);
    for (const t of times) if (t.at === edge) seen.add(t.id);
    next = { ...c, cur: edge, curSeen: [...seen], atHi: [...atHi], defer, n };
  } else {
    // oldest first: continue above the newest createdAt of this page
    const edge = Math.max(...times.map((t) => t.at));
    const seen = new Set(edge === c.lo ? loSeen : []);
    for (const t of times) if (t.at === edge) seen.add(t.id);
    next = { ...c, lo: edge, loSeen: [...seen], atHi: [...atHi], defer, n };
  }
  const nextCursor = encodeCursor(next);
  return { events, rejected, nextCursor, resumeCursor: nextCursor, fetched: list.length };
}

export const vapiConnector: Connector = {
  kind: 'vapi',
  label: 'Vapi',
  docsUrl: 'https://docs.vapi.ai/api-reference/calls/list',
  credentialFields: [
    { key: 'apiKey', label: 'Private API key', secret: true, help: 'Vapi Dashboard > Organization > API Keys: the private key (server-side), not the public one.' },
  ],
  configSchema: vapiConfigSchema,
  fetchPage,
  testConnection: (ctx) =>
    testWith(PROVIDER, async () => {
      const cfg = readConfig(PROVIDER, vapiConfigSchema, ctx.config);
      const res = await requestJson(ctx, `${cfg.baseUrl}/call?limit=1`, { headers: headers(ctx) }, { provider: PROVIDER, what: 'the connection check', authHint: AUTH_HINT });
      const count = Array.isArray(res.body) ? res.body.length : 0;
      return count ? 'Connected to Vapi: the key can list calls.' : 'Connected to Vapi: the key works, but the organization has no calls yet.';
    }),
};
