// Runs in main. A client's rated statement for one billing period: which subscription and period apply,
// the client's usage and its provider cost from the ledger, then the pure engine's rateStatement.
//
// Period lookup: for each of the client's subscriptions the label ("2026-10", "2026") is turned into a period
// with that plan version's interval and anchor, in the client's zone (client override, else the agency's, else
// UTC). The statement uses the subscription in force at that period's start, else the first one that starts
// inside it (its base fee prorated by the plan's policy). A plan change inside a period applies from the next
// period ("The change applies next billing cycle", reference/000): the period is billed whole on the plan in
// force at its start, and a note says so. An 'immediate' change (subscriptions.changePlan) is billed per the old plan's
// proration policy instead: under prorate_immediately a plan_change line adds (new − old base fee) × the rest of
// the period; under next_cycle the period stays on the old plan. Pauses, the subscription's own trial and the
// period's licenses come from lifecycle-inputs.ts.
import type { Kysely } from 'kysely';
import type { ParsedInput } from '../../../shared/contract/commands';
import type { ClientStatement } from '../../../shared/domain/pricing';
import { rateStatement, toBillingUnit, type Adjustment, type PlanDefinition } from '../../../shared/pricing';
import { Dec, decText } from '../../../shared/money/decimal';
import { periodByLabel, previousPeriod, type BillingPeriod, type PeriodSpec } from '../../../shared/time/billing-period';
import type { Database } from '../../db/schema';
import type { AppContextDeps } from '../app-deps';
import { AppError, notFound } from '../errors';
import { readClientUsage, type MetricUsage } from './client-usage';
import { loadMetricCatalog, type MetricCatalog } from './metric-catalog';
import { loadExchangeRates } from '../exchange-rates-service';
import { clientProviderCosts, loadProviderAccounts } from './provider-costs';
import { withRatingErrors } from './rating-errors';
import { clientSubscriptions, type SubscriptionRecord } from './subscriptions-service';
import { UsageReader, type UsageWindow } from './usage-reader';
import { agencyZone, clientZone, localDayStart } from './zones';
import { periodLicenses, periodPauses, subscriptionExtras, withoutWindows, type SubscriptionExtras } from './lifecycle-inputs';

const DAY_MS = 86_400_000;
const QUANTITY_DECIMALS = 12;

/** The subscription a period label is billed on, and that period. */
export interface Chosen {
  subscription: SubscriptionRecord;
  spec: PeriodSpec;
  period: BillingPeriod;
}

export class StatementsService {
  constructor(private readonly deps: Pick<AppContextDeps, 'ledger' | 'logger'>) {}

  private get db(): Kysely<Database> {
    return this.deps.ledger.db;
  }

  async get(input: ParsedInput<'statements.get'>): Promise<ClientStatement> {
    const client = await this.db.selectFrom('clients').select(['id', 'name', 'currency', 'time_zone']).where('id', '=', input.clientId).executeTakeFirst();
    if (!client) throw notFound('Client', input.clientId);
    const zone = clientZone(client, await agencyZone(this.db));
    const subscriptions = await clientSubscriptions(this.db, client.id);
    const chosen = choose(subscriptions, input.period, zone, client.name);
    const catalog = await loadMetricCatalog(this.db, this.deps.logger);
    const reader = new UsageReader(this.deps.ledger.raw);
    const window: UsageWindow = { start: Date.parse(chosen.period.start), end: Date.parse(chosen.period.end) };
    const usage = readClientUsage(reader, catalog, client.id, window);
    return rateChosen({
      db: this.db,
      reader,
      catalog,
      client,
      zone,
      subscriptions,
      chosen,
      extras: await subscriptionExtras(this.db, client.id),
      usage,
      costsFor: async (planCurrency) => {
        const accountIds = [...new Set([...usage.values()].flatMap((u) => [...u.perAccount.keys()]))];
        const accounts = await loadProviderAccounts(this.db, accountIds, catalog);
        const exchangeRates = await loadExchangeRates(this.db);
        return clientProviderCosts({ reader, catalog, accounts, clientId: client.id, window, usage, planCurrency, exchangeRates });
      },
    });
  }
}

/** What rateChosen needs: the chosen subscription and period, the client's usage in it, and how to cost it. */
export interface RateChosenInput {
  db: Kysely<Database>;
  reader: UsageReader;
  catalog: MetricCatalog;
  client: { id: number; name: string; currency: string };
  zone: string;
  /** all the client's subscriptions (the successor of the chosen one decides plan-change proration) */
  subscriptions: readonly SubscriptionRecord[];
  chosen: Chosen;
  extras: ReadonlyMap<number, SubscriptionExtras>;
  /** the client's usage in the chosen period (readClientUsage) */
  usage: ReadonlyMap<number, MetricUsage>;
  /** provider costs in the plan's currency; asked only once the plan's currency is known to be the client's */
  costsFor(planCurrency: string): Promise<{ perMetric: ReadonlyMap<string, Dec>; rateCardAccounts: readonly number[]; notes?: readonly string[] }> | { perMetric: ReadonlyMap<string, Dec>; rateCardAccounts: readonly number[]; notes?: readonly string[] };
  /** false when the caller knows the client has no pauses / licenses: their queries are skipped */
  mayHavePauses?: boolean;
  mayHaveLicenses?: boolean;
  /** the batch rater passes a memoised version (same results) */
  localDayStart?: typeof localDayStart;
}

/**
 * The one rating step shared by statements.get and the dashboard's batch rater: plan change, trial, pauses and
 * licenses turned into the engine's input, rateStatement, and the ClientStatement with its notes.
 */
export async function rateChosen(input: RateChosenInput): Promise<ClientStatement & { notes: string[] }> {
  const { db, reader, catalog, client, zone, subscriptions, extras, usage } = input;
  const dayStart = input.localDayStart ?? localDayStart;
  const { subscription: sub, period, spec } = input.chosen;
  const plan = sub.definition;
  if (plan.currency !== client.currency) {
    throw new AppError(
      'conflict',
      `${client.name} is invoiced in ${client.currency} but its plan "${plan.name}" v${sub.version} bills in ${plan.currency}. Assign a ${client.currency} plan, or change the client's currency back.`,
      { field: 'clientId' },
    );
  }

  const notes: string[] = [];
  const adjustments: Adjustment[] = [];
  const subStart = dayStart(sub.startDate, zone);
  let subEnd = sub.endDate === null ? undefined : dayStart(sub.endDate, zone);
  const periodEnd = Date.parse(period.end);
  const successor = subscriptions.find((s) => sub.endDate !== null && s.startDate === sub.endDate);
  const immediate = successor !== undefined && extras.get(successor.id)?.changeMode === 'immediate';
  if (subEnd !== undefined && subEnd < periodEnd && successor && immediate && plan.proration === 'prorate_immediately') {
    adjustments.push({
      kind: 'plan_change',
      at: subEnd,
      fromBaseFee: plan.baseFee,
      toBaseFee: successor.definition.baseFee,
      description: `Plan change to "${successor.planName}" v${successor.version} on ${successor.startDate}`,
    });
    notes.push(
      `${client.name} moved to "${successor.planName}" v${successor.version} on ${successor.startDate}: the base fee is prorated between both plans ("${plan.name}" prorates immediately); this period's usage is rated on "${plan.name}" v${sub.version}.`,
    );
    subEnd = undefined;
  } else if (subEnd !== undefined && subEnd < periodEnd && successor && immediate) {
    notes.push(
      `${client.name} moved to "${successor.planName}" v${successor.version} on ${successor.startDate}. "${plan.name}" applies changes at the next cycle, so this period is billed on "${plan.name}" v${sub.version}.`,
    );
    subEnd = undefined;
  } else if (subEnd !== undefined && subEnd < periodEnd && successor) {
    notes.push(
      `${client.name} moves to "${successor.planName}" v${successor.version} on ${successor.startDate}. A plan change applies from the next period, so this period is billed on "${plan.name}" v${sub.version}.`,
    );
    subEnd = undefined;
  }

  const costs = await input.costsFor(plan.currency);
  notes.push(...(costs.notes ?? []));

  const rated = [...usage.values()].sort((a, b) => a.metric.key.localeCompare(b.metric.key));
  const usageInput: Record<string, { quantity: Dec; events: number; providerCost: Dec; trialQuantity?: Dec }> = {};
  for (const u of rated) usageInput[u.metric.key] = { quantity: u.quantity, events: u.events, providerCost: costs.perMetric.get(u.metric.key) ?? new Dec(0) };

  // The subscription's own trial (subscriptions.startTrial) wins over the plan's trial terms.
  const own = extras.get(sub.id);
  const ownTrial = own?.trialEnd ? { end: dayStart(own.trialEnd, zone), freeUnits: own.trialFreeUnits ?? {} } : null;
  const planTrial = plan.trial?.freeUnits && plan.trial.days ? { end: subStart + plan.trial.days * DAY_MS, freeUnits: plan.trial.freeUnits } : null;
  const ratePlan: PlanDefinition = ownTrial ? { ...plan, trial: Object.keys(ownTrial.freeUnits).length > 0 ? { freeUnits: ownTrial.freeUnits } : undefined } : plan;
  const trial = trialInputs({ trial: ownTrial ?? planTrial, plan, spec, period, subStart, reader, catalog, clientId: client.id, usage });
  for (const [key, q] of trial.trialQuantity) if (usageInput[key]) usageInput[key].trialQuantity = q;

  // Usage while paused is kept in the ledger and flagged here, not billed.
  const pauses = input.mayHavePauses === false ? [] : await periodPauses(db, client.id, period, zone);
  if (pauses.length > 0) {
    const paused = withoutWindows({ reader, catalog, clientId: client.id, usage }, pauses, usageInput);
    for (const [key, q] of paused.removed) {
      notes.push(`${decText(q)} ${key} used while ${client.name} was paused (${pauses.map((p) => `${p.from} to ${p.to ?? 'resume'}`).join(', ')}) ${q.eq(1) ? 'is' : 'are'} kept but not billed.`);
    }
    if (paused.unsplit.length > 0) notes.push(`Usage of ${paused.unsplit.join(', ')} while paused cannot be separated from the rest of the period and is billed.`);
  }
  if (ownTrial && own && !own.trialBillBeyond) {
    const w = { start: Math.max(Date.parse(period.start), subStart), end: Math.min(periodEnd, ownTrial.end) };
    if (w.end > w.start) {
      const inTrial = withoutWindows({ reader, catalog, clientId: client.id, usage }, [w], usageInput);
      for (const key of Object.keys(ownTrial.freeUnits)) if (usageInput[key]) usageInput[key].trialQuantity = new Dec(0);
      for (const [key, q] of inTrial.removed) notes.push(`${decText(q)} ${key} used during the trial (until ${own.trialEnd}) ${q.eq(1) ? 'is' : 'are'} not billed: usage beyond the trial's free units is not billable for this client.`);
    }
  }
  if (input.mayHaveLicenses !== false) {
    const licenses = await periodLicenses(db, client.id, period, plan);
    adjustments.push(...licenses.adjustments);
    notes.push(...licenses.notes);
  }

  const statement = withRatingErrors(() =>
    rateStatement({
      plan: ratePlan,
      planVersionId: sub.planVersionId,
      rateCard: costs.rateCardAccounts.length > 0 ? { id: costs.rateCardAccounts.join(','), currency: plan.currency } : null,
      client: { currency: client.currency },
      period: { start: period.start, end: period.end },
      usage: usageInput,
      metrics: catalog.metrics,
      subscription: {
        start: subStart,
        ...(subEnd !== undefined ? { end: subEnd } : {}),
        ...(ownTrial ? { trialEnd: ownTrial.end } : {}),
        ...(pauses.length > 0 ? { pauses: pauses.map((p) => ({ start: p.start, end: p.end })) } : {}),
        trialFreeUnitsUsed: trial.usedBefore,
      },
      ...(adjustments.length > 0 ? { adjustments } : {}),
    }),
  );

  const { definition: _definition, ...subscription } = sub;
  return {
    clientId: client.id,
    clientName: client.name,
    period: { label: period.label, start: period.start, end: period.end, zone: period.zone },
    subscription,
    planVersion: sub.version,
    statement,
    usage: rated
      .filter((u) => u.events > 0 || !u.quantity.isZero() || !usageInput[u.metric.key]!.providerCost.isZero())
      .map((u) => ({
        metricKey: u.metric.key,
        quantity: decText(u.quantity.toDecimalPlaces(QUANTITY_DECIMALS, Dec.ROUND_HALF_UP)),
        events: u.events,
        providerCost: decText(usageInput[u.metric.key]!.providerCost),
      })),
    notes,
  };
}

/** The subscription and period a label refers to (see the file comment). */
export function choose(
  subscriptions: readonly SubscriptionRecord[],
  label: string,
  zone: string,
  clientName: string,
  /** the batch rater passes memoised versions (same results) */
  time: { periodByLabel?: typeof periodByLabel; localDayStart?: typeof localDayStart } = {},
): Chosen {
  const byLabel = time.periodByLabel ?? periodByLabel;
  const dayStart = time.localDayStart ?? localDayStart;
  const annual = !label.includes('-');
  if (!annual && !/^\d{4}-(0[1-9]|1[0-2])$/.test(label)) {
    throw new AppError('invalid_input', `Period must look like 2026-10 (a month from 01 to 12), or 2026 for annual plans (got "${label}").`, { field: 'period' });
  }
  const noPlan = () => new AppError('not_found', `"${clientName}" has no plan for ${label}. Assign one on the client page.`);
  const matching = [...subscriptions].reverse().filter((s) => (s.definition.interval === 'year') === annual);
  if (matching.length === 0 && subscriptions.length > 0) {
    const other = subscriptions[0]!.definition.interval === 'year' ? 'annual' : 'monthly';
    const example = other === 'annual' ? label.slice(0, 4) : `${label}-01`;
    throw new AppError('invalid_input', `"${clientName}" is billed on ${other} plans: ask for a period like ${example}.`, { field: 'period' });
  }
  let startingInside: Chosen | null = null;
  for (const s of matching) {
    const spec: PeriodSpec = { interval: s.definition.interval, anchor: s.definition.anchor, zone };
    const period = byLabel(label, spec);
    const pStart = Date.parse(period.start);
    const pEnd = Date.parse(period.end);
    const start = dayStart(s.startDate, zone);
    const end = s.endDate === null ? Number.POSITIVE_INFINITY : dayStart(s.endDate, zone);
    if (start <= pStart && pStart < end) return { subscription: s, spec, period };
    if (pStart < start && start < pEnd && startingInside === null) startingInside = { subscription: s, spec, period };
  }
  if (startingInside) return startingInside;
  throw noPlan();
}

/**
 * Trial free units need the usage that happened during the trial when the trial ends inside the period
 * (`trialQuantity`), and what earlier periods already used of them (`trialFreeUnitsUsed`).
 */
export function trialInputs(input: {
  /** the trial's end (exclusive) and free units: the subscription's own, else the plan's */
  trial: { end: number; freeUnits: Readonly<Record<string, string>> } | null;
  plan: PlanDefinition;
  spec: PeriodSpec;
  period: BillingPeriod;
  subStart: number;
  reader: UsageReader;
  catalog: MetricCatalog;
  clientId: number;
  usage: ReadonlyMap<number, MetricUsage>;
}): { trialQuantity: Map<string, Dec>; usedBefore: Record<string, string> } {
  const { plan, spec, period, subStart, reader, catalog, clientId } = input;
  const trialQuantity = new Map<string, Dec>();
  const usedBefore: Record<string, string> = {};
  if (!input.trial) return { trialQuantity, usedBefore };
  const free = input.trial.freeUnits;
  const trialEnd = input.trial.end;
  const charges = plan.charges.filter((c) => free[c.metricKey] !== undefined && catalog.byKey(c.metricKey));
  const metricIds = new Set(charges.map((c) => catalog.byKey(c.metricKey)!.id));
  const inTrial = (p: { start: string; end: string }): UsageWindow | null => {
    const start = Math.max(Date.parse(p.start), subStart);
    const end = Math.min(Date.parse(p.end), trialEnd);
    return end > start ? { start, end } : null;
  };

  const current = inTrial(period);
  // the engine only uses trial inputs in a period the trial overlaps
  if (!current) return { trialQuantity, usedBefore };
  if (!(current.start === Date.parse(period.start) && current.end === Date.parse(period.end))) {
    const u = readClientUsage(reader, catalog, clientId, current, { metricIds });
    for (const c of charges) trialQuantity.set(c.metricKey, u.get(catalog.byKey(c.metricKey)!.id)?.quantity ?? new Dec(0));
  }

  // Earlier periods of this subscription that overlapped the trial, oldest first.
  const earlier: BillingPeriod[] = [];
  for (let p = previousPeriod(period, spec); Date.parse(p.end) > subStart; p = previousPeriod(p, spec)) earlier.unshift(p);
  const used = new Map<string, Dec>();
  for (const p of earlier) {
    const w = inTrial(p);
    if (!w) continue;
    const u = readClientUsage(reader, catalog, clientId, w, { metricIds });
    const periodMs = Date.parse(p.end) - Date.parse(p.start);
    for (const c of charges) {
      const metric = catalog.byKey(c.metricKey)!;
      const q = toBillingUnit(u.get(metric.id)?.quantity ?? new Dec(0), c.unitDivisor, metric, periodMs);
      const before = used.get(c.metricKey) ?? new Dec(0);
      const left = Dec.max(new Dec(0), new Dec(free[c.metricKey]!).minus(before));
      used.set(c.metricKey, before.plus(Dec.min(left, q)));
    }
  }
  for (const [key, q] of used) usedBefore[key] = decText(q);
  return { trialQuantity, usedBefore };
}
