// Runs in main. The generic REST JSON connector: a platform with a JSON API (like the reference platforms the
// agency resells: AgentClara interactions, CloseBot messages, voice sessions...) wired in without code, by a URL
// template, an auth header, a paging style and a field mapping by JSON path.
//
// No provider documentation applies; the conventions are ours:
// - Placeholders in urlTemplate, headers and bodyTemplate: {cursor} {page} {pageSize} {from} {to} {secret}
//   (URL-encoded in the URL, JSON-escaped in the body). {from}/{to} are the sync window in `timeFormat`
//   (time_window paging: the current window, in paging.format).
// - Paging styles: cursor (value at cursorPath, sent as `param` or {cursor}; stops when absent or when a page is
//   empty), page (page number from startAt, sent as `param` or {page}; stops on a short page when the page size is
//   sent, else on an empty page), next_url (absolute or relative URL at nextUrlPath, same host only; stops when
//   absent), time_window (windows of windowHours from the backfill start to now - settleMinutes, one request each).
// - A sync's window ends at now - settleMinutes; the next sync's {from} is that end. Without {from} in the
//   request every sync reads everything again: harmless, events are keyed by the record id.
// - Mapping: fields.id (required), fields.timestamp (+ timestampFormat), fields.metric (path, optionally through
//   metricMap) or fields.metricConst, fields.quantity (default 1 per record) x quantityScale, rounded up;
//   fields.cost x costScale (exact decimal from the JSON text), fields.currency or currencyConst;
//   fields.clientKey -> "<clientKeyPrefix>:<value>". A record whose id, time, metric or quantity cannot be read is
//   rejected with the field, the path and why it matched nothing; a records path that matches nothing fails the
//   page with a 'config' error telling what the response has instead.
import { z } from 'zod';
import { Dec, decText, isDecimalText } from '../../../shared/money/decimal';
import { ConnectorError } from '../http/connector-error';
import { requestJson, type JsonResponse } from '../http/request-json';
import type { NormalizedEvent, RejectedRecord } from '../types';
import type { Connector, ConnectorContext, Page } from './connector';
import { DAY_MS, decodeCursor, encodeCursor, readConfig, requireCredential, sameOriginUrl, testWith, utcDayStart } from './connector-support';
import { JsonPath, type PathMatch } from './json-path';
import { ceilQuantity, currencyCode, decimalText, idText, isoToMs } from './record-values';

const TimeFormat = z.enum(['iso', 'unix', 'unix_ms']);
type TimeFormat = z.infer<typeof TimeFormat>;

const PathText = z
  .string()
  .min(1)
  .superRefine((s, ctx) => {
    try {
      JsonPath.parse(s);
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: (err as Error).message });
    }
  });
const DecimalText = z.string().refine(isDecimalText, 'must be a decimal number such as "60" or "0.01"');
const PLACEHOLDERS = ['cursor', 'page', 'pageSize', 'from', 'to', 'secret'] as const;

const Auth = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('header'), header: z.string().min(1).default('Authorization'), valueTemplate: z.string().min(1).default('Bearer {secret}') }),
  z.object({ kind: z.literal('basic') }),
  z.object({ kind: z.literal('none') }),
]);

const Paging = z.discriminatedUnion('style', [
  z.object({ style: z.literal('cursor'), cursorPath: PathText, param: z.string().min(1).optional() }),
  z.object({
    style: z.literal('page'),
    param: z.string().min(1).optional(),
    startAt: z.number().int().min(0).default(1),
    pageSizeParam: z.string().min(1).optional(),
    pageSize: z.number().int().min(1).max(10_000).default(100),
  }),
  z.object({ style: z.literal('next_url'), nextUrlPath: PathText }),
  z.object({
    style: z.literal('time_window'),
    fromParam: z.string().min(1).optional(),
    toParam: z.string().min(1).optional(),
    windowHours: z.number().positive().max(24 * 366).default(24),
    format: TimeFormat.default('iso'),
  }),
]);

const Fields = z
  .object({
    id: PathText,
    clientKey: PathText.optional(),
    clientKeyPrefix: z.string().regex(/^[a-z][a-z0-9_]*$/, 'use lowercase letters, digits and _').default('client'),
    metric: PathText.optional(),
    metricConst: z.string().min(1).optional(),
    /** provider value -> metric key, for fields.metric */
    metricMap: z.record(z.string(), z.string().min(1)).optional(),
    quantity: PathText.optional(),
    timestamp: PathText,
    timestampFormat: TimeFormat.default('iso'),
    cost: PathText.optional(),
    costScale: DecimalText.optional(),
    currency: PathText.optional(),
    currencyConst: z.string().regex(/^[A-Za-z]{3}$/, 'must be a three-letter currency code').optional(),
  })
  .refine((f) => (f.metric === undefined) !== (f.metricConst === undefined), { message: 'set exactly one of metric (a path) or metricConst (a metric key)', path: ['metric'] });

function unknownPlaceholder(template: string): string | null {
  for (const m of template.matchAll(/\{([A-Za-z_]+)\}/g)) if (!(PLACEHOLDERS as readonly string[]).includes(m[1]!)) return m[1]!;
  return null;
}

export const genericRestConfigSchema = z.object({
  /** the platform's name, used in every message ("AgentClara rejected the credentials (401): …") */
  name: z.string().min(1).max(80).default('Custom REST API'),
  urlTemplate: z
    .string()
    .min(1)
    .superRefine((s, ctx) => {
      const bad = unknownPlaceholder(s);
      if (bad) ctx.addIssue({ code: 'custom', message: `unknown placeholder {${bad}}; use ${PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}` });
      try {
        const u = new URL(s.replace(/\{[A-Za-z_]+\}/g, 'x'));
        if (u.protocol !== 'https:' && u.protocol !== 'http:') ctx.addIssue({ code: 'custom', message: 'must be an http(s) URL' });
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be an absolute URL such as https://api.example.com/v1/usage?from={from}' });
      }
    }),
  method: z.enum(['GET', 'POST']).default('GET'),
  bodyTemplate: z.string().optional(),
  headers: z.record(z.string(), z.string()).default({}),
  auth: Auth.default({ kind: 'none' }),
  paging: Paging,
  recordsPath: PathText,
  fields: Fields,
  quantityScale: DecimalText.optional(),
  /** records are revisable buckets (daily totals...) rather than one-off facts */
  recordsAreBuckets: z.boolean().default(false),
  timeFormat: TimeFormat.default('iso'),
  backfillDays: z.number().int().min(1).max(3650).default(90),
  settleMinutes: z.number().int().min(0).max(24 * 60).default(0),
});
export type GenericRestConfig = z.infer<typeof genericRestConfigSchema>;

/** Cursor: window [from, to] (ms; `to` fixed per sync; time_window moves `from`), and the paging state. */
const GenericCursor = z.object({
  v: z.literal(1),
  from: z.number().int(),
  to: z.number().int().nullable(),
  page: z.number().int().nullable(),
  token: z.string().nullable(),
  next: z.string().nullable(),
  n: z.number().int().min(0),
});
type GenericCursor = z.infer<typeof GenericCursor>;

function formatTime(ms: number, format: TimeFormat): string {
  return format === 'iso' ? new Date(ms).toISOString() : format === 'unix' ? String(Math.floor(ms / 1000)) : String(ms);
}

function fill(template: string, vars: Record<string, string>, escape: (s: string) => string): string {
  return template.replace(/\{(cursor|page|pageSize|from|to|secret)\}/g, (_m, name: string) => escape(vars[name] ?? ''));
}
const jsonEscape = (s: string) => JSON.stringify(s).slice(1, -1);

function timeFrom(value: unknown, format: TimeFormat): number | null {
  if (format === 'iso') return isoToMs(value);
  const text = decimalText(value);
  if (text === null) return null;
  const n = new Dec(text).times(format === 'unix' ? 1000 : 1);
  return n.isInteger() || format === 'unix' ? Math.floor(n.toNumber()) : null;
}

interface Compiled {
  cfg: GenericRestConfig;
  recordsPath: JsonPath;
  paths: Partial<Record<'id' | 'clientKey' | 'metric' | 'quantity' | 'timestamp' | 'cost' | 'currency', JsonPath>>;
}

function compile(cfg: GenericRestConfig): Compiled {
  const f = cfg.fields;
  const paths: Compiled['paths'] = {};
  for (const k of ['id', 'clientKey', 'metric', 'quantity', 'timestamp', 'cost', 'currency'] as const) {
    const p = f[k];
    if (p !== undefined) paths[k] = JsonPath.parse(p);
  }
  return { cfg, recordsPath: JsonPath.parse(cfg.recordsPath), paths };
}

type Mapped = { event: NormalizedEvent } | { rejected: RejectedRecord };

export function mapGenericRecord(c: Compiled, record: unknown, position: number, numberText: JsonResponse['numberText']): Mapped {
  const { cfg, paths } = c;
  const f = cfg.fields;
  const get = (k: keyof Compiled['paths']): PathMatch | undefined => {
    const m = paths[k]?.first(record);
    return m && m.value !== null ? m : undefined;
  };
  const miss = (k: keyof Compiled['paths']) => `Field "${k}" (path "${paths[k]!.text}") matched nothing in this record: ${paths[k]!.explainMiss(record)}.`;
  const idMatch = get('id');
  const id = idText(idMatch?.value);
  if (id === null) return { rejected: { position, reason: idMatch ? `Field "id" (path "${paths.id!.text}") is ${JSON.stringify(idMatch.value)}, not an id.` : miss('id') } };
  const reject = (reason: string): Mapped => ({ rejected: { position, externalId: id, reason } });

  const tsMatch = get('timestamp');
  if (!tsMatch) return reject(miss('timestamp'));
  const occurredAt = timeFrom(tsMatch.value, f.timestampFormat);
  if (occurredAt === null) {
    const expect = f.timestampFormat === 'iso' ? 'an ISO 8601 date-time with its offset (2026-10-01T09:30:00Z)' : f.timestampFormat === 'unix' ? 'Unix seconds' : 'Unix milliseconds';
    return reject(`Field "timestamp" is ${JSON.stringify(tsMatch.value)}, not ${expect}.`);
  }

  let metricKey: string;
  if (f.metricConst !== undefined) metricKey = f.metricConst;
  else {
    const m = get('metric');
    if (!m) return reject(miss('metric'));
    const raw = idText(m.value);
    if (raw === null) return reject(`Field "metric" is ${JSON.stringify(m.value)}, not a name.`);
    if (f.metricMap) {
      const mapped = f.metricMap[raw];
      if (mapped === undefined) return reject(`The metric "${raw}" is not in the metric map of this connector; add it to rebill it.`);
      metricKey = mapped;
    } else metricKey = raw;
  }

  let qty = '1';
  if (paths.quantity) {
    const m = get('quantity');
    if (!m) return reject(miss('quantity'));
    const t = decimalText(m.value, numberText(m.holder, m.key ?? ''));
    if (t === null) return reject(`Field "quantity" is ${JSON.stringify(m.value)}, not a number.`);
    qty = t;
  }
  const scaled = cfg.quantityScale ? new Dec(qty).times(cfg.quantityScale).toFixed() : qty;
  const quantity = ceilQuantity(scaled);
  if (quantity === null) return reject(`Field "quantity" ${qty} is negative or too large.`);

  let cost: string | null = null;
  if (paths.cost) {
    const m = get('cost');
    if (m) {
      const t = decimalText(m.value, numberText(m.holder, m.key ?? ''));
      if (t === null) return reject(`Field "cost" is ${JSON.stringify(m.value)}, not a number.`);
      cost = f.costScale ? decText(new Dec(t).times(f.costScale)) : t;
    }
  }
  let costCurrency: string | null = f.currencyConst ? f.currencyConst.toUpperCase() : null;
  if (paths.currency) {
    const m = get('currency');
    if (m) {
      costCurrency = currencyCode(m.value);
      if (costCurrency === null) return reject(`Field "currency" is ${JSON.stringify(m.value)}, not a three-letter currency code.`);
    }
  }
  let clientKey: string | null = null;
  if (paths.clientKey) {
    const v = idText(get('clientKey')?.value);
    if (v !== null) clientKey = `${f.clientKeyPrefix}:${v}`;
  }
  const event: NormalizedEvent = { externalId: id, clientKey, metricKey, quantity, occurredAt, cost, costCurrency };
  if (cfg.recordsAreBuckets) event.replaceable = true;
  return { event };
}

function secretFor(ctx: ConnectorContext, cfg: GenericRestConfig): string {
  const uses = [cfg.urlTemplate, cfg.bodyTemplate ?? '', ...Object.values(cfg.headers)].some((t) => t.includes('{secret}'));
  if (cfg.auth.kind === 'none' && !uses) return '';
  return requireCredential(cfg.name, ctx, 'secret', 'API key or token');
}

function buildRequest(ctx: ConnectorContext, cfg: GenericRestConfig, c: GenericCursor & { to: number }, windowEnd: number): { url: string; init: RequestInit } {
  const p = cfg.paging;
  const secret = secretFor(ctx, cfg);
  const fmt = p.style === 'time_window' ? p.format : cfg.timeFormat;
  const vars: Record<string, string> = {
    cursor: c.token ?? '',
    page: String(c.page ?? (p.style === 'page' ? p.startAt : 1)),
    pageSize: String(p.style === 'page' ? p.pageSize : ''),
    from: formatTime(c.from, fmt),
    to: formatTime(p.style === 'time_window' ? windowEnd : c.to, fmt),
    secret,
  };
  let url: string;
  if (p.style === 'next_url' && c.next) url = sameOriginUrl(cfg.name, fill(cfg.urlTemplate, vars, encodeURIComponent), c.next);
  else {
    const u = new URL(fill(cfg.urlTemplate, vars, encodeURIComponent));
    if (p.style === 'cursor' && p.param && c.token) u.searchParams.set(p.param, c.token);
    if (p.style === 'page') {
      if (p.param) u.searchParams.set(p.param, vars['page']!);
      if (p.pageSizeParam) u.searchParams.set(p.pageSizeParam, vars['pageSize']!);
    }
    if (p.style === 'time_window') {
      if (p.fromParam) u.searchParams.set(p.fromParam, vars['from']!);
      if (p.toParam) u.searchParams.set(p.toParam, vars['to']!);
    }
    url = u.toString();
  }
  const headers: Record<string, string> = { Accept: 'application/json' };
  for (const [k, v] of Object.entries(cfg.headers)) headers[k] = fill(v, vars, (s) => s);
  if (cfg.auth.kind === 'header') headers[cfg.auth.header] = fill(cfg.auth.valueTemplate, vars, (s) => s);
  if (cfg.auth.kind === 'basic') headers['Authorization'] = `Basic ${Buffer.from(`${ctx.credentials['username'] ?? ''}:${secret}`).toString('base64')}`;
  const init: RequestInit = { method: cfg.method, headers };
  if (cfg.method === 'POST') {
    headers['Content-Type'] = 'application/json';
    init.body = fill(cfg.bodyTemplate ?? '{}', vars, jsonEscape);
  }
  return { url, init };
}

function records(c: Compiled, body: unknown, what: string): unknown[] {
  const path = c.recordsPath;
  const matches = path.select(body);
  if (matches.length === 0) {
    // "$.calls[*]" over an empty list is an empty page, not a mistake
    const parent = path.hasWildcard ? JsonPath.parse(path.text.trim().replace(/(\[\*\]|\.\*)$/, '') || '$').first(body) : undefined;
    if (parent && Array.isArray(parent.value)) return [];
    throw new ConnectorError(
      'config',
      `The records path "${path.text}" matched nothing in ${c.cfg.name}'s answer to ${what}: ${path.explainMiss(body)}. Fix the records path in the connector settings.`,
    );
  }
  if (!path.hasWildcard && matches.length === 1) {
    const v = matches[0]!.value;
    if (Array.isArray(v)) return v;
    throw new ConnectorError('config', `The records path "${path.text}" points at ${v === null ? 'null' : typeof v === 'object' ? 'an object' : `a ${typeof v}`}, not a list of records. Point it at the list (or add [*]).`);
  }
  return matches.map((m) => m.value);
}

async function fetchPage(ctx: ConnectorContext, cursorText: string | null): Promise<Page> {
  const cfg = readConfig('Custom REST', genericRestConfigSchema, ctx.config);
  const compiled = compile(cfg);
  const p = cfg.paging;
  const nowMs = ctx.now().getTime();
  let c: GenericCursor =
    cursorText === null ? { v: 1, from: utcDayStart(nowMs) - cfg.backfillDays * DAY_MS, to: null, page: null, token: null, next: null, n: 0 } : decodeCursor(cfg.name, GenericCursor, cursorText);
  if (c.to === null) c = { ...c, to: Math.max(c.from, nowMs - cfg.settleMinutes * 60_000), page: null, token: null, next: null };
  const to = c.to!;
  const n = c.n + 1;
  const what = `page ${n}`;
  const windowEnd = p.style === 'time_window' ? Math.min(c.from + p.windowHours * 3_600_000, to) : to;
  const done = (): string => encodeCursor({ v: 1, from: to, to: null, page: null, token: null, next: null, n: 0 });

  const { url, init } = buildRequest(ctx, cfg, { ...c, to }, windowEnd);
  const res = await requestJson(ctx, url, init, { provider: cfg.name, what, authHint: `check the API key or token in this provider account's credentials` });
  const list = records(compiled, res.body, what);
  const events: NormalizedEvent[] = [];
  const rejected: RejectedRecord[] = [];
  list.forEach((record, i) => {
    const m = mapGenericRecord(compiled, record, i + 1, res.numberText);
    if ('event' in m) events.push(m.event);
    else rejected.push(m.rejected);
  });

  let next: GenericCursor | null = null;
  if (p.style === 'cursor') {
    const token = idText(JsonPath.parse(p.cursorPath).first(res.body)?.value);
    if (token !== null && list.length > 0) {
      if (token === c.token) throw new ConnectorError('bad_response', `${cfg.name} returned the same cursor twice (${what}); the sync stopped to avoid a loop. Check the cursor path.`);
      next = { ...c, to, token, n };
    }
  } else if (p.style === 'page') {
    const sizeSent = p.pageSizeParam !== undefined || [cfg.urlTemplate, cfg.bodyTemplate ?? ''].some((t) => t.includes('{pageSize}'));
    const more = sizeSent ? list.length >= p.pageSize : list.length > 0;
    if (more) next = { ...c, to, page: (c.page ?? p.startAt) + 1, n };
  } else if (p.style === 'next_url') {
    const link = JsonPath.parse(p.nextUrlPath).first(res.body)?.value;
    if (typeof link === 'string' && link.trim() !== '') {
      const resolved = sameOriginUrl(cfg.name, url, link);
      if (resolved === url) throw new ConnectorError('bad_response', `${cfg.name} returned a next URL equal to the current one (${what}); the sync stopped to avoid a loop. Check the next-URL path.`);
      next = { ...c, to, next: resolved, n };
    }
  } else if (windowEnd < to) {
    next = { ...c, from: windowEnd, to, n };
  }
  const nextCursor = next ? encodeCursor(next) : null;
  return { events, rejected, nextCursor, resumeCursor: nextCursor ?? done(), fetched: list.length };
}

export const genericRestConnector: Connector = {
  kind: 'generic_rest',
  label: 'Custom REST API (JSON)',
  docsUrl: null,
  credentialFields: [
    { key: 'secret', label: 'API key or token', secret: true, help: 'Inserted where the auth header or URL template says {secret}.' },
    { key: 'username', label: 'Username (Basic auth only)', secret: false, optional: true, help: 'Only for Basic auth; the key or token above is the password.' },
  ],
  configSchema: genericRestConfigSchema,
  fetchPage,
  testConnection: (ctx) =>
    testWith('Custom REST', async () => {
      const cfg = readConfig('Custom REST', genericRestConfigSchema, ctx.config);
      const page = await fetchPage(ctx, null);
      const first = page.rejected[0];
      return (
        `Connected to ${cfg.name}: the first page has ${page.fetched} record${page.fetched === 1 ? '' : 's'}, ${page.events.length} mapped to usage events` +
        (first ? `, ${page.rejected.length} not (record ${first.position}: ${first.reason})` : '') +
        '.'
      );
    }),
};
