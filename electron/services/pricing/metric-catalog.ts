// Runs in main. The metric catalog the pricing engine validates and aggregates against: the `metrics` table
// (built-ins from migration 0001 plus custom metrics), parsed into the engine's MetricDefinition.
import type { Kysely } from 'kysely';
import { MetricDefinition } from '../../../shared/pricing/metrics';
import type { Database } from '../../db/schema';
import type { Logger } from '../logger';

export type CatalogMetric = MetricDefinition & { id: number };

export interface MetricCatalog {
  /** every usable metric, in the engine's shape */
  readonly metrics: readonly MetricDefinition[];
  byKey(key: string): CatalogMetric | undefined;
  byId(id: number): CatalogMetric | undefined;
}

/**
 * Loads the catalog. A custom metric whose stored config the engine cannot read is left out (and logged):
 * plans cannot charge it until it is fixed, rather than every statement failing.
 */
export async function loadMetricCatalog(db: Kysely<Database>, logger?: Logger): Promise<MetricCatalog> {
  const rows = await db.selectFrom('metrics').select(['id', 'key', 'name', 'unit', 'aggregation', 'config']).orderBy('id').execute();
  const list: CatalogMetric[] = [];
  for (const r of rows) {
    let config: unknown;
    try {
      config = JSON.parse(r.config);
    } catch {
      config = undefined;
    }
    const parsed = MetricDefinition.safeParse({ key: r.key, name: r.name, unit: r.unit, aggregation: r.aggregation, config });
    if (parsed.success) list.push({ ...parsed.data, id: r.id });
    else logger?.warn(`Metric "${r.key}" has a configuration the pricing engine cannot read; it is left out of pricing.`, { issue: parsed.error.issues[0]?.message });
  }
  const byKey = new Map(list.map((m) => [m.key, m]));
  const byId = new Map(list.map((m) => [m.id, m]));
  return {
    metrics: list.map(({ id: _id, ...m }) => m as MetricDefinition),
    byKey: (key) => byKey.get(key),
    byId: (id) => byId.get(id),
  };
}
