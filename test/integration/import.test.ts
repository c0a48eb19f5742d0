// File import end to end below the UI: the real import service, ledger and CLI on temp data folders and
// real files; the browser-mode upload over real HTTP; the generic REST connector against its fake; and
// kill -9 of a running `meterbook import`.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { CommandInput } from '../../shared/contract/commands';
import type { ImportMappingInput } from '../../shared/domain/import-mapping';
import { startBridge } from '../../electron/bridge/server';
import { openAppContext, type AppContext } from '../../electron/services/app-context';
import { fixedClock } from '../../electron/services/clock';
import { silentLogger } from '../../electron/services/logger';
import { CALLS_HEADER, CALLS_MAPPING, callRows, setUpAgency, writeFile } from '../../electron/services/import/test-support';
import { genericRestSettings, startFakeGenericRest } from '../fakes/generic-rest';
import { ok } from '../helpers/temp-context';
import { BIN, NODE22, REPO_ROOT, runMeterbook } from './helpers/cli';
import { bearer, callCommand, httpRequest, type HttpAnswer } from './helpers/http';
import { writeRendererFixture } from './helpers/renderer-fixture';
import { createTempDirs } from './helpers/temp-dirs';

const NOW = '2026-10-15T12:00:00.000Z';
const OCTOBER = { from: '2026-10-01T00:00:00Z', to: '2026-11-01T00:00:00Z' };
const temp = createTempDirs();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  temp.removeAll();
});

async function open(dataDir = temp.make()): Promise<AppContext & { dataDir: string }> {
  const ctx = await openAppContext({ dataDir, mode: 'cli', clock: fixedClock(NOW), logger: silentLogger });
  cleanups.push(() => ctx.close());
  return Object.assign(ctx, { dataDir });
}

type StartInput = CommandInput<'import.start'>;

async function importFile(ctx: AppContext, input: StartInput) {
  const { jobId, id } = ok(await ctx.dispatch('import.start', input));
  await ctx.services.import.files.wait(jobId);
  return ok(await ctx.dispatch('sync.job', { id, rejectionsLimit: 1000 }));
}

const rows = (db: BetterSqlite3.Database, sql: string) => db.prepare(sql).all();
/** every stored fact of every event, in a stable order (ids and ingestion times left out) */
const EVENTS = 'select provider_account_id, external_id, client_id, client_key, metric_id, quantity, occurred_at, cost, attrs, source from usage_events order by provider_account_id, external_id';
const ROLLUPS = 'select * from usage_rollups order by client_id, metric_id, provider_account_id, slot';
const count = (db: BetterSqlite3.Database, table: string) => (db.prepare(`select count(*) n from ${table}`).get() as { n: number }).n;

describe('a CSV with bad rows', () => {
  it('imports the good rows and reports each bad one by row number and reason; nothing else changes', async () => {
    const ctx = await open();
    const agency = await setUpAgency(ctx);
    const file = writeFile(ctx.dataDir, 'october-calls.csv', [
      CALLS_HEADER,
      'g1,AC1,call_seconds,60,2026-10-01T10:00:00Z,0.10',
      ',AC1,call_seconds,60,2026-10-01T10:01:00Z,0.10',
      'b2,AC1,fax_pages,3,2026-10-01T10:02:00Z,0.10',
      'g2,AC2,call_seconds,45,2026-10-01T10:03:00Z,',
      'b3,AC1,call_seconds,-5,2026-10-01T10:04:00Z,0.10',
      'b4,AC2,call_seconds,30,2026-13-45 10:05:00,0.10',
      'b5,AC404,call_seconds,30,2026-10-01T10:06:00Z,0.10',
      'g3,AC1,sms,1,2026-10-01T10:07:00Z,0.0075',
    ]);
    const untouched = ['clients', 'client_mappings', 'provider_accounts', 'metrics', 'import_mappings', 'sync_state', 'usage_revisions', 'audit_log'];
    const before = untouched.map((t) => rows(ctx.ledger.raw, `select * from ${t} order by 1`));

    const { job, rejections } = await importFile(ctx, { file: { path: file }, providerAccountId: agency.accountId, mapping: CALLS_MAPPING });
    expect(job).toMatchObject({ kind: 'import', status: 'succeeded', source: 'october-calls.csv', fetched: 8, inserted: 3, duplicates: 0, rejected: 5, error: null });
    expect(rejections).toEqual([
      { position: 3, externalId: null, reason: 'Row 3: missing event id (column "call_id" is empty)' },
      { position: 4, externalId: 'b2', reason: expect.stringMatching(/^Row 4: unknown metric "fax_pages" \(known: .*call_seconds.*\); add an alias for it in the mapping$/) },
      { position: 6, externalId: 'b3', reason: 'Row 6: quantity "-5" is negative' },
      { position: 7, externalId: 'b4', reason: expect.stringMatching(/^Row 7: date "2026-13-45 10:05:00" is not a valid iso timestamp/) },
      { position: 8, externalId: 'b5', reason: 'Row 8: unknown client key "sub_account:AC404" (map it to a client first)' },
    ]);
    expect(rows(ctx.ledger.raw, 'select external_id, client_id, quantity, cost, source from usage_events order by external_id')).toEqual([
      { external_id: 'g1', client_id: agency.alphaId, quantity: 60, cost: '0.10', source: 'import' },
      { external_id: 'g2', client_id: agency.betaId, quantity: 45, cost: null, source: 'import' },
      { external_id: 'g3', client_id: agency.alphaId, quantity: 1, cost: '0.0075', source: 'import' },
    ]);
    expect(untouched.map((t) => rows(ctx.ledger.raw, `select * from ${t} order by 1`))).toEqual(before);
    expect(ok(await ctx.dispatch('usage.rebuildRollups', { apply: false })).mismatches).toBe(0);
  });
});

describe('the same events from a file twice and from the API', () => {
  it('are counted once: (provider account, external id) decides', async () => {
    const fake = await startFakeGenericRest({ seed: 7, records: 10_000, from: '2026-10-08T00:00:00.000Z', spacingMs: 60_000 });
    cleanups.push(() => fake.close());
    const ctx = await open();
    const account = ok(
      await ctx.dispatch('providers.create', {
        kind: 'generic_rest',
        name: 'AgentClara',
        currency: 'USD',
        // username: providers.create requires every credential field, even "Basic auth only" (reported)
        credentials: { secret: fake.token, username: 'unused' },
        config: genericRestSettings(fake.url, { limit: 1000, backfillDays: 10 }),
        syncEnabled: false,
      }),
    );
    for (const key of ['client-1', 'client-2', 'client-3']) {
      const client = ok(await ctx.dispatch('clients.create', { name: key, currency: 'USD' }));
      ok(await ctx.dispatch('mappings.create', { providerAccountId: account.id, clientKey: `client:${key}`, clientId: client.id }));
    }
    // the platform's own CSV export of the same records: its id column holds the API's record ids
    const file = writeFile(ctx.dataDir, 'agentclara-export.csv', [
      'uuid,account,kind,units,occurred_at,amount,currency',
      ...fake.rows.map((r) => [r.uuid, r.account.id, r.kind, r.units, r.occurred_at, r.amount, r.currency].join(',')),
    ]);
    const mapping: ImportMappingInput = {
      format: 'csv',
      columns: {
        externalId: 'uuid',
        clientKey: 'account',
        clientKeyPrefix: 'client:',
        metric: 'kind',
        quantity: 'units',
        occurredAt: 'occurred_at',
        timeZone: 'UTC',
        cost: 'amount',
        costCurrency: 'currency',
      },
      metricAliases: { interaction: 'interactions', message: 'messages' },
    };
    const input: StartInput = { file: { path: file }, providerAccountId: account.id, mapping };

    const first = await importFile(ctx, input);
    expect(first.job).toMatchObject({ status: 'succeeded', fetched: 10_000, inserted: 10_000, duplicates: 0, rejected: 0 });
    const totals = ok(await ctx.dispatch('usage.totals', { ...OCTOBER }));
    expect(totals.reduce((n, t) => n + t.events, 0)).toBe(10_000);

    const second = await importFile(ctx, input);
    expect(second.job).toMatchObject({ status: 'succeeded', fetched: 10_000, inserted: 0, duplicates: 10_000, rejected: 0 });
    expect(ok(await ctx.dispatch('usage.totals', OCTOBER))).toEqual(totals);

    const { jobId, id } = ok(await ctx.dispatch('sync.start', { providerAccountId: account.id }));
    await ctx.services.sync.waitFor(jobId);
    const sync = ok(await ctx.dispatch('sync.job', { id, rejectionsLimit: 10 }));
    expect(sync.job).toMatchObject({ kind: 'sync', status: 'succeeded', fetched: 10_000, inserted: 0, duplicates: 10_000, rejected: 0 });
    expect(ok(await ctx.dispatch('usage.totals', OCTOBER))).toEqual(totals);
    expect(rows(ctx.ledger.raw, 'select source, count(*) n from usage_events group by source')).toEqual([{ source: 'import', n: 10_000 }]);
    expect(ok(await ctx.dispatch('usage.rebuildRollups', { apply: false })).mismatches).toBe(0);
  }, 120_000);
});

describe('dry run', () => {
  it('counts new, duplicate and rejected exactly and leaves the ledger unchanged apart from its job row', async () => {
    const ctx = await open();
    const agency = await setUpAgency(ctx);
    const base = { providerAccountId: agency.accountId, mapping: CALLS_MAPPING };
    const earlier = writeFile(ctx.dataDir, 'september.csv', [CALLS_HEADER, ...callRows(3000)]);
    expect((await importFile(ctx, { ...base, file: { path: earlier } })).job.inserted).toBe(3000);

    // 1,000 rows already imported, 3,000 new, a repeated id, and four bad rows
    const file = writeFile(ctx.dataDir, 'october.csv', [
      CALLS_HEADER,
      ...callRows(4000, 2000),
      callRows(1, 5000)[0]!,
      'x1,AC1,call_seconds,10,not a date,0.01',
      'x2,AC3,call_seconds,10,2026-10-03T00:00:00Z,0.01',
      'x3,AC1,call_seconds,1.5,2026-10-03T00:00:00Z,0.01',
      'x4,AC1,call_seconds,10',
    ]);
    const db = ctx.ledger.raw;
    const snapshot = () => ({ events: rows(db, 'select * from usage_events order by id'), rollups: rows(db, ROLLUPS), revisions: rows(db, 'select * from usage_revisions') });
    const before = snapshot();
    const jobsBefore = count(db, 'ingest_jobs');
    const rejectionsBefore = count(db, 'ingest_rejections');

    const dry = await importFile(ctx, { ...base, file: { path: file }, dryRun: true });
    expect(dry.job).toMatchObject({ kind: 'dry_run', status: 'succeeded', fetched: 4005, inserted: 3000, duplicates: 1000, rejected: 5 });
    expect(dry.rejections.map((r) => r.reason)).toEqual([
      'Row 4002: duplicate event id "c5000" (first seen on row 3002)',
      expect.stringMatching(/^Row 4003: date "not a date" is not a valid iso timestamp/),
      'Row 4004: unknown client key "sub_account:AC3" (map it to a client first)',
      'Row 4005: quantity "1.5" must be a whole number of seconds',
      'Row 4006: has 4 columns but the header has 6',
    ]);
    expect(snapshot()).toEqual(before);
    expect(count(db, 'ingest_jobs')).toBe(jobsBefore + 1);
    expect(count(db, 'ingest_rejections')).toBe(rejectionsBefore + 5);

    // the real import finds exactly what the dry run announced
    const real = await importFile(ctx, { ...base, file: { path: file } });
    expect(real.job).toMatchObject({ kind: 'import', fetched: 4005, inserted: 3000, duplicates: 1000, rejected: 5 });
    expect(real.rejections.map((r) => r.reason)).toEqual(dry.rejections.map((r) => r.reason));
    expect(count(db, 'usage_events')).toBe(6000);
  }, 60_000);
});

/** A data folder with the agency, a saved mapping "Calls CSV" and the ledger closed again (for the CLI). */
async function cliDataDir(): Promise<string> {
  const dir = temp.make();
  const ctx = await openAppContext({ dataDir: dir, mode: 'cli', clock: fixedClock(NOW), logger: silentLogger });
  const agency = await setUpAgency(ctx);
  ok(await ctx.dispatch('importMappings.save', { name: 'Calls CSV', providerAccountId: agency.accountId, mapping: CALLS_MAPPING } as CommandInput<'importMappings.save'>));
  await ctx.close();
  return dir;
}

describe('kill -9 during an import', () => {
  it('a killed `meterbook import`, restarted, ends with exactly the events of a clean import', async () => {
    const csvDir = temp.make();
    const file = writeFile(csvDir, 'big.csv', [CALLS_HEADER, ...callRows(200_000)]);

    const clean = await cliDataDir();
    const cleanRun = await runMeterbook(['--data-dir', clean, 'import', file, '--mapping', 'Calls CSV'], { timeoutMs: 180_000 });
    expect(cleanRun.code, cleanRun.stderr).toBe(0);
    expect(cleanRun.stdout).toMatch(/^Imported 200,000 new, 0 duplicates, 0 rejected \(of 200,000 rows\)\.\n$/);
    const cleanDb = new BetterSqlite3(path.join(clean, 'meterbook.sqlite'), { readonly: true });
    const expected = { events: rows(cleanDb, EVENTS), rollups: rows(cleanDb, ROLLUPS) };
    cleanDb.close();
    expect(expected.events).toHaveLength(200_000);

    const dir = await cliDataDir();
    const child = spawn(NODE22, [BIN, '--data-dir', dir, 'import', file, '--mapping', 'Calls CSV'], { cwd: REPO_ROOT, stdio: 'ignore' });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    const probe = new BetterSqlite3(path.join(dir, 'meterbook.sqlite'), { readonly: true, timeout: 5000 });
    const deadline = Date.now() + 120_000;
    // kill once some batches are committed, between or during batches (not at a chosen boundary)
    while (count(probe, 'usage_events') < 20_000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 37));
    child.kill('SIGKILL');
    await exited;
    probe.close();
    // a fresh connection: the probe's snapshot can miss a commit whose WAL frame was written just before the kill
    const killed = new BetterSqlite3(path.join(dir, 'meterbook.sqlite'));
    const partial = count(killed, 'usage_events');
    expect(rows(killed, 'select status from ingest_jobs')).toEqual([{ status: 'running' }]);
    killed.close();
    expect(partial).toBeGreaterThanOrEqual(20_000);
    expect(partial).toBeLessThan(200_000);

    const restart = await runMeterbook(['--data-dir', dir, 'import', file, '--mapping', 'Calls CSV'], { timeoutMs: 180_000 });
    expect(restart.code, restart.stderr).toBe(0);
    const summary = /^Imported ([\d,]+) new, ([\d,]+) duplicates, 0 rejected \(of 200,000 rows\)\.\n$/.exec(restart.stdout);
    expect(summary, restart.stdout).not.toBeNull();
    const inserted = Number(summary![1]!.replaceAll(',', ''));
    const duplicates = Number(summary![2]!.replaceAll(',', ''));
    expect(duplicates).toBe(partial);
    expect(inserted + duplicates).toBe(200_000);

    const after = new BetterSqlite3(path.join(dir, 'meterbook.sqlite'));
    expect(after.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(rows(after, EVENTS)).toEqual(expected.events);
    expect(rows(after, ROLLUPS)).toEqual(expected.rollups);
    expect(rows(after, 'select kind, status from ingest_jobs order by id')).toEqual([
      { kind: 'import', status: 'interrupted' },
      { kind: 'import', status: 'succeeded' },
    ]);
    after.close();
    const check = await runMeterbook(['--data-dir', dir, 'call', 'usage.rebuildRollups', '{"apply":false}']);
    expect(JSON.parse(check.stdout)).toMatchObject({ rows: expected.rollups.length, mismatches: 0 });
  }, 300_000);
});

/** POST /api/upload with the body sent in chunks (no Content-Length), pausing after the first half. */
function streamUpload(
  origin: string,
  pathAndQuery: string,
  body: Buffer,
  headers: Record<string, string>,
  midway?: () => Promise<void>,
): Promise<HttpAnswer> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: hostname, port: Number(port), path: pathAndQuery, method: 'POST', headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: <T>() => JSON.parse(text) as T });
      });
    });
    req.on('error', reject);
    void (async () => {
      const half = Math.floor(body.length / 2);
      for (let at = 0; at < half; at += 64 * 1024) req.write(body.subarray(at, Math.min(at + 64 * 1024, half)));
      await midway?.();
      for (let at = half; at < body.length; at += 64 * 1024) req.write(body.subarray(at, Math.min(at + 64 * 1024, body.length)));
      req.end();
    })().catch(reject);
  });
}

describe('upload through the browser-mode bridge', () => {
  it('needs the token, streams the body to the data folder, and the upload id works for preview and import', async () => {
    const ctx = await open();
    const agency = await setUpAgency(ctx);
    const bridge = await startBridge({ ctx, rendererDir: writeRendererFixture(temp.make()), logger: silentLogger });
    cleanups.push(() => bridge.close());
    const uploadsDir = path.join(ctx.dataDir, 'uploads');
    const csv = Buffer.from(`${[CALLS_HEADER, ...callRows(60_000)].join('\n')}\n`);
    const send = (query: string, headers: Record<string, string>, body: string | Buffer = csv) =>
      httpRequest(bridge.origin, `/api/upload${query}`, { method: 'POST', headers, body });

    const anonymous = await send('?name=calls.csv', { 'Content-Type': 'text/csv' });
    expect(anonymous.status).toBe(401);
    expect(anonymous.json()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const foreign = await send('?name=calls.csv', { 'Content-Type': 'text/csv', Origin: 'http://evil.example', ...bearer(bridge.token) });
    expect(foreign.status).toBe(403);
    const form = await send('?name=calls.csv', { 'Content-Type': 'multipart/form-data; boundary=x', ...bearer(bridge.token) });
    expect(form.status).toBe(415);
    expect((await send('', { 'Content-Type': 'text/csv', ...bearer(bridge.token) })).status).toBe(400);
    expect((await httpRequest(bridge.origin, '/api/upload?name=a.csv', { headers: bearer(bridge.token) })).status).toBe(405);
    expect(fs.existsSync(uploadsDir) ? fs.readdirSync(uploadsDir) : []).toEqual([]);

    // the first half is on disk before the second half is even sent
    let partialSize = 0;
    const answer = await streamUpload(
      bridge.origin,
      `/api/upload?name=${encodeURIComponent('October calls.csv')}`,
      csv,
      { 'Content-Type': 'application/octet-stream', ...bearer(bridge.token) },
      async () => {
        const deadline = Date.now() + 10_000;
        while (Date.now() < deadline) {
          const part = fs.existsSync(uploadsDir) ? fs.readdirSync(uploadsDir).find((f) => f.endsWith('.part')) : undefined;
          partialSize = part === undefined ? 0 : fs.statSync(path.join(uploadsDir, part)).size;
          if (partialSize >= csv.length / 4) return;
          await new Promise((r) => setTimeout(r, 10));
        }
      },
    );
    expect(partialSize).toBeGreaterThanOrEqual(csv.length / 4);
    expect(partialSize).toBeLessThan(csv.length);
    expect(answer.status).toBe(200);
    const { data } = answer.json<{ ok: true; data: { uploadId: string; name: string; size: number } }>();
    expect(data).toEqual({ uploadId: expect.stringMatching(/^[A-Za-z0-9_-]{24}$/), name: 'October calls.csv', size: csv.length });
    expect(fs.readFileSync(path.join(uploadsDir, data.uploadId)).equals(csv)).toBe(true);

    const preview = await callCommand(bridge.origin, 'import.preview', { file: { uploadId: data.uploadId }, mapping: CALLS_MAPPING, rows: 2 }, bearer(bridge.token));
    expect(preview.json()).toMatchObject({ ok: true, data: { format: 'csv', headers: CALLS_HEADER.split(','), mapped: [{ row: 2, event: { externalId: 'c0' } }, { row: 3 }] } });
    const start = await callCommand(
      bridge.origin,
      'import.start',
      { file: { uploadId: data.uploadId }, providerAccountId: agency.accountId, mapping: CALLS_MAPPING },
      bearer(bridge.token),
    );
    const started = start.json<{ ok: true; data: { jobId: string; id: number } }>().data;
    await ctx.services.import.files.wait(started.jobId);
    const job = await callCommand(bridge.origin, 'sync.job', { id: started.id }, bearer(bridge.token));
    expect(job.json()).toMatchObject({ ok: true, data: { job: { status: 'succeeded', source: 'October calls.csv', inserted: 60_000 } } });

    // ids the bridge never issued resolve to nothing
    const unknown = await callCommand(bridge.origin, 'import.preview', { file: { uploadId: 'AAAAAAAAAAAAAAAAAAAAAAAA' } }, bearer(bridge.token));
    expect(unknown.json()).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/no longer available/) } });
    const traversal = await callCommand(bridge.origin, 'import.preview', { file: { uploadId: '../meterbook.sqlite' } }, bearer(bridge.token));
    expect(traversal.json()).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'Unknown upload.' } });
  }, 60_000);

  it('answers 413 to a file over the size limit and keeps nothing of it', async () => {
    const ctx = await open();
    const bridge = await startBridge({ ctx, rendererDir: writeRendererFixture(temp.make()), logger: silentLogger, maxUploadBytes: 100_000 });
    cleanups.push(() => bridge.close());
    const body = Buffer.alloc(150_000, 'a');
    const declared = await httpRequest(bridge.origin, '/api/upload?name=big.csv', { method: 'POST', headers: { 'Content-Type': 'text/csv', ...bearer(bridge.token) }, body });
    expect(declared.status).toBe(413);
    expect(declared.json()).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/larger than 97\.7 KB|larger than/) } });
    const streamed = await streamUpload(bridge.origin, '/api/upload?name=big.csv', body, { 'Content-Type': 'text/csv', ...bearer(bridge.token) });
    expect(streamed.status).toBe(413);
    const uploadsDir = path.join(ctx.dataDir, 'uploads');
    expect(fs.existsSync(uploadsDir) ? fs.readdirSync(uploadsDir) : []).toEqual([]);
  });
});

describe('meterbook import', () => {
  it('imports with a saved mapping, prints a summary with the rejected rows, and --dry-run writes nothing', async () => {
    const dir = await cliDataDir();
    // 10,003 rows: 9,998 new, 2 imported before, 3 bad
    const good = callRows(10_000);
    const file = writeFile(temp.make(), 'calls.csv', [
      CALLS_HEADER,
      ...good.slice(0, 5),
      'bad1,AC1,call_seconds,10,2026-10-02T00:00:00Z,0.01'.replace('bad1', ''),
      ...good.slice(5, 9000),
      'bad2,AC1,call_seconds,-1,2026-10-02T00:00:00Z,0.01',
      ...good.slice(9000),
      'bad3,AC1,call_seconds,10,yesterday,0.01',
    ]);
    const seed = writeFile(temp.make(), 'seed.csv', [CALLS_HEADER, good[3]!, good[9999]!]);
    const seeded = await runMeterbook(['--data-dir', dir, 'import', seed, '--mapping', 'calls csv']);
    expect(seeded.code, seeded.stderr).toBe(0);
    expect(seeded.stdout).toBe('Imported 2 new, 0 duplicates, 0 rejected (of 2 rows).\n');

    const dry = await runMeterbook(['--data-dir', dir, 'import', file, '--mapping', 'Calls CSV', '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    const rejectedLines = [
      'Row 7: missing event id (column "call_id" is empty)',
      'Row 9003: quantity "-1" is negative',
      expect.stringMatching(/^Row 10004: date "yesterday" is not a valid iso timestamp/),
    ];
    expect(dry.stdout.trimEnd().split('\n')).toEqual(['Dry run: 9,998 new, 2 duplicates, 3 rejected (of 10,003 rows). Nothing was imported.', ...rejectedLines]);
    const db = () => new BetterSqlite3(path.join(dir, 'meterbook.sqlite'), { readonly: true });
    let probe = db();
    expect(count(probe, 'usage_events')).toBe(2);
    probe.close();

    const run = await runMeterbook(['--data-dir', dir, 'import', file, '--mapping', 'Calls CSV']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trimEnd().split('\n')).toEqual(['Imported 9,998 new, 2 duplicates, 3 rejected (of 10,003 rows).', ...rejectedLines]);
    expect(run.stderr).toMatch(/calls\.csv: [\d,]+ rows \(\d+%\), [\d,]+ new/);
    probe = db();
    expect(count(probe, 'usage_events')).toBe(10_000);
    expect(rows(probe, 'select kind, status, source, inserted, duplicates, rejected from ingest_jobs order by id')).toEqual([
      { kind: 'import', status: 'succeeded', source: 'seed.csv', inserted: 2, duplicates: 0, rejected: 0 },
      { kind: 'dry_run', status: 'succeeded', source: 'calls.csv', inserted: 9998, duplicates: 2, rejected: 3 },
      { kind: 'import', status: 'succeeded', source: 'calls.csv', inserted: 9998, duplicates: 2, rejected: 3 },
    ]);
    probe.close();
  }, 120_000);

  it('lists at most 20 rejected rows and says how to see the rest', async () => {
    const dir = await cliDataDir();
    const file = writeFile(temp.make(), 'bad.csv', [CALLS_HEADER, ...Array.from({ length: 25 }, (_, i) => `b${i},AC1,call_seconds,x,2026-10-02T00:00:00Z,`)]);
    const run = await runMeterbook(['--data-dir', dir, 'import', file, '--mapping', 'Calls CSV']);
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('Imported 0 new, 0 duplicates, 25 rejected (of 25 rows).');
    expect(lines.slice(1, 21).every((l, i) => l.startsWith(`Row ${i + 2}: quantity "x" is not a number`))).toBe(true);
    expect(lines[21]).toBe(`… and 5 more rejected rows (all of them: meterbook call sync.job '{"id":1,"rejectionsLimit":1000}').`);
  }, 60_000);

  it('exits 2 for a wrong command line and 1 when the import cannot run', async () => {
    const dir = await cliDataDir();
    const file = writeFile(temp.make(), 'calls.csv', [CALLS_HEADER, ...callRows(3)]);
    const noFile = await runMeterbook(['--data-dir', dir, 'import', '--mapping', 'Calls CSV']);
    expect(noFile).toMatchObject({ code: 2, stdout: '' });
    expect(noFile.stderr).toMatch(/Name the file to import\.\nUsage: meterbook \[--data-dir DIR\] import FILE --mapping NAME/);
    const noMapping = await runMeterbook(['--data-dir', dir, 'import', file]);
    expect(noMapping.code).toBe(2);
    expect(noMapping.stderr).toMatch(/--mapping NAME/);
    const unknown = await runMeterbook(['--data-dir', dir, 'import', file, '--mapping', 'Twilio']);
    expect(unknown).toMatchObject({ code: 1, stdout: '' });
    expect(unknown.stderr).toBe('meterbook import: There is no saved mapping "Twilio". Saved mappings: "Calls CSV".\n');
    const missing = await runMeterbook(['--data-dir', dir, 'import', path.join(dir, 'nope.csv'), '--mapping', 'Calls CSV']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope\.csv" does not exist/);
    const help = await runMeterbook(['help', 'import']);
    expect(help.stdout).toMatch(/--dry-run/);
  }, 60_000);
});
