import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../shared/contract/events';
import { ImportMapping } from '../../../shared/domain/import-mapping';
import { ok, openTempContext, tempDir, type TempContext } from '../../../test/helpers/temp-context';
import { openAppContext } from '../app-context';
import { fixedClock } from '../clock';
import { silentLogger } from '../logger';
import { ImportService } from './import-service';
import { CALLS_HEADER, CALLS_MAPPING, callRows, setUpAgency, writeFile, type Agency } from './test-support';

let ctx: TempContext;
let agency: Agency;
let progress: Array<EventPayload<'job.progress'>>;
beforeEach(async () => {
  ctx = await openTempContext();
  agency = await setUpAgency(ctx);
  progress = [];
  ctx.bus.subscribe((name, payload) => {
    if (name === 'job.progress') progress.push(payload as EventPayload<'job.progress'>);
  });
});
afterEach(async () => {
  await ctx.dispose();
});

const count = (sql: string) => (ctx.ledger.raw.prepare(sql).get() as { n: number }).n;

async function runToEnd(input: Record<string, unknown>) {
  const started = ok(await ctx.dispatch('import.start', { providerAccountId: agency.accountId, mapping: CALLS_MAPPING, ...input } as never));
  await ctx.services.import.files.wait(started.jobId);
  return ok(await ctx.dispatch('sync.job', { id: started.id, rejectionsLimit: 1000 }));
}

describe('import.preview', () => {
  it('shows the header, the first rows and what the mapping makes of them, dates as ISO', async () => {
    const file = writeFile(ctx.dataDir, 'calls.csv', [CALLS_HEADER, ...callRows(2), 'c9,AC1,call_seconds,-5,2026-10-01T00:00:00Z,', ...callRows(30, 2)]);
    const p = ok(await ctx.dispatch('import.preview', { file: { path: file }, mapping: CALLS_MAPPING, rows: 3 }));
    expect(p).toMatchObject({ format: 'csv', delimiter: ',', headers: CALLS_HEADER.split(','), mappingError: null });
    expect(p.rows).toEqual([callRows(1)[0]!.split(','), callRows(2)[1]!.split(','), 'c9,AC1,call_seconds,-5,2026-10-01T00:00:00Z,'.split(',')]);
    expect(p.mapped).toEqual([
      { row: 2, event: { externalId: 'c0', clientKey: 'sub_account:AC1', metricKey: 'call_seconds', quantity: 1, occurredAt: '2026-10-01T00:00:00.000Z', cost: '0.00' }, reason: null },
      { row: 3, event: expect.objectContaining({ externalId: 'c1', occurredAt: '2026-10-01T00:00:07.000Z' }), reason: null },
      { row: 4, event: null, reason: 'Row 4: quantity "-5" is negative' },
    ]);
    expect(p.suggested).toMatchObject({ format: 'csv', columns: { externalId: 'call_id', occurredAt: 'start_time' } });
  });

  it('without a mapping suggests one; a mapping that does not fit says why', async () => {
    const file = writeFile(ctx.dataDir, 'calls.csv', [CALLS_HEADER, ...callRows(3)]);
    const bare = ok(await ctx.dispatch('import.preview', { file: { path: file } }));
    expect(bare).toMatchObject({ mapped: [], mappingError: null, suggested: { columns: { externalId: 'call_id', quantity: 'seconds', cost: 'cost' } } });
    const wrong = { ...CALLS_MAPPING, columns: { ...CALLS_MAPPING.columns, externalId: 'id' } };
    const p = ok(await ctx.dispatch('import.preview', { file: { path: file }, mapping: wrong }));
    expect(p.mappingError).toMatch(/The file has no column "id" \(mapped to the event id\)/);
  });

  it('refuses files that cannot be read with a message a user can act on', async () => {
    const gone = await ctx.dispatch('import.preview', { file: { path: path.join(ctx.dataDir, 'nope.csv') } });
    expect(gone).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/does not exist/) } });
    const r = await ctx.dispatch('import.preview', { file: { uploadId: '../../../etc/passwd' } });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'Unknown upload.' } });
  });
});

describe('import.start', () => {
  it('imports as a job with byte progress and row counters, then reports the job like a sync', async () => {
    const rows = callRows(2500);
    const file = writeFile(ctx.dataDir, 'calls.csv', [CALLS_HEADER, ...rows]);
    const detail = await runToEnd({ file: { path: file } });
    expect(detail.job).toMatchObject({ kind: 'import', status: 'succeeded', source: 'calls.csv', fetched: 2500, inserted: 2500, duplicates: 0, rejected: 0, error: null });
    const mine = progress.filter((p) => p.jobId === detail.job.jobId);
    const size = fs.statSync(file).size;
    expect(mine.every((p) => p.kind === 'import' && p.total === size)).toBe(true);
    expect(mine.at(-1)).toMatchObject({ done: true, current: size, counters: { rows: 2500, inserted: 2500, duplicates: 0, rejected: 0 } });
    expect(mine.at(-1)!.step).toMatch(/^Done: 2,500 new/);
    expect(JSON.parse(ctx.ledger.raw.prepare('select checkpoint from ingest_jobs where id = ?').pluck().get(detail.job.id) as string)).toMatchObject({
      rowsCommitted: 2500,
      totalBytes: size,
    });
    expect(count('select count(*) n from usage_events')).toBe(2500);
    expect(ok(await ctx.dispatch('usage.rebuildRollups', { apply: false })).mismatches).toBe(0);
  });

  it('refuses an unknown or archived account and a mapping that does not fit the file, before any job exists', async () => {
    const file = writeFile(ctx.dataDir, 'calls.csv', [CALLS_HEADER, ...callRows(3)]);
    const nobody = await ctx.dispatch('import.start', { file: { path: file }, providerAccountId: 999, mapping: CALLS_MAPPING });
    expect(nobody).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'providerAccountId' } });
    const noColumn = await ctx.dispatch('import.start', {
      file: { path: file },
      providerAccountId: agency.accountId,
      mapping: { ...CALLS_MAPPING, columns: { ...CALLS_MAPPING.columns, cost: 'price' } },
    });
    expect(noColumn).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'mapping', message: expect.stringMatching(/no column "price"/) } });
    const empty = writeFile(ctx.dataDir, 'empty.csv', []);
    const nothing = await ctx.dispatch('import.start', { file: { path: empty }, providerAccountId: agency.accountId, mapping: CALLS_MAPPING });
    expect(nothing).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/empty/) } });
    ok(await ctx.dispatch('providers.archive', { id: agency.accountId }));
    const archived = await ctx.dispatch('import.start', { file: { path: file }, providerAccountId: agency.accountId, mapping: CALLS_MAPPING });
    expect(archived).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/archived; restore it/) } });
    expect(count('select count(*) n from ingest_jobs')).toBe(0);
  });

  it('keeps rows of unmapped clients as unassigned usage when asked to', async () => {
    const file = writeFile(ctx.dataDir, 'calls.csv', [CALLS_HEADER, 'x1,AC9,call_seconds,30,2026-10-02T10:00:00Z,0.01', 'x2,,call_seconds,30,2026-10-02T10:00:00Z,0.01']);
    const rejected = await runToEnd({ file: { path: file } });
    expect(rejected.rejections.map((r) => r.reason)).toEqual(['Row 2: unknown client key "sub_account:AC9" (map it to a client first)', 'Row 3: missing client key']);
    const kept = await runToEnd({ file: { path: file }, unknownClient: 'unassigned' });
    expect(kept.job).toMatchObject({ inserted: 2, rejected: 0 });
    expect(ok(await ctx.dispatch('usage.unassigned', {})).map((g) => g.clientKey).sort()).toEqual([null, 'sub_account:AC9'].sort());
  });

  it('words JSON-lines rejections by line number', async () => {
    const file = writeFile(ctx.dataDir, 'calls.jsonl', [
      JSON.stringify({ call_id: 'j1', sub_account: 'AC1', metric: 'call_seconds', seconds: 5, start_time: '2026-10-02T10:00:00Z' }),
      '{"call_id": "j2",',
      JSON.stringify({ call_id: 'j3', sub_account: 'AC7', metric: 'call_seconds', seconds: 5, start_time: '2026-10-02T10:00:00Z' }),
    ]);
    const detail = await runToEnd({ file: { path: file }, mapping: { ...CALLS_MAPPING, format: 'jsonl' } });
    expect(detail.job).toMatchObject({ inserted: 1, rejected: 2 });
    expect(detail.rejections.map((r) => r.reason)).toEqual([
      expect.stringMatching(/^Line 2: invalid JSON/),
      'Line 3: unknown client key "sub_account:AC7" (map it to a client first)',
    ]);
  });

  it('import.cancel stops the job as cancelled and keeps the batches already committed', async () => {
    const file = writeFile(ctx.dataDir, 'calls.csv', [CALLS_HEADER, ...callRows(30_000)]);
    const service = new ImportService(ctx.deps, ctx.services.import.uploads, { batchSize: 100 });
    const started = await service.start({ file: { path: file }, providerAccountId: agency.accountId, mapping: ImportMapping.parse(CALLS_MAPPING), dryRun: false, unknownClient: 'reject' });
    await new Promise<void>((resolve) => {
      const stop = ctx.bus.subscribe((name, payload) => {
        const p = payload as EventPayload<'job.progress'>;
        if (name === 'job.progress' && p.jobId === started.jobId && (p.counters?.rows ?? 0) > 0) {
          stop();
          resolve();
        }
      });
    });
    expect(ok(await ctx.dispatch('import.cancel', { jobId: started.jobId }))).toEqual({ cancelled: true });
    await service.wait(started.jobId);
    const { job } = ok(await ctx.dispatch('sync.job', { id: started.id, rejectionsLimit: 0 }));
    expect(job.status).toBe('cancelled');
    expect(job.error).toMatch(/^Cancelled after [\d,]+ rows\. The [\d,]+ new events of the first [\d,]+ rows are saved; importing the file again skips them\.$/);
    expect(job.inserted).toBeGreaterThan(0);
    expect(job.inserted).toBeLessThan(30_000);
    expect(count('select count(*) n from usage_events')).toBe(job.inserted);
    expect(progress.find((p) => p.jobId === started.jobId && p.done)).toMatchObject({ error: job.error, step: expect.stringMatching(/^Cancelled: /) });
    expect(ok(await ctx.dispatch('import.cancel', { jobId: started.jobId }))).toEqual({ cancelled: false });
  });
});

describe('files.pick', () => {
  it('tells browser-mode users to upload instead', async () => {
    const r = await ctx.dispatch('files.pick', { purpose: 'usage' });
    expect(r).toEqual({ ok: false, error: { code: 'invalid_input', message: 'Choose the file with the upload button (browser mode has no file dialog).' } });
  });

  it('uses the host dialog in Electron: the chosen file with its name and size, or null when cancelled', async () => {
    const dir = tempDir();
    const file = writeFile(dir, 'october.csv', [CALLS_HEADER]);
    let answer: string | null = file;
    const app = await openAppContext({ dataDir: dir, mode: 'electron', clock: fixedClock('2026-10-15T12:00:00Z'), logger: silentLogger, host: { pickFile: async () => answer } });
    try {
      expect(ok(await app.dispatch('files.pick', { purpose: 'usage' }))).toEqual({ path: file, name: 'october.csv', size: CALLS_HEADER.length + 1 });
      answer = null;
      expect(ok(await app.dispatch('files.pick', { purpose: 'usage' }))).toBeNull();
    } finally {
      await app.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
