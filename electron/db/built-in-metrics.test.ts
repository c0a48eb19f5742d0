import { describe, expect, it } from 'vitest';
import { BUILT_IN_METRICS } from '../../shared/pricing/metrics';
import { openTempContext } from '../../test/helpers/temp-context';

describe('built-in metrics', () => {
  it('the pricing engine and the ledger define the same built-ins (key, unit, aggregation, config)', async () => {
    const ctx = await openTempContext();
    const rows = ctx.ledger.raw.prepare('select key, unit, aggregation, config from metrics where built_in = 1 order by key').all() as Array<{
      key: string;
      unit: string;
      aggregation: string;
      config: string;
    }>;
    await ctx.dispose();
    const engine = [...BUILT_IN_METRICS].sort((a, b) => a.key.localeCompare(b.key));
    expect(rows.map((r) => [r.key, r.unit, r.aggregation])).toEqual(engine.map((m) => [m.key, m.unit, m.aggregation]));
    for (const r of rows) {
      const m = engine.find((e) => e.key === r.key)!;
      // the engine may add defaults (mode: 'level'); every ledger setting must agree with it
      expect(m.config).toMatchObject(JSON.parse(r.config));
    }
  });
});
