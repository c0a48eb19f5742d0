// Runs in main. Custom metrics: created with a config the pricing engine can aggregate (checked by its
// MetricDefinition), deleted only while nothing refers to them. Built-ins (migration 0001) are neither
// replaced nor deleted. Reading the catalog stays in CatalogService (metrics.list).
import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import type { ParsedInput } from '../../shared/contract/commands';
import type { Metric } from '../../shared/domain/provider';
import { BUILT_IN_METRICS, MetricDefinition } from '../../shared/pricing/metrics';
import type { Database } from '../db/schema';
import { isForeignKeyViolation, isUniqueViolation } from '../db/sqlite-errors';
import type { AppContextDeps } from './app-deps';
import { writeAudit } from './audit';
import { AppError, notFound } from './errors';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Messages for the config fields where the engine's schema leaves zod's generic wording
 * ("Invalid input: expected number, received undefined"), keyed by field path.
 */
const CONFIG_MESSAGES: Record<string, string> = {
  'config.attribute': 'Name the attribute whose distinct values are counted (e.g. phoneNumber).',
  'config.prorateFromAttribute': 'Name the attribute that holds when each value was provisioned, or leave it out.',
  'config.per': 'A time-weighted metric is per second, minute, hour or day.',
  'config.mode': 'A time-weighted metric is in "level" mode (each event is the new level) or "delta" mode (each event is a change, +1 or -1).',
  'config.blockMinutes': 'Block minutes must be a whole number from 1 to 1440 (e.g. 15).',
  'config.excludeSegments': 'Excluded segments are a list of segment kinds (e.g. ["human_agent"]).',
};
const GENERIC = /^(Invalid input|Invalid option|Too big|Too small|Expected)/;

/** The engine's issues as field paths and messages a user can act on (first message per field). */
export function metricIssues(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    // an item of a list is reported on the list's field (config.excludeSegments.0 -> config.excludeSegments)
    const path = issue.path.filter((p) => typeof p !== 'number').map(String).join('.') || 'config';
    const friendly = CONFIG_MESSAGES[path];
    const message = friendly && GENERIC.test(issue.message) ? friendly : issue.message;
    if (!(path in fields)) fields[path] = message;
  }
  return fields;
}

const count = new Intl.NumberFormat('en-US');
const plural = (n: number, one: string, many: string) => `${count.format(n)} ${n === 1 ? one : many}`;
const list = (items: readonly string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`);

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const hasKey = (v: unknown, key: string) => isRecord(v) && Object.prototype.hasOwnProperty.call(v, key);
const chargesMetric = (charges: unknown, key: string) => Array.isArray(charges) && charges.some((c) => isRecord(c) && c.metricKey === key);

/** True when a plan definition charges the metric, limits it or gives trial units of it. */
export function definitionUsesMetric(definition: unknown, key: string): boolean {
  if (!isRecord(definition)) return false;
  return chargesMetric(definition.charges, key) || hasKey(definition.limits, key) || (isRecord(definition.trial) && hasKey(definition.trial.freeUnits, key));
}

/** True when a provider account's config holds a rate card that prices the metric. */
export function rateCardUsesMetric(config: unknown, key: string): boolean {
  return isRecord(config) && isRecord(config.rateCard) && chargesMetric(config.rateCard.charges, key);
}

export class MetricsService {
  constructor(private readonly deps: Pick<AppContextDeps, 'ledger' | 'clock' | 'bus'>) {}

  private get db(): Kysely<Database> {
    return this.deps.ledger.db;
  }

  async create(input: ParsedInput<'metrics.create'>): Promise<Metric> {
    const parsed = MetricDefinition.safeParse({ key: input.key, name: input.name, unit: input.unit, aggregation: input.aggregation, config: input.config });
    if (!parsed.success) {
      const fields = metricIssues(parsed.error);
      const [field, message] = Object.entries(fields)[0]!;
      throw new AppError('invalid_input', message, { field, fields });
    }
    const def = parsed.data;
    const builtIn = BUILT_IN_METRICS.find((m) => m.key === def.key);
    if (builtIn) throw new AppError('conflict', `"${def.key}" is the key of the built-in metric "${builtIn.name}": choose another key.`, { field: 'key' });
    const duplicate = () => new AppError('conflict', `A metric with key "${def.key}" already exists.`, { field: 'key' });
    const now = this.deps.clock.now();
    let id: number;
    try {
      id = await this.db.transaction().execute(async (trx) => {
        const existing = await trx.selectFrom('metrics').select('id').where('key', '=', def.key).executeTakeFirst();
        if (existing) throw duplicate();
        const row = await trx
          .insertInto('metrics')
          .values({ key: def.key, name: def.name, unit: def.unit, aggregation: def.aggregation, config: JSON.stringify(def.config), built_in: 0, created_at: now.toISOString() })
          .returning('id')
          .executeTakeFirstOrThrow();
        await writeAudit(trx, now, { action: 'metric.create', entity: 'metric', entityId: row.id, details: { key: def.key, aggregation: def.aggregation, config: def.config } });
        return row.id;
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw duplicate();
      throw err;
    }
    this.deps.bus.changed('metrics');
    return { id, key: def.key, name: def.name, unit: def.unit, aggregation: def.aggregation, config: def.config as Record<string, unknown>, builtIn: false };
  }

  /** Deletes a custom metric nothing refers to; otherwise says what uses it. */
  async delete(id: number): Promise<{ deleted: boolean }> {
    const now = this.deps.clock.now();
    try {
      await this.db.transaction().execute(async (trx) => {
        const metric = await trx.selectFrom('metrics').select(['id', 'key', 'name', 'built_in']).where('id', '=', id).executeTakeFirst();
        if (!metric) throw notFound('Metric', id);
        if (metric.built_in === 1) throw new AppError('conflict', `"${metric.name}" is a built-in metric: built-in metrics cannot be deleted.`);
        const uses = await usesOf(trx, metric.id, metric.key);
        if (uses.length > 0) {
          throw new AppError('conflict', `"${metric.name}" cannot be deleted: it is used by ${list(uses)}.`);
        }
        await trx.deleteFrom('usage_rollups').where('metric_id', '=', metric.id).execute();
        await trx.deleteFrom('metrics').where('id', '=', metric.id).execute();
        await writeAudit(trx, now, { action: 'metric.delete', entity: 'metric', entityId: metric.id, details: { key: metric.key, name: metric.name } });
      });
    } catch (err) {
      if (isForeignKeyViolation(err)) throw new AppError('conflict', 'This metric cannot be deleted: other records still refer to it.');
      throw err;
    }
    this.deps.bus.changed('metrics');
    return { deleted: true };
  }
}

/** What refers to a metric: usage events, plan versions, rate cards (human-readable, for the refusal). */
async function usesOf(db: Db, metricId: number, key: string): Promise<string[]> {
  const uses: string[] = [];
  const events = await db.selectFrom('usage_events').select((eb) => eb.fn.countAll<number>().as('n')).where('metric_id', '=', metricId).executeTakeFirstOrThrow();
  if (Number(events.n) > 0) uses.push(plural(Number(events.n), 'usage event', 'usage events'));

  // instr() narrows the scan to definitions naming the key at all; parsing decides (a plan name may contain it)
  const needle = JSON.stringify(key);
  const versions = await db
    .selectFrom('plan_versions as v')
    .innerJoin('plans as p', 'p.id', 'v.plan_id')
    .select(['p.id as planId', 'p.name', 'v.version', 'v.definition'])
    .where((eb) => eb(eb.fn('instr', ['v.definition', eb.val(needle)]), '>', 0))
    .orderBy('p.name_key')
    .orderBy('v.version')
    .execute();
  const plans = new Map<number, { name: string; versions: number[] }>();
  for (const v of versions) {
    if (!definitionUsesMetric(parseJson(v.definition), key)) continue;
    const entry = plans.get(v.planId) ?? { name: v.name, versions: [] };
    entry.versions.push(v.version);
    plans.set(v.planId, entry);
  }
  for (const p of plans.values()) uses.push(`plan "${p.name}" (version${p.versions.length > 1 ? 's' : ''} ${p.versions.join(', ')})`);

  const accounts = await db
    .selectFrom('provider_accounts')
    .select(['name', 'config'])
    .where((eb) => eb(eb.fn('instr', ['config', eb.val(needle)]), '>', 0))
    .orderBy('name_key')
    .execute();
  for (const a of accounts) if (rateCardUsesMetric(parseJson(a.config), key)) uses.push(`the rate card of "${a.name}"`);
  return uses;
}
