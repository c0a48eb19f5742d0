// Provider sync end to end below the UI: the real SyncService and ledger against fake provider servers
// on 127.0.0.1 speaking the providers' documented wire formats; and kill -9 of a real `meterbook sync`.
import { spawn } from 'node:child_process';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../electron/services/clock';
import { faults, recordingSleep, startFakeTwilio, startFakeVapi, type FakeVapi } from '../fakes';
import { startSlowProxy } from '../helpers/slow-proxy';
import { openAppContext } from '../../electron/services/app-context';
import { silentLogger } from '../../electron/services/logger';
import { ok, tempDir } from '../helpers/temp-context';
import { BIN, NODE22, REPO_ROOT, runMeterbook } from './helpers/cli';

const NOW = '2026-10-15T12:00:00.000Z';
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function vapiSetup(calls = 240, extra: { sleep?: ReturnType<typeof recordingSleep> } = {}) {
  const fake = await startFakeVapi({ calls, from: new Date(Date.parse(NOW) - 2 * 86_400_000).toISOString(), spacingMs: 30_000 });
  const sleep = extra.sleep ?? recordingSleep();
  const real = await openAppContext({ dataDir: tempDir(), mode: 'cli', clock: fixedClock(NOW), logger: silentLogger, http: { sleep: sleep.sleep, baseDelayMs: 1, maxAttempts: 3 } });
  cleanups.push(() => fake.close(), () => real.close());
  const account = ok(
    await real.dispatch('providers.create', {
      kind: 'vapi',
      name: 'Vapi',
      currency: 'USD',
      credentials: { apiKey: fake.apiKey },
      config: { baseUrl: fake.url, pageSize: 50, backfillDays: 7 },
    }),
  );
  return { fake, ctx: real, account, sleep };
}

async function syncNow(ctx: Awaited<ReturnType<typeof vapiSetup>>['ctx'], accountId: number) {
  const { jobId, id } = ok(await ctx.dispatch('sync.start', { providerAccountId: accountId }));
  await ctx.services.sync.waitFor(jobId);
  return ok(await ctx.dispatch('sync.job', { id })).job;
}

const endedCalls = (fake: FakeVapi) => fake.calls.filter((c) => c.endedAt).length;
const eventIds = (db: BetterSqlite3.Database) => (db.prepare('select external_id from usage_events order by external_id').all() as Array<{ external_id: string }>).map((r) => r.external_id);

describe('sync jobs against fake providers', () => {
  it('fetches every page, then a second sync adds nothing; rollups stay exact', async () => {
    const { fake, ctx, account } = await vapiSetup();
    const job = await syncNow(ctx, account.id);
    expect(job).toMatchObject({ status: 'succeeded', inserted: endedCalls(fake), rejected: 0 });
    expect(job.pages).toBeGreaterThanOrEqual(5);
    const again = await syncNow(ctx, account.id);
    expect(again).toMatchObject({ status: 'succeeded', inserted: 0 });
    expect(eventIds(ctx.ledger.raw)).toHaveLength(endedCalls(fake));
    expect(ok(await ctx.dispatch('usage.rebuildRollups', { apply: false })).mismatches).toBe(0);
    const detail = ok(await ctx.dispatch('providers.get', { id: account.id }));
    expect(detail).toMatchObject({ lastSuccessAt: NOW, hasCredentials: true, credentialsHint: expect.stringMatching(/^Private API key: \S*…/) });
    expect(JSON.stringify(detail)).not.toContain(fake.apiKey);
    // the list carries the same sync state, so the providers screen needs no request per account
    const listed = ok(await ctx.dispatch('providers.list', {})).find((p) => p.id === account.id)!;
    expect(listed).toMatchObject({ lastSuccessAt: NOW, syncEnabled: true, syncing: false, lastJob: { kind: 'sync', status: 'succeeded', error: null } });
    expect(listed.nextRunAt).toBe(detail.nextRunAt);
  });

  it('keeps unmapped usage as unassigned and moves it exactly when mapped', async () => {
    const { ctx, account } = await vapiSetup(120);
    await syncNow(ctx, account.id);
    const groups = ok(await ctx.dispatch('usage.unassigned', {}));
    expect(groups.length).toBeGreaterThan(0);
    const alpha = groups.find((g) => g.clientKey === 'assistant:asst_alpha')!;
    const client = ok(await ctx.dispatch('clients.create', { name: 'Alpha Dental', currency: 'USD' }));
    const before = ok(await ctx.dispatch('usage.totals', { from: '2026-10-01T00:00:00Z', to: '2026-11-01T00:00:00Z' }));
    const r = ok(await ctx.dispatch('mappings.create', { providerAccountId: account.id, clientKey: 'assistant:asst_alpha', clientId: client.id }));
    expect(r.reassignedEvents).toBe(alpha.events);
    const mine = ok(await ctx.dispatch('usage.totals', { clientId: client.id, from: '2026-10-01T00:00:00Z', to: '2026-11-01T00:00:00Z' }));
    expect(mine[0]).toMatchObject({ events: alpha.events, quantity: alpha.quantity, cost: alpha.cost });
    // agency totals unchanged: re-attributed, not duplicated
    expect(ok(await ctx.dispatch('usage.totals', { from: '2026-10-01T00:00:00Z', to: '2026-11-01T00:00:00Z' }))).toEqual(before);
  });

  it('honours Retry-After on 429 and succeeds', async () => {
    const { fake, ctx, account, sleep } = await vapiSetup(120);
    fake.setBehaviour({ fault: faults.rateLimited('2'), times: 1, skip: 1 });
    const job = await syncNow(ctx, account.id);
    expect(job.status).toBe('succeeded');
    expect(sleep.delays).toContain(2000);
    expect(job.inserted).toBe(endedCalls(fake));
  });

  it('retries 500s, then reports a failure a user can act on; the next sync resumes with no duplicates', async () => {
    const { fake, ctx, account } = await vapiSetup(240);
    fake.setBehaviour({ fault: faults.serverError(), skip: 2 });
    const failed = await syncNow(ctx, account.id);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/Vapi/);
    expect(failed.inserted).toBeGreaterThan(0);
    expect(failed.inserted).toBeLessThan(endedCalls(fake));
    fake.setBehaviour(null);
    const resumed = await syncNow(ctx, account.id);
    expect(resumed.status).toBe('succeeded');
    expect(failed.inserted + resumed.inserted).toBe(endedCalls(fake));
    expect(eventIds(ctx.ledger.raw)).toHaveLength(endedCalls(fake));
  });

  it.each([
    ['malformed JSON', faults.malformed()],
    ['a connection dropped mid-page', faults.drop()],
  ])('%s leaves the ledger as after the last full page and the job resumable', async (_name, fault) => {
    const { fake, ctx, account } = await vapiSetup(240);
    fake.setBehaviour({ fault, skip: 2 });
    const broken = await syncNow(ctx, account.id);
    expect(['failed', 'waiting']).toContain(broken.status);
    expect(eventIds(ctx.ledger.raw)).toHaveLength(broken.inserted);
    fake.setBehaviour(null);
    const resumed = await syncNow(ctx, account.id);
    expect(resumed.status).toBe('succeeded');
    expect(eventIds(ctx.ledger.raw)).toHaveLength(endedCalls(fake));
  });

  it('401 fails at once with the provider-specific hint and no automatic retry', async () => {
    const { fake, ctx, account } = await vapiSetup(60);
    fake.setBehaviour({ fault: faults.unauthorized() });
    const job = await syncNow(ctx, account.id);
    expect(job.status).toBe('failed');
    expect(job.error).toMatch(/401/);
    expect(ok(await ctx.dispatch('providers.get', { id: account.id })).nextRunAt).toBeNull();
  });

  it('Twilio revised buckets replace earlier ones and are audited, never double counted', async () => {
    const tw = await startFakeTwilio({ from: '2026-10-10', to: '2026-10-15', subaccounts: 2 });
    cleanups.push(() => tw.close());
    const ctx = await openAppContext({ dataDir: tempDir(), mode: 'cli', clock: fixedClock(NOW), logger: silentLogger, http: { baseDelayMs: 1 } });
    cleanups.push(() => ctx.close());
    const account = ok(
      await ctx.dispatch('providers.create', {
        kind: 'twilio',
        name: 'Twilio',
        currency: 'USD',
        credentials: { accountSid: tw.accountSid, authToken: tw.authToken },
        config: { baseUrl: tw.url, backfillDays: 6 },
      }),
    );
    const first = await syncNow(ctx, account.id);
    expect(first.status).toBe('succeeded');
    const sub = tw.accounts[1]!;
    tw.revise(sub, 'sms', '2026-10-14', { count: '999', price: '7.8921' });
    const second = await syncNow(ctx, account.id);
    expect(second).toMatchObject({ status: 'succeeded', replaced: 1, inserted: 0 });
    const row = ctx.ledger.raw.prepare(`select quantity, cost from usage_events where external_id like ?`).get(`${sub}|sms|2026-10-14`) as { quantity: number; cost: string };
    expect(row).toEqual({ quantity: 999, cost: '7.8921' });
    expect((ctx.ledger.raw.prepare('select count(*) n from usage_revisions').get() as { n: number }).n).toBe(1);
    expect(ok(await ctx.dispatch('usage.rebuildRollups', { apply: false })).mismatches).toBe(0);
  });
});

describe('kill -9 during a sync', () => {
  it('a killed `meterbook sync`, restarted, ends with exactly the events of a clean run', async () => {
    const fake = await startFakeVapi({ calls: 600, from: new Date(Date.now() - 3 * 86_400_000).toISOString(), spacingMs: 20_000 });
    const slow = await startSlowProxy(fake.url, 60);
    cleanups.push(() => slow.close(), () => fake.close());
    const setup = async (dir: string, url: string) => {
      const r = await runMeterbook([
        '--data-dir',
        dir,
        'call',
        'providers.create',
        JSON.stringify({ kind: 'vapi', name: 'Vapi', currency: 'USD', credentials: { apiKey: fake.apiKey }, config: { baseUrl: url, pageSize: 20, backfillDays: 7 } }),
      ]);
      expect(r.code, r.stderr).toBe(0);
    };
    const clean = tempDir();
    await setup(clean, fake.url);
    expect((await runMeterbook(['--data-dir', clean, 'sync'])).code).toBe(0);
    const cleanDb = new BetterSqlite3(`${clean}/meterbook.sqlite`, { readonly: true });
    const expected = eventIds(cleanDb);
    cleanDb.close();
    expect(expected.length).toBe(endedCalls(fake));

    const dir = tempDir();
    await setup(dir, slow.url);
    for (let round = 0; round < 2; round++) {
      const child = spawn(NODE22, [BIN, '--data-dir', dir, 'sync'], { cwd: REPO_ROOT, stdio: 'ignore' });
      const probe = new BetterSqlite3(`${dir}/meterbook.sqlite`, { readonly: true, timeout: 5000 });
      const start = (probe.prepare('select count(*) n from usage_events').get() as { n: number }).n;
      const deadline = Date.now() + 60_000;
      // kill once a few more pages have committed, at a moment that is not a page boundary on purpose
      while ((probe.prepare('select count(*) n from usage_events').get() as { n: number }).n < start + 60 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 25));
      }
      await new Promise((r) => setTimeout(r, 30 + round * 17));
      child.kill('SIGKILL');
      await new Promise((r) => child.on('exit', r));
      probe.close();
    }
    const db = new BetterSqlite3(`${dir}/meterbook.sqlite`, { readonly: true });
    const partial = eventIds(db).length;
    db.close();
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(expected.length);
    const finish = await runMeterbook(['--data-dir', dir, 'sync']);
    expect(finish.code, finish.stdout + finish.stderr).toBe(0);
    const after = new BetterSqlite3(`${dir}/meterbook.sqlite`);
    expect(after.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(eventIds(after)).toEqual(expected);
    expect(after.prepare(`select count(*) n from ingest_jobs where status = 'interrupted'`).get()).toEqual({ n: 2 });
    after.close();
    const check = await runMeterbook(['--data-dir', dir, 'call', 'usage.rebuildRollups', '{"apply":false}']);
    expect(JSON.parse(check.stdout)).toMatchObject({ mismatches: 0 });
  }, 240_000);
});

describe('provider settings and rate cards', () => {
  it('editing connector settings keeps the rate card; a rate card in another currency is refused', async () => {
    const ctx = await openAppContext({ dataDir: tempDir(), mode: 'cli', clock: fixedClock(NOW), logger: silentLogger });
    cleanups.push(() => ctx.close());
    const card = { currency: 'USD', charges: [{ metricKey: 'call_seconds', model: { type: 'per_unit', unitPrice: '0.0012' } }] };
    const acc = ok(await ctx.dispatch('providers.create', { kind: 'vapi', name: 'Vapi', currency: 'USD', credentials: { apiKey: 'vapi-private-key-123456' }, config: { rateCard: card } }));
    expect(acc.config.rateCard).toMatchObject({ currency: 'USD' });
    const edited = ok(await ctx.dispatch('providers.update', { id: acc.id, config: { pageSize: 25 } }));
    expect(edited.config).toMatchObject({ pageSize: 25, rateCard: { currency: 'USD' } });
    const bad = await ctx.dispatch('providers.update', { id: acc.id, config: { rateCard: { ...card, currency: 'EUR' } } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'config.rateCard.currency' } });
    expect(ok(await ctx.dispatch('providers.get', { id: acc.id })).config.rateCard).toMatchObject({ currency: 'USD' });
    // settings and providers.setRateCard check cards the same way: a custom metric is as good as a built-in
    ok(await ctx.dispatch('metrics.create', { key: 'bookings', name: 'Bookings', unit: 'booking', aggregation: 'sum', config: {} }));
    const custom = { currency: 'USD', charges: [{ metricKey: 'bookings', model: { type: 'per_unit', unitPrice: '0.10' } }] };
    expect(ok(await ctx.dispatch('providers.update', { id: acc.id, config: { rateCard: custom } })).config.rateCard).toMatchObject({ charges: [{ metricKey: 'bookings' }] });
  });
});
