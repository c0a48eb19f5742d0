// The crash campaign (test/campaign/crash/): the real `meterbook` CLI SIGKILLed at random points of an import,
// a sync, a period close, a batch issue, a Stripe outbox drain and all of a month end in a row, restarted until it
// finishes, then checked against the ledger invariants and a clean run. Bounded here (CI: 12 iterations, two per
// scenario, plus the regression seeds: 1.5 minutes on this 2-core machine, up to ~3 when it is busy); longer on demand:
//   CRASH_ITERATIONS=200 npm run campaign:crash          (seeds CRASH_SEED, CRASH_SEED+1, ...; default seed 1)
//   CRASH_SEED=1234 CRASH_ITERATIONS=1 npx vitest run test/integration/crash-campaign.test.ts   (one iteration again)
//   CRASH_SCENARIOS=mixed CRASH_ITERATIONS=20 npm run campaign:crash      (the rotation; default import,sync,close,issue,stripe,mixed)
// Regression seeds (iterations that once found a bug) always run first.
import { afterAll, describe, expect, it } from 'vitest';
import { CrashCampaign, formatSummary, SCENARIO_ORDER, summarize, type IterationResult } from '../campaign/crash/campaign';

const ITERATIONS = Number(process.env.CRASH_ITERATIONS ?? 12);
const SEED = Number(process.env.CRASH_SEED ?? 1);
const ORDER = process.env.CRASH_SCENARIOS?.split(',').map((s) => s.trim()) ?? SCENARIO_ORDER;
/**
 * seeds that found something once (see docs/CAMPAIGNS.md), in the default rotation:
 * 5026 (stripe) kills right after Stripe emailed an invoice and restarts 25 h later: the documented double email
 */
const REGRESSION_SEEDS: number[] = [5026];
/** up to ~15 s per iteration on a busy 2-core machine, plus templates and clean runs */
const TIMEOUT = 120_000 + (ITERATIONS + REGRESSION_SEEDS.length) * 40_000;

describe('crash campaign', () => {
  const campaign = new CrashCampaign((line) => process.stdout.write(`${line}\n`), ORDER);
  afterAll(() => campaign.close());

  it(`${ITERATIONS} iterations from seed ${SEED} (${ORDER.join(', ')}): every invariant holds after SIGKILLs and restarts`, async () => {
    const t0 = performance.now();
    const results: IterationResult[] = [];
    const seeds = process.env.CRASH_SEED === undefined ? [...REGRESSION_SEEDS] : [];
    for (let i = 0; i < ITERATIONS; i++) seeds.push(SEED + i);
    for (const seed of seeds) results.push(await campaign.iteration(seed));
    const summary = summarize(results, Math.round(performance.now() - t0));
    process.stdout.write(`${formatSummary(summary)}\n`);
    const failed = results.filter((r) => r.violations.length > 0).map((r) => `seed ${r.seed} (${r.scenario}): ${r.violations.join('; ')}`);
    expect(failed).toEqual([]);
    if (ITERATIONS >= 12) expect(summary.kills).toBeGreaterThan(0);
  }, TIMEOUT);
});
