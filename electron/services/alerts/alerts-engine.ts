// Runs in main. Evaluates the alert rules for clients and stores new alerts: per client, the candidates are
// computed, then inserted in one transaction with INSERT ... ON CONFLICT(dedupe_key) DO NOTHING, so an alert is
// stored once per client, kind, metric, period and threshold however often (or however abruptly: kill -9)
// evaluation runs. Only rows actually inserted are announced (`alert.raised`).
//
// Rules (see rules.ts): thresholds of the allowance (else of the limit); the limit crossed; a projected
// overage of the allowance (else the limit) naming the local date of the crossing; a day (client's zone, today
// or yesterday) above spike_factor × the previous 7 days' average, for additive metrics. Other domains add
// candidates through `AlertSource`s (the wallet's low balance).
import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import { DEFAULT_SPIKE_FACTOR, DEFAULT_THRESHOLDS, type OverLimit } from '../../../shared/domain/alerts';
import { Dec, decText } from '../../../shared/money/decimal';
import { groupDigits } from '../../../shared/pricing';
import type { Database } from '../../db/schema';
import type { AppContextDeps } from '../app-deps';
import { readClientUsage } from '../pricing/client-usage';
import { loadMetricCatalog, type MetricCatalog } from '../pricing/metric-catalog';
import { UsageReader } from '../pricing/usage-reader';
import { agencyZone, clientZone, localDate, localDayStart } from '../pricing/zones';
import { dedupeKey, type AlertCandidate, type AlertSource } from './alert-source';
import { watchClient, type ClientWatch, type WatchedMetric } from './client-watch';
import { crossedThresholds, isSpike, overLimit, percentUsed, projectCrossing } from './rules';

const SPIKE_METRICS = new Set(['sum', 'count', 'session_blocks']);
const TRAILING_DAYS = 7;

export interface RuleSettings {
  thresholds: readonly number[];
  projectedEnabled: boolean;
  spikeEnabled: boolean;
  spikeFactor: string;
}

export const defaultRuleSettings = (): RuleSettings => ({ thresholds: [...DEFAULT_THRESHOLDS], projectedEnabled: true, spikeEnabled: true, spikeFactor: DEFAULT_SPIKE_FACTOR });

export async function loadRuleSettings(db: Kysely<Database>, clientId: number): Promise<RuleSettings & { custom: boolean }> {
  const row = await db.selectFrom('alert_settings').selectAll().where('client_id', '=', clientId).executeTakeFirst();
  if (!row) return { ...defaultRuleSettings(), custom: false };
  return {
    thresholds: JSON.parse(row.thresholds) as number[],
    projectedEnabled: row.projected_enabled === 1,
    spikeEnabled: row.spike_enabled === 1,
    spikeFactor: row.spike_factor,
    custom: true,
  };
}

const fmt = (d: Dec) => groupDigits(decText(d.toDecimalPlaces(2, Dec.ROUND_HALF_UP)));
/** "1 interaction", "95 interactions", "3 MB-days"; units already plural or compound stay as they are */
const units = (unit: string, n: Dec) => (n.eq(1) || /s$/.test(unit) || /[^a-z]/i.test(unit) ? unit : `${unit}s`);

/** How the statement treats usage above the allowance or limit (reference/002: overage rate, cap, or not billed). */
function overageRule(m: WatchedMetric, currency: string | undefined): string {
  const c = m.charge;
  if (!c) return 'The plan does not charge this metric, so the overage is not billed.';
  if (c.model.type === 'allowance') {
    const cap = c.cap !== undefined ? `, capped at ${fmt(new Dec(c.cap))} ${currency ?? ''} per period` : '';
    return new Dec(c.model.overageUnitPrice).isZero()
      ? 'The plan does not bill overage for this metric.'
      : `Overage is billed at ${decText(new Dec(c.model.overageUnitPrice))} ${currency ?? ''} per ${m.unit}${cap}.`.replace(/ +/g, ' ');
  }
  return `Usage is billed by the plan's ${c.model.type.replace('_', ' ')} charge${c.cap !== undefined ? `, capped at ${fmt(new Dec(c.cap))} ${currency ?? ''}` : ''}.`.replace(/ +/g, ' ');
}

/** The candidates of the period rules (thresholds, limit, projection) for one client. */
export function periodCandidates(w: ClientWatch, settings: RuleSettings, now: number): AlertCandidate[] {
  const out: AlertCandidate[] = [];
  const label = w.period.label;
  const start = Date.parse(w.period.start);
  const end = Date.parse(w.period.end);
  const lastDay = localDate(end - 1, w.zone);
  for (const m of w.metrics) {
    const name = m.metric.name;
    const base = m.allowance ?? m.limit?.value ?? null;
    const baseName = m.allowance ? 'allowance' : 'limit';
    const common = { quantity: decText(m.quantity), unit: m.unit, periodStart: w.period.start, periodEnd: w.period.end, zone: w.zone };
    if (base !== null) {
      for (const t of crossedThresholds(m.quantity, base, settings.thresholds)) {
        const pct = percentUsed(m.quantity, base);
        out.push({
          kind: 'threshold',
          metricKey: m.metric.key,
          periodLabel: label,
          threshold: t,
          title: `${w.clientName}: ${t}% of the ${name} ${baseName} used`,
          body: `${fmt(m.quantity)} of ${fmt(base)} ${units(m.unit, base)} used in ${label} (${decText(pct)}%).`,
          data: { ...common, [baseName]: decText(base), percent: decText(pct), threshold: t },
        });
      }
    }
    if (m.limit && overLimit(m.quantity, m.limit.value)) {
      out.push({
        kind: 'limit',
        metricKey: m.metric.key,
        periodLabel: label,
        threshold: null,
        title: `${w.clientName} is over its ${name} limit`,
        body: `${fmt(m.quantity)} ${units(m.unit, m.quantity)} used in ${label}, above the limit of ${fmt(m.limit.value)}. ${overageRule(m, w.plan?.currency)}`,
        data: { ...common, limit: decText(m.limit.value), limitSource: m.limit.source },
      });
    }
    if (settings.projectedEnabled && base !== null) {
      const p = projectCrossing({ start, end, now, quantity: m.quantity, base });
      if (p) {
        const date = localDate(p.at, w.zone);
        out.push({
          kind: 'projected',
          metricKey: m.metric.key,
          periodLabel: label,
          threshold: null,
          title: `${w.clientName}: ${name} projected to pass the ${baseName} on ${date}`,
          body: `${fmt(m.quantity)} of ${fmt(base)} ${units(m.unit, base)} used so far in ${label}. At this rate the ${baseName} runs out on ${date} and the period (to ${lastDay}) ends near ${fmt(p.periodTotal.toDecimalPlaces(0, Dec.ROUND_HALF_UP))} ${units(m.unit, p.periodTotal)}.`,
          data: { ...common, [baseName]: decText(base), projectedAt: new Date(p.at).toISOString(), projectedDate: date, projectedTotal: decText(p.periodTotal.toDecimalPlaces(6, Dec.ROUND_HALF_UP)) },
        });
      }
    }
  }
  return out;
}

/** Spike candidates: today and yesterday (client's zone) against the 7 days before each. */
export function spikeCandidates(input: { reader: UsageReader; catalog: MetricCatalog; clientId: number; clientName: string; zone: string; now: number; factor: string }): AlertCandidate[] {
  const { reader, catalog, clientId, clientName, zone, now } = input;
  const factor = new Dec(input.factor);
  const spans = reader.spans({ clientId }).filter((s) => SPIKE_METRICS.has(catalog.byId(s.metricId)?.aggregation ?? ''));
  const metricIds = new Set(spans.map((s) => s.metricId));
  if (metricIds.size === 0) return [];
  const today = DateTime.fromMillis(now, { zone }).startOf('day');
  const days = Array.from({ length: TRAILING_DAYS + 2 }, (_, i) => today.minus({ days: TRAILING_DAYS + 1 - i }).toISODate()!);
  const daily = days.map((d, i) => {
    const start = localDayStart(d, zone);
    const end = i + 1 < days.length ? localDayStart(days[i + 1]!, zone) : localDayStart(today.plus({ days: 1 }).toISODate()!, zone);
    return readClientUsage(reader, catalog, clientId, { start, end }, { spans, metricIds });
  });
  const out: AlertCandidate[] = [];
  for (const metricId of [...metricIds].sort((a, b) => a - b)) {
    const metric = catalog.byId(metricId)!;
    const q = daily.map((u) => (u.get(metricId)?.quantity ?? new Dec(0)) as Dec);
    for (const i of [days.length - 2, days.length - 1]) {
      const { spike, average } = isSpike(q[i]!, q.slice(i - TRAILING_DAYS, i), factor);
      if (!spike) continue;
      const ratio = q[i]!.div(average).toDecimalPlaces(1, Dec.ROUND_HALF_UP);
      out.push({
        kind: 'spike',
        metricKey: metric.key,
        periodLabel: days[i]!,
        threshold: null,
        title: `${clientName}: unusual ${metric.name} on ${days[i]}`,
        body: `${fmt(q[i]!)} ${metric.unit} on ${days[i]}, ${decText(ratio)}× the average of the previous ${TRAILING_DAYS} days (${fmt(average)}).`,
        data: { day: days[i], quantity: decText(q[i]!), trailingAverage: decText(average.toDecimalPlaces(6, Dec.ROUND_HALF_UP)), factor: decText(factor), ratio: decText(ratio), unit: metric.unit, zone },
      });
    }
  }
  return out;
}

export interface EvaluateInput {
  clientIds?: readonly number[];
  now?: Date;
}

export class AlertsEngine {
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly deps: Pick<AppContextDeps, 'ledger' | 'clock' | 'bus' | 'logger'>,
    /** extension point: other domains' alerts (the wallet's low balance) */
    readonly sources: AlertSource[] = [],
  ) {}

  private get db(): Kysely<Database> {
    return this.deps.ledger.db;
  }

  /** Evaluates the clients (default: every current client). Runs one at a time: a sync and an import may both call it. */
  evaluateAlerts(input: EvaluateInput = {}): Promise<{ raised: number; clients: number }> {
    const run = this.chain.then(() => this.evaluateNow(input));
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async clients(ids?: readonly number[]) {
    let q = this.db.selectFrom('clients').select(['id', 'name', 'time_zone']).where('archived_at', 'is', null);
    if (ids) q = q.where('id', 'in', ids.length > 0 ? [...ids] : [-1]);
    return q.orderBy('id').execute();
  }

  private async evaluateNow(input: EvaluateInput): Promise<{ raised: number; clients: number }> {
    const now = (input.now ?? this.deps.clock.now()).getTime();
    const clients = await this.clients(input.clientIds);
    const agency = await agencyZone(this.db);
    const catalog = await loadMetricCatalog(this.db, this.deps.logger);
    const reader = new UsageReader(this.deps.ledger.raw);
    const insert = this.deps.ledger.raw.prepare(
      `insert into alerts (client_id, kind, metric_key, period_label, threshold, dedupe_key, title, body, data, created_at)
       values (@client_id, @kind, @metric_key, @period_label, @threshold, @dedupe_key, @title, @body, @data, @created_at)
       on conflict (dedupe_key) do nothing returning id`,
    );
    let raised = 0;
    for (const client of clients) {
      let candidates: AlertCandidate[];
      try {
        const zone = clientZone(client, agency);
        const settings = await loadRuleSettings(this.db, client.id);
        const watch = await watchClient({ db: this.db, reader, catalog, client, zone, now });
        candidates = periodCandidates(watch, settings, now);
        if (settings.spikeEnabled) candidates.push(...spikeCandidates({ reader, catalog, clientId: client.id, clientName: client.name, zone, now, factor: settings.spikeFactor }));
        for (const s of this.sources) candidates.push(...(await s.candidates({ clientId: client.id, clientName: client.name, now: new Date(now) })));
      } catch (err) {
        this.deps.logger.warn(`Could not evaluate alerts for client ${client.id}`, { error: err instanceof Error ? err.message : String(err) });
        continue;
      }
      if (candidates.length === 0) continue;
      const createdAt = new Date(now).toISOString();
      const fresh = this.deps.ledger.raw.transaction(() => {
        const ids: Array<{ id: number; c: AlertCandidate }> = [];
        for (const c of candidates) {
          const row = insert.get({
            client_id: client.id,
            kind: c.kind,
            metric_key: c.metricKey,
            period_label: c.periodLabel,
            threshold: c.threshold,
            dedupe_key: dedupeKey(client.id, c),
            title: c.title,
            body: c.body,
            data: JSON.stringify(c.data),
            created_at: createdAt,
          }) as { id: number } | undefined;
          if (row) ids.push({ id: row.id, c });
        }
        return ids;
      })();
      for (const { id, c } of fresh) this.deps.bus.emit('alert.raised', { id, clientId: client.id, title: c.title, body: c.body });
      raised += fresh.length;
    }
    if (raised > 0) this.deps.bus.changed('alerts');
    return { raised, clients: clients.length };
  }

  /** Clients above a limit in their current period (derived from usage; nothing stored). */
  async overLimit(now = this.deps.clock.now()): Promise<OverLimit[]> {
    const clients = await this.clients();
    const agency = await agencyZone(this.db);
    const catalog = await loadMetricCatalog(this.db, this.deps.logger);
    const reader = new UsageReader(this.deps.ledger.raw);
    const out: OverLimit[] = [];
    for (const client of clients) {
      const w = await watchClient({ db: this.db, reader, catalog, client, zone: clientZone(client, agency), now: now.getTime() });
      for (const m of w.metrics) {
        if (m.limit && overLimit(m.quantity, m.limit.value)) {
          out.push({ clientId: client.id, clientName: client.name, metricKey: m.metric.key, periodLabel: w.period.label, quantity: decText(m.quantity), limit: decText(m.limit.value) });
        }
      }
    }
    return out;
  }
}
