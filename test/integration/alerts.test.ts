// Limits and alerts end to end below the UI: real temp SQLite, usage written through the real UsageStore with
// explicit client mappings, a clock the test moves; the sync and import hooks; kill -9 during evaluation.
import { spawn } from 'node:child_process';
import BetterSqlite3 from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CommandInput } from '../../shared/contract/commands';
import { openAppContext } from '../../electron/services/app-context';
import { fixedClock, type Clock } from '../../electron/services/clock';
import { silentLogger } from '../../electron/services/logger';
import { CALLS_HEADER, CALLS_MAPPING, callRows, setUpAgency, writeFile } from '../../electron/services/import/test-support';
import { agentClaraResale, makeAccount, makeClient, rows, writeUsage } from '../../electron/services/pricing/test-fixtures';
import { startFakeVapi } from '../fakes';
import { NODE22, REPO_ROOT } from './helpers/cli';
import { ok, openTempContext, tempDir, type TempContext } from '../helpers/temp-context';

type StartInput = CommandInput<'import.start'>;
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function movableClock(iso: string): Clock & { set(iso: string): void } {
  let at = new Date(iso);
  return { now: () => new Date(at), set: (next) => (at = new Date(next)) };
}

async function setup(now = '2026-11-20T12:00:00.000Z') {
  const clock = movableClock(now);
  const ctx = await openTempContext({ clock });
  cleanups.push(() => ctx.dispose());
  const raised: Array<{ id: number; title: string }> = [];
  ctx.bus.subscribe((name, payload) => {
    if (name === 'alert.raised') raised.push(payload as { id: number; title: string });
  });
  const account = await makeAccount(ctx, 'AgentClara');
  return { ctx, clock, account, raised };
}

/** A client on the AgentClara resale plan (1,000 interactions included, $0.35 each above). */
async function planClient(ctx: TempContext, name = 'Acme', settings: Record<string, unknown> = { thresholds: [50, 75, 90, 100], projectedEnabled: false, spikeEnabled: false }) {
  const clientId = await makeClient(ctx, name);
  const plan = ok(await ctx.dispatch('plans.create', { definition: agentClaraResale() as Record<string, unknown> }));
  ok(await ctx.dispatch('subscriptions.assign', { clientId, planId: plan.id, startDate: '2026-10-01' }));
  ok(await ctx.dispatch('alertSettings.set', { clientId, ...settings } as never));
  return clientId;
}

const evaluate = async (ctx: TempContext) => ok(await ctx.dispatch('alerts.evaluate', {}));
const alerts = async (ctx: TempContext, input: Record<string, unknown> = {}) => ok(await ctx.dispatch('alerts.list', { limit: 500, ...input }));
const summary = async (ctx: TempContext) =>
  (await alerts(ctx)).items.map((a) => `${a.kind}:${a.metricKey}:${a.periodLabel}:${a.threshold ?? ''}`).sort();

describe('threshold alerts', () => {
  it('fire once per threshold as usage grows, not again in the same period, and again next period', async () => {
    const { ctx, clock, account, raised } = await setup('2026-11-20T12:00:00.000Z');
    const c = await planClient(ctx);
    writeUsage(ctx, account, [{ client: c, metric: 'interactions', quantity: 400, at: '2026-11-02T10:00:00Z' }]);
    expect(await evaluate(ctx)).toMatchObject({ raised: 0 });

    writeUsage(ctx, account, [{ client: c, metric: 'interactions', quantity: 200, at: '2026-11-03T10:00:00Z' }]); // 600 = 60 %
    expect(await evaluate(ctx)).toMatchObject({ raised: 1 });
    writeUsage(ctx, account, [{ client: c, metric: 'interactions', quantity: 200, at: '2026-11-04T10:00:00Z' }]); // 800 = 80 %
    expect(await evaluate(ctx)).toMatchObject({ raised: 1 });
    expect(await evaluate(ctx)).toMatchObject({ raised: 0 });
    writeUsage(ctx, account, [{ client: c, metric: 'interactions', quantity: 150, at: '2026-11-05T10:00:00Z' }]); // 950 = 95 %
    expect(await evaluate(ctx)).toMatchObject({ raised: 1 });
    expect(await evaluate(ctx)).toMatchObject({ raised: 0 });
    expect(await summary(ctx)).toEqual(['threshold:interactions:2026-11:50', 'threshold:interactions:2026-11:75', 'threshold:interactions:2026-11:90']);

    const list = await alerts(ctx);
    expect(list).toMatchObject({ total: 3, unread: 3 });
    expect(list.items[0]).toMatchObject({
      kind: 'threshold',
      clientName: 'Acme',
      threshold: 90,
      title: 'Acme: 90% of the Interactions allowance used',
      body: '950 of 1,000 interactions used in 2026-11 (95%).',
      data: { quantity: '950', allowance: '1000', percent: '95', threshold: 90 },
    });
    expect(raised.map((r) => r.title)).toEqual([
      'Acme: 50% of the Interactions allowance used',
      'Acme: 75% of the Interactions allowance used',
      'Acme: 90% of the Interactions allowance used',
    ]);

    // next period: the same thresholds fire again
    clock.set('2026-12-20T12:00:00.000Z');
    writeUsage(ctx, account, [{ client: c, metric: 'interactions', quantity: 960, at: '2026-12-02T10:00:00Z' }]);
    expect(await evaluate(ctx)).toMatchObject({ raised: 3 });
    expect((await summary(ctx)).filter((s) => s.includes('2026-12'))).toEqual([
      'threshold:interactions:2026-12:50',
      'threshold:interactions:2026-12:75',
      'threshold:interactions:2026-12:90',
    ]);

    // the alert centre: unread count, filter, mark read
    expect(ok(await ctx.dispatch('alerts.markRead', { ids: [list.items[0]!.id] }))).toEqual({ marked: 1, unread: 5 });
    expect((await alerts(ctx, { unreadOnly: true })).total).toBe(5);
    expect(ok(await ctx.dispatch('alerts.markRead', { all: true }))).toEqual({ marked: 5, unread: 0 });
    expect(await ctx.dispatch('alerts.markRead', {})).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'ids' } });
  });

  it('custom thresholds replace the defaults; bad thresholds are refused with the field and nothing changes', async () => {
    const { ctx, account } = await setup();
    const c = await planClient(ctx, 'Acme', { thresholds: [110, 25], projectedEnabled: false, spikeEnabled: false });
    expect(ok(await ctx.dispatch('alertSettings.get', { clientId: c }))).toMatchObject({ thresholds: [25, 110], custom: true, spikeFactor: '3' });
    for (const thresholds of [[0], [50, 50], [1001], [2.5]]) {
      const r = await ctx.dispatch('alertSettings.set', { clientId: c, thresholds });
      expect(r, JSON.stringify(thresholds)).toMatchObject({ ok: false, error: { code: 'invalid_input', field: expect.stringMatching(/^thresholds/) } });
    }
    expect(await ctx.dispatch('alertSettings.set', { clientId: c, thresholds: [50], spikeFactor: '0.5' })).toMatchObject({ ok: false, error: { field: 'spikeFactor' } });
    expect(ok(await ctx.dispatch('alertSettings.get', { clientId: c })).thresholds).toEqual([25, 110]);

    writeUsage(ctx, account, [{ client: c, metric: 'interactions', quantity: 300, at: '2026-11-02T10:00:00Z' }]);
    await evaluate(ctx);
    expect(await summary(ctx)).toEqual(['threshold:interactions:2026-11:25']);
    writeUsage(ctx, account, [{ client: c, metric: 'interactions', quantity: 800, at: '2026-11-03T10:00:00Z' }]); // 1,100 = 110 %
    await evaluate(ctx);
    expect(await summary(ctx)).toEqual(['threshold:interactions:2026-11:110', 'threshold:interactions:2026-11:25']);
    // a client without settings gets the defaults
    const other = await makeClient(ctx, 'Other');
    expect(ok(await ctx.dispatch('alertSettings.get', { clientId: other }))).toEqual({
      clientId: other,
      thresholds: [50, 75, 90, 100],
      projectedEnabled: true,
      spikeEnabled: true,
      spikeFactor: '3',
      custom: false,
    });
  });
});

describe('projected overage', () => {
  it('names the date the period-to-date rate reaches the allowance', async () => {
    // November 2026 in UTC (30 days). By 2026-11-11T00:00Z, 10 days = 864,000,000 ms have elapsed with 600 of
    // 1,000 used: the straight line reaches 1,000 after 10 d × 1000 / 600 = 16 d 16 h = 1,440,000,000 ms,
    // i.e. 2026-11-01T00:00Z + 16 d 16 h = 2026-11-17T16:00Z; the period total projects to 600 × 30 / 10 = 1,800.
    const { ctx, clock, account } = await setup('2026-11-11T00:00:00.000Z');
    const c = await planClient(ctx, 'Acme', { thresholds: [50, 75, 90, 100], projectedEnabled: true, spikeEnabled: false });
    writeUsage(ctx, account, [{ client: c, metric: 'interactions', quantity: 600, at: '2026-11-05T10:00:00Z' }]);
    expect(await evaluate(ctx)).toMatchObject({ raised: 2 });
    const projected = (await alerts(ctx)).items.find((a) => a.kind === 'projected')!;
    expect(projected).toMatchObject({
      periodLabel: '2026-11',
      title: 'Acme: Interactions projected to pass the allowance on 2026-11-17',
      data: { projectedAt: '2026-11-17T16:00:00.000Z', projectedDate: '2026-11-17', projectedTotal: '1800', quantity: '600', allowance: '1000' },
    });
    expect(projected.body).toContain('runs out on 2026-11-17');
    // once per period even though the projection moves
    clock.set('2026-11-12T00:00:00.000Z');
    expect(await evaluate(ctx)).toMatchObject({ raised: 0 });
  });

  it('is not raised when the rate stays within the allowance', async () => {
    const { ctx, account } = await setup('2026-11-16T00:00:00.000Z');
    const c = await planClient(ctx, 'Acme', { thresholds: [90], projectedEnabled: true, spikeEnabled: false });
    writeUsage(ctx, account, [{ client: c, metric: 'interactions', quantity: 499, at: '2026-11-05T10:00:00Z' }]); // 15 d: 998 by the end
    expect(await evaluate(ctx)).toMatchObject({ raised: 0 });
  });
});

describe('limits', () => {
  it('crossing a limit raises an alert and marks the client over limit; bad input is refused and changes nothing', async () => {
    const { ctx, account } = await setup();
    const c = await makeClient(ctx, 'Limited');
    ok(await ctx.dispatch('alertSettings.set', { clientId: c, thresholds: [90], projectedEnabled: false, spikeEnabled: false }));
    expect(ok(await ctx.dispatch('limits.set', { clientId: c, metricKey: 'interactions', monthlyLimit: '500' }))).toEqual([
      { clientId: c, metricKey: 'interactions', monthlyLimit: '500', source: 'client' },
    ]);
    const auditBefore = rows(ctx, 'audit_log');
    for (const monthlyLimit of ['-1', '-0.5', -3]) {
      expect(await ctx.dispatch('limits.set', { clientId: c, metricKey: 'interactions', monthlyLimit })).toEqual({
        ok: false,
        error: { code: 'invalid_input', message: 'A limit cannot be below zero.', field: 'monthlyLimit', fields: { monthlyLimit: 'A limit cannot be below zero.' } },
      });
    }
    expect(await ctx.dispatch('limits.set', { clientId: c, metricKey: 'fax_pages', monthlyLimit: '5' })).toMatchObject({ ok: false, error: { field: 'metricKey' } });
    expect(rows(ctx, 'audit_log')).toBe(auditBefore);
    expect(ok(await ctx.dispatch('limits.list', { clientId: c }))).toEqual([{ clientId: c, metricKey: 'interactions', monthlyLimit: '500', source: 'client' }]);

    writeUsage(ctx, account, [{ client: c, metric: 'interactions', quantity: 500, at: '2026-11-02T10:00:00Z' }]);
    await evaluate(ctx);
    expect(ok(await ctx.dispatch('clients.overLimit', {}))).toEqual([]); // at the limit is not over it
    writeUsage(ctx, account, [{ client: c, metric: 'interactions', quantity: 1, at: '2026-11-03T10:00:00Z' }]);
    await evaluate(ctx);
    expect(ok(await ctx.dispatch('clients.overLimit', {}))).toEqual([
      { clientId: c, clientName: 'Limited', metricKey: 'interactions', periodLabel: '2026-11', quantity: '501', limit: '500' },
    ]);
    expect(await summary(ctx)).toEqual(['limit:interactions:2026-11:', 'threshold:interactions:2026-11:90']);
    const limit = (await alerts(ctx)).items.find((a) => a.kind === 'limit')!;
    expect(limit).toMatchObject({ title: 'Limited is over its Interactions limit', data: { quantity: '501', limit: '500', limitSource: 'client' } });
    expect(limit.body).toContain('not billed');

    // removing the limit clears the derived over-limit state
    ok(await ctx.dispatch('limits.set', { clientId: c, metricKey: 'interactions', monthlyLimit: null }));
    expect(ok(await ctx.dispatch('clients.overLimit', {}))).toEqual([]);
  });

  it("a plan's limit applies with the overage rule of its allowance in the alert", async () => {
    const { ctx, account } = await setup();
    const c = await makeClient(ctx, 'Planned');
    const plan = ok(await ctx.dispatch('plans.create', { definition: agentClaraResale({ limits: { interactions: '1200' } }) as Record<string, unknown> }));
    ok(await ctx.dispatch('subscriptions.assign', { clientId: c, planId: plan.id, startDate: '2026-10-01' }));
    expect(ok(await ctx.dispatch('limits.list', { clientId: c }))).toEqual([{ clientId: c, metricKey: 'interactions', monthlyLimit: '1200', source: 'plan' }]);
    writeUsage(ctx, account, [{ client: c, metric: 'interactions', quantity: 1300, at: '2026-11-02T10:00:00Z' }]);
    await evaluate(ctx);
    const limit = (await alerts(ctx)).items.find((a) => a.kind === 'limit')!;
    expect(limit.body).toContain('Overage is billed at 0.35 USD per interaction.');
    expect(ok(await ctx.dispatch('clients.overLimit', {}))).toHaveLength(1);
  });
});

describe('spikes', () => {
  it('flags a day above 3x the trailing 7-day average, once per day', async () => {
    const { ctx, account } = await setup('2026-11-20T18:00:00.000Z');
    const c = await makeClient(ctx, 'Spiky');
    const days = ['12', '13', '14', '15', '16', '17', '18', '19'];
    writeUsage(ctx, account, days.map((d) => ({ client: c, metric: 'messages', quantity: 10, at: `2026-11-${d}T09:00:00Z` })));
    writeUsage(ctx, account, [{ client: c, metric: 'messages', quantity: 30, at: '2026-11-20T09:00:00Z' }]);
    expect(await evaluate(ctx)).toMatchObject({ raised: 0 }); // exactly 3x is not above it
    writeUsage(ctx, account, [{ client: c, metric: 'messages', quantity: 1, at: '2026-11-20T10:00:00Z' }]);
    expect(await evaluate(ctx)).toMatchObject({ raised: 1 });
    expect(await evaluate(ctx)).toMatchObject({ raised: 0 });
    const spike = (await alerts(ctx)).items[0]!;
    expect(spike).toMatchObject({ kind: 'spike', periodLabel: '2026-11-20', title: 'Spiky: unusual Messages on 2026-11-20', data: { quantity: '31', trailingAverage: '10', ratio: '3.1' } });
  });
});

describe('low wallet balance', () => {
  it('raises a low_balance alert once while the balance is below the threshold', async () => {
    const { ctx } = await setup('2026-11-20T12:00:00.000Z');
    const c = await makeClient(ctx, 'Prepaid');
    ok(await ctx.dispatch('wallet.topUp', { clientId: c, amount: '4.50', date: '2026-11-20' }));
    ok(await ctx.dispatch('wallet.setRule', { clientId: c, lowBalanceThreshold: '10', enabled: true }));
    expect(await evaluate(ctx)).toMatchObject({ raised: 1 });
    expect(await evaluate(ctx)).toMatchObject({ raised: 0 });
    expect((await alerts(ctx)).items[0]).toMatchObject({ kind: 'low_balance', title: 'Prepaid: wallet balance is low', data: { balance: '4.50', threshold: '10.00', currency: 'USD' } });
  });
});

describe('crash safety', () => {
  it('evaluation killed with SIGKILL and run again leaves every alert exactly once', async () => {
    const dataDir = tempDir();
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const NOW = '2026-11-11T00:00:00.000Z';
    const clock = movableClock(NOW);
    const ctx = await openTempContext({ clock, dataDir });
    const account = await makeAccount(ctx, 'AgentClara');
    const plan = ok(await ctx.dispatch('plans.create', { definition: agentClaraResale() as Record<string, unknown> }));
    const CLIENTS = 60;
    for (let i = 0; i < CLIENTS; i++) {
      const c = await makeClient(ctx, `Client ${i}`);
      ok(await ctx.dispatch('subscriptions.assign', { clientId: c, planId: plan.id, startDate: '2026-10-01' }));
      writeUsage(ctx, account, [{ client: c, metric: 'interactions', quantity: 950, at: '2026-11-05T10:00:00Z' }]);
    }
    await ctx.close();

    // .mts: outside the package a .ts file would be compiled as CommonJS (no top-level await)
    const script = path.join(dataDir, 'evaluate.mts');
    fs.writeFileSync(
      script,
      `import { openAppContext } from ${JSON.stringify(path.join(REPO_ROOT, 'electron/services/app-context.ts'))};
       import { fixedClock } from ${JSON.stringify(path.join(REPO_ROOT, 'electron/services/clock.ts'))};
       import { silentLogger } from ${JSON.stringify(path.join(REPO_ROOT, 'electron/services/logger.ts'))};
       const ctx = await openAppContext({ dataDir: ${JSON.stringify(dataDir)}, mode: 'cli', clock: fixedClock(${JSON.stringify(NOW)}), logger: silentLogger });
       await ctx.services.alerts.engine.evaluateAlerts();
       process.stdout.write('done\\n');
       await ctx.close();`,
    );
    const child = spawn(NODE22, ['--import', 'tsx', script], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (out += s));
    const exited = new Promise((r) => child.on('exit', r));
    // kill -9 as soon as the first alerts are committed: the evaluation is mid-way through the clients
    const probe = new BetterSqlite3(path.join(dataDir, 'meterbook.sqlite'), { readonly: true });
    const count = () => (probe.prepare('select count(*) n from alerts').get() as { n: number }).n;
    const deadline = Date.now() + 30_000;
    while (count() === 0 && child.exitCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
    child.kill('SIGKILL');
    await exited;
    probe.close();
    expect(out).not.toContain('done');
    const again = await openAppContext({ dataDir, mode: 'cli', clock: fixedClock(NOW), logger: silentLogger });
    cleanups.push(() => again.close());
    const before = (again.ledger.raw.prepare('select count(*) n from alerts').get() as { n: number }).n;
    await again.services.alerts.engine.evaluateAlerts();
    await again.services.alerts.engine.evaluateAlerts();
    const perClient = again.ledger.raw.prepare('select client_id, count(*) n, count(distinct dedupe_key) d from alerts group by client_id').all() as Array<{ n: number; d: number }>;
    // 950 of 1,000 by day 10: 50/75/90 % and the projection (crossing on 2026-11-11), for every client, once each
    expect(perClient).toHaveLength(CLIENTS);
    for (const r of perClient) expect(r).toMatchObject({ n: 4, d: 4 });
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(CLIENTS * 4);
    expect(again.ledger.raw.pragma('integrity_check', { simple: true })).toBe('ok');
  }, 60_000);
});

describe('evaluation after ingest', () => {
  it('runs after a file import that wrote usage (and not after a dry run)', async () => {
    const ctx = await openTempContext(); // clock 2026-10-15
    cleanups.push(() => ctx.dispose());
    const agency = await setUpAgency(ctx);
    ok(await ctx.dispatch('limits.set', { clientId: agency.alphaId, metricKey: 'call_seconds', monthlyLimit: '50' }));
    const file = writeFile(ctx.dataDir, 'calls.csv', [CALLS_HEADER, ...callRows(20)]);
    const dry = ok(await ctx.dispatch('import.start', { file: { path: file }, providerAccountId: agency.accountId, mapping: CALLS_MAPPING, dryRun: true } as StartInput));
    await ctx.services.import.files.wait(dry.jobId);
    expect(rows(ctx, 'alerts')).toBe(0);
    const run = ok(await ctx.dispatch('import.start', { file: { path: file }, providerAccountId: agency.accountId, mapping: CALLS_MAPPING } as StartInput));
    await ctx.services.import.files.wait(run.jobId);
    const list = await alerts(ctx, { clientId: agency.alphaId });
    expect(list.items.map((a) => a.kind)).toContain('limit');
    expect(ok(await ctx.dispatch('clients.overLimit', {}))).toEqual([expect.objectContaining({ clientId: agency.alphaId, metricKey: 'call_seconds', limit: '50' })]);
  });

  it('runs after a sync that wrote usage', async () => {
    const NOW = '2026-10-15T12:00:00.000Z';
    const fake = await startFakeVapi({ calls: 20, from: new Date(Date.parse(NOW) - 86_400_000).toISOString(), spacingMs: 30_000 });
    const ctx = await openAppContext({ dataDir: tempDir(), mode: 'cli', clock: fixedClock(NOW), logger: silentLogger });
    cleanups.push(() => fake.close(), () => ctx.close());
    const hook = vi.spyOn(ctx.services.alerts, 'afterIngest');
    const account = ok(
      await ctx.dispatch('providers.create', { kind: 'vapi', name: 'Vapi', currency: 'USD', credentials: { apiKey: fake.apiKey }, config: { baseUrl: fake.url, pageSize: 50, backfillDays: 7 } }),
    );
    const { jobId } = ok(await ctx.dispatch('sync.start', { providerAccountId: account.id }));
    await ctx.services.sync.waitFor(jobId);
    expect(hook).toHaveBeenCalledWith(account.id);
  });
});
