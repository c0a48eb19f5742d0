// Runs in main. Plans and their versions. A version used by a subscription (later: an issued invoice) is
// immutable: edits are saved as a new version, and a plan is deleted only while nothing uses any version.
// The definition is validated by the pricing engine against the metric catalog before anything is written.
import type { Kysely, Transaction } from 'kysely';
import type { ParsedInput } from '../../../shared/contract/commands';
import type { PlanDetail, PlanSummary, PlanVersionInfo } from '../../../shared/domain/pricing';
import { rateStatement, type PlanDefinition, type Statement } from '../../../shared/pricing';
import { isDecimalText } from '../../../shared/money/decimal';
import { periodContaining } from '../../../shared/time/billing-period';
import type { Database } from '../../db/schema';
import { isUniqueViolation } from '../../db/sqlite-errors';
import type { AppContextDeps } from '../app-deps';
import { writeAudit } from '../audit';
import { AppError, notFound } from '../errors';
import { nameKey } from '../name-key';
import { loadMetricCatalog } from './metric-catalog';
import { checkPlan } from './plan-check';
import { withRatingErrors } from './rating-errors';
import { describeUsage, isInUse, versionUsage } from './version-usage';
import { agencyZone, localDate } from './zones';

type Db = Kysely<Database> | Transaction<Database>;

interface VersionRow {
  id: number;
  plan_id: number;
  version: number;
  definition: string;
  created_at: string;
}

const duplicateName = (name: string, archived: boolean) =>
  new AppError(
    'conflict',
    archived ? `An archived plan is already named "${name}". Restore it, or choose another name.` : `A plan named "${name}" already exists. Choose another name.`,
    { field: 'definition.name' },
  );

export class PlansService {
  constructor(private readonly deps: Pick<AppContextDeps, 'ledger' | 'clock' | 'bus' | 'logger'>) {}

  private get db(): Kysely<Database> {
    return this.deps.ledger.db;
  }

  async list(input: ParsedInput<'plans.list'>): Promise<PlanSummary[]> {
    let q = this.db.selectFrom('plans').selectAll();
    if (input.show === 'current') q = q.where('archived_at', 'is', null);
    if (input.show === 'archived') q = q.where('archived_at', 'is not', null);
    const plans = await q.orderBy('name_key').orderBy('id').execute();
    if (plans.length === 0) return [];
    const ids = plans.map((p) => p.id);
    const latest = await this.db
      .selectFrom('plan_versions as v')
      .select(['v.plan_id', 'v.version', 'v.definition'])
      .where('v.plan_id', 'in', ids)
      .where('v.version', '=', (eb) => eb.selectFrom('plan_versions as w').whereRef('w.plan_id', '=', 'v.plan_id').select((e) => e.fn.max('w.version').as('m')))
      .execute();
    const today = localDate(this.deps.clock.now().getTime(), await agencyZone(this.db));
    const active = await this.db
      .selectFrom('subscriptions as s')
      .innerJoin('plan_versions as v', 'v.id', 's.plan_version_id')
      .select(['v.plan_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('v.plan_id', 'in', ids)
      .where((eb) => eb.or([eb('s.end_date', 'is', null), eb('s.end_date', '>', today)]))
      .groupBy('v.plan_id')
      .execute();
    const latestBy = new Map(latest.map((v) => [v.plan_id, v]));
    const activeBy = new Map(active.map((a) => [a.plan_id, Number(a.n)]));
    return plans.map((p) => {
      const v = latestBy.get(p.id)!;
      const def = JSON.parse(v.definition) as PlanDefinition;
      return {
        id: p.id,
        name: p.name,
        currency: p.currency,
        interval: def.interval,
        baseFee: def.baseFee,
        charges: def.charges.length,
        latestVersion: v.version,
        activeSubscriptions: activeBy.get(p.id) ?? 0,
        archived: p.archived_at !== null,
        updatedAt: p.updated_at,
      };
    });
  }

  async get(id: number): Promise<PlanDetail> {
    return this.detail(this.db, id);
  }

  async create(input: ParsedInput<'plans.create'>): Promise<PlanDetail> {
    const plan = checkPlan(input.definition, await loadMetricCatalog(this.db, this.deps.logger));
    const now = this.deps.clock.now();
    const at = now.toISOString();
    const detail = await this.db.transaction().execute(async (trx) => {
      await this.assertNameFree(trx, plan.name);
      let planId: number;
      try {
        planId = (
          await trx
            .insertInto('plans')
            .values({ name: plan.name, name_key: nameKey(plan.name), currency: plan.currency, archived_at: null, created_at: at, updated_at: at })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
      } catch (err) {
        if (isUniqueViolation(err)) throw duplicateName(plan.name, false);
        throw err;
      }
      const versionId = await this.insertVersion(trx, planId, 1, plan, at);
      await writeAudit(trx, now, { action: 'plan.create', entity: 'plan', entityId: planId, details: { name: plan.name, currency: plan.currency, versionId } });
      return this.detail(trx, planId);
    });
    this.deps.bus.changed('plans', 'plan_versions');
    return detail;
  }

  /** Edits a version nothing uses yet; a version in use is refused: save the edits as a new version. */
  async update(input: ParsedInput<'plans.update'>): Promise<PlanDetail> {
    const plan = checkPlan(input.definition, await loadMetricCatalog(this.db, this.deps.logger));
    const now = this.deps.clock.now();
    const at = now.toISOString();
    let changed = false;
    const detail = await this.db.transaction().execute(async (trx) => {
      const row = await this.planRow(trx, input.id);
      const version = await trx.selectFrom('plan_versions').selectAll().where('plan_id', '=', input.id).where('version', '=', input.version).executeTakeFirst();
      if (!version) throw new AppError('not_found', `Plan "${row.name}" has no version ${input.version}.`, { field: 'version' });
      const usage = (await versionUsage(trx, [version.id])).get(version.id)!;
      if (isInUse(usage)) {
        throw new AppError(
          'conflict',
          `Version ${version.version} of "${row.name}" is used by ${describeUsage(usage)}, so it cannot change. Save your edits as a new version.`,
          { field: 'version' },
        );
      }
      const text = JSON.stringify(plan);
      if (text === version.definition) return this.detail(trx, input.id);
      const latest = await this.latestVersion(trx, input.id);
      if (latest.id === version.id) await this.mirror(trx, input.id, plan, at);
      await trx.updateTable('plan_versions').set({ definition: text, updated_at: at }).where('id', '=', version.id).execute();
      const before = JSON.parse(version.definition) as PlanDefinition;
      await writeAudit(trx, now, {
        action: 'plan.update',
        entity: 'plan',
        entityId: input.id,
        details: { version: version.version, versionId: version.id, changed: changedKeys(before, plan) },
      });
      changed = true;
      return this.detail(trx, input.id);
    });
    if (changed) this.deps.bus.changed('plans', 'plan_versions');
    return detail;
  }

  async newVersion(input: ParsedInput<'plans.newVersion'>): Promise<PlanDetail> {
    const plan = checkPlan(input.definition, await loadMetricCatalog(this.db, this.deps.logger));
    const now = this.deps.clock.now();
    const at = now.toISOString();
    const detail = await this.db.transaction().execute(async (trx) => {
      await this.planRow(trx, input.id);
      const latest = await this.latestVersion(trx, input.id);
      await this.mirror(trx, input.id, plan, at);
      const versionId = await this.insertVersion(trx, input.id, latest.version + 1, plan, at);
      await writeAudit(trx, now, { action: 'plan.new_version', entity: 'plan', entityId: input.id, details: { version: latest.version + 1, versionId } });
      return this.detail(trx, input.id);
    });
    this.deps.bus.changed('plans', 'plan_versions');
    return detail;
  }

  /** Deletes a plan and its versions; refused while any version is in use (archive it instead). */
  async delete(id: number): Promise<{ deleted: boolean }> {
    const now = this.deps.clock.now();
    await this.db.transaction().execute(async (trx) => {
      const row = await this.planRow(trx, id);
      const versions = await trx.selectFrom('plan_versions').select(['id', 'version']).where('plan_id', '=', id).orderBy('version').execute();
      const usage = await versionUsage(
        trx,
        versions.map((v) => v.id),
      );
      const used = versions.filter((v) => isInUse(usage.get(v.id)!));
      if (used.length > 0) {
        const what = used.map((v) => `version ${v.version} is used by ${describeUsage(usage.get(v.id)!)}`).join(', ');
        throw new AppError('conflict', `"${row.name}" cannot be deleted: ${what}. Archive it instead, so no new client gets it.`);
      }
      await trx.deleteFrom('plan_versions').where('plan_id', '=', id).execute();
      await trx.deleteFrom('plans').where('id', '=', id).execute();
      await writeAudit(trx, now, { action: 'plan.delete', entity: 'plan', entityId: id, details: { name: row.name, versions: versions.length } });
    });
    this.deps.bus.changed('plans', 'plan_versions');
    return { deleted: true };
  }

  async archive(id: number): Promise<PlanDetail> {
    return this.setArchived(id, true);
  }

  async restore(id: number): Promise<PlanDetail> {
    return this.setArchived(id, false);
  }

  /**
   * What would this cost: rates the definition for the given quantities over the current calendar month in
   * the agency's zone, with no subscription (full period, no trial). Nothing is saved.
   */
  async preview(input: ParsedInput<'plans.preview'>): Promise<Statement> {
    const catalog = await loadMetricCatalog(this.db, this.deps.logger);
    const plan = checkPlan(input.definition, catalog);
    const keys = new Set([...Object.keys(input.usage), ...Object.keys(input.providerCost ?? {})]);
    const usage: Record<string, { quantity: string; providerCost?: string }> = {};
    for (const key of [...keys].sort()) {
      if (!catalog.byKey(key)) throw new AppError('invalid_input', `Unknown metric "${key}".`, { field: `usage.${key}` });
      const quantity = input.usage[key] ?? '0';
      const cost = input.providerCost?.[key];
      if (!isDecimalText(quantity.trim())) {
        throw new AppError('invalid_input', `The quantity of "${key}" must be a number like 1500 (got "${quantity}").`, { field: `usage.${key}` });
      }
      if (cost !== undefined && !isDecimalText(cost.trim())) {
        throw new AppError('invalid_input', `The provider cost of "${key}" must be a decimal number like 0.35 (got "${cost}").`, { field: `providerCost.${key}` });
      }
      usage[key] = { quantity: quantity.trim(), ...(cost !== undefined ? { providerCost: cost.trim() } : {}) };
    }
    const zone = await agencyZone(this.db);
    const period = periodContaining(this.deps.clock.now().getTime(), { interval: 'month', anchor: { kind: 'calendar' }, zone });
    return withRatingErrors(() =>
      rateStatement({ plan, planVersionId: 'preview', client: { currency: plan.currency }, period, usage, metrics: catalog.metrics }),
    );
  }

  private async setArchived(id: number, archived: boolean): Promise<PlanDetail> {
    const now = this.deps.clock.now();
    const detail = await this.db.transaction().execute(async (trx) => {
      const row = await this.planRow(trx, id);
      if ((row.archived_at !== null) === archived) throw new AppError('conflict', archived ? `"${row.name}" is already archived.` : `"${row.name}" is not archived.`);
      await trx
        .updateTable('plans')
        .set({ archived_at: archived ? now.toISOString() : null, updated_at: now.toISOString() })
        .where('id', '=', id)
        .execute();
      await writeAudit(trx, now, { action: archived ? 'plan.archive' : 'plan.restore', entity: 'plan', entityId: id });
      return this.detail(trx, id);
    });
    this.deps.bus.changed('plans');
    return detail;
  }

  private async planRow(db: Db, id: number) {
    const row = await db.selectFrom('plans').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('Plan', id);
    return row;
  }

  private async latestVersion(db: Db, planId: number): Promise<VersionRow> {
    return db.selectFrom('plan_versions').selectAll().where('plan_id', '=', planId).orderBy('version', 'desc').limit(1).executeTakeFirstOrThrow();
  }

  private async insertVersion(db: Db, planId: number, version: number, plan: PlanDefinition, at: string): Promise<number> {
    const row = await db
      .insertInto('plan_versions')
      .values({ plan_id: planId, version, definition: JSON.stringify(plan), created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** The plan row mirrors the latest version's name and currency. */
  private async mirror(db: Db, planId: number, plan: PlanDefinition, at: string): Promise<void> {
    await this.assertNameFree(db, plan.name, planId);
    try {
      await db.updateTable('plans').set({ name: plan.name, name_key: nameKey(plan.name), currency: plan.currency, updated_at: at }).where('id', '=', planId).execute();
    } catch (err) {
      if (isUniqueViolation(err)) throw duplicateName(plan.name, false);
      throw err;
    }
  }

  private async assertNameFree(db: Db, name: string, exceptId?: number): Promise<void> {
    let q = db.selectFrom('plans').select(['id', 'name', 'archived_at']).where('name_key', '=', nameKey(name));
    if (exceptId !== undefined) q = q.where('id', '!=', exceptId);
    const clash = await q.executeTakeFirst();
    if (clash) throw duplicateName(clash.name, clash.archived_at !== null);
  }

  private async detail(db: Db, id: number): Promise<PlanDetail> {
    const row = await this.planRow(db, id);
    const versions = await db.selectFrom('plan_versions').selectAll().where('plan_id', '=', id).orderBy('version').execute();
    const usage = await versionUsage(
      db,
      versions.map((v) => v.id),
    );
    const infos: PlanVersionInfo[] = versions.map((v) => {
      const u = usage.get(v.id)!;
      return {
        id: v.id,
        version: v.version,
        definition: JSON.parse(v.definition) as Record<string, unknown>,
        createdAt: v.created_at,
        inUse: isInUse(u),
        subscriptions: u.subscriptions,
      };
    });
    return { id: row.id, name: row.name, currency: row.currency, archived: row.archived_at !== null, versions: infos, latest: infos[infos.length - 1]! };
  }
}

/** Top-level keys of the definition that differ (for the audit trail). */
function changedKeys(before: PlanDefinition, after: PlanDefinition): string[] {
  const a = before as unknown as Record<string, unknown>;
  const b = after as unknown as Record<string, unknown>;
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k])).sort();
}
