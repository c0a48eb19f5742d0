// Exports end to end over a real ledger: the demo agency closed for October, issued, one invoice paid, one
// credited, one voided; then exported with CSVs and a zip, and checked with the real PDF and zip tools.
// Also `meterbook close | issue | export` as a user runs them.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandOutput } from '../../shared/contract/commands';
import type { PlanDefinitionInput } from '../../shared/pricing';
import { dec, decText, sum } from '../../shared/money/decimal';
import { fixedClock } from '../../electron/services/clock';
import { DEMO_EXCHANGE_RATES } from '../../electron/services/demo/demo-writer';
import { ok, openTempContext, type TempContext } from '../helpers/temp-context';
import { runMeterbook } from './helpers/cli';
import { createTempDirs } from './helpers/temp-dirs';

const SLOW = { timeout: 180_000 };
const temp = createTempDirs();
afterAll(() => temp.removeAll());

const local = (currency: string, usd: string) => (currency === 'USD' ? usd : decText(dec(usd).times(DEMO_EXCHANGE_RATES[currency]!)));
const plan = (currency: string): PlanDefinitionInput => ({
  name: `Standard ${currency}`,
  currency,
  interval: 'month',
  baseFee: local(currency, '199'),
  charges: [
    { metricKey: 'interactions', model: { type: 'per_unit', unitPrice: local(currency, '0.50') } },
    { metricKey: 'messages', model: { type: 'per_unit', unitPrice: local(currency, '0.02') } },
    { metricKey: 'ai_tokens', model: { type: 'cost_multiplier', multiplier: '1.2' } },
    { metricKey: 'sms', model: { type: 'cost_multiplier', multiplier: '1.5' } },
  ],
});

/** The demo agency (usage to 2026-10-31), one plan per currency, every client subscribed; KWD and JPY clients taxed. */
async function demoAgency(ctx: TempContext) {
  ok(await ctx.dispatch('demo.load', { seed: 42, endDate: '2026-10-31', pricing: false }));
  const clients = ok(await ctx.dispatch('clients.list', { limit: 100 })).items;
  const plans = new Map<string, number>();
  for (const currency of [...new Set(clients.map((c) => c.currency))].sort()) {
    plans.set(currency, ok(await ctx.dispatch('plans.create', { definition: plan(currency) as Record<string, unknown> })).id);
  }
  for (const c of clients) ok(await ctx.dispatch('subscriptions.assign', { clientId: c.id, planId: plans.get(c.currency)!, startDate: '2026-08-01' }));
  const jpy = clients.find((c) => c.currency === 'JPY')!;
  const kwd = clients.find((c) => c.currency === 'KWD')!;
  ok(await ctx.dispatch('clientBilling.set', { clientId: jpy.id, taxRates: [{ name: 'Consumption tax', rate: '10' }], paymentTermsDays: null, reverseCharge: false }));
  ok(await ctx.dispatch('clientBilling.set', { clientId: kwd.id, taxRates: [{ name: 'VAT', rate: '5' }], paymentTermsDays: null, reverseCharge: false }));
  return { clients, jpy, kwd };
}

const csvRows = (file: string, delimiter = ',') => parse(fs.readFileSync(file), { columns: true, delimiter, bom: true }) as Record<string, string>[];

describe('exporting a closed and issued period', SLOW, () => {
  let ctx: TempContext;
  let setup: Awaited<ReturnType<typeof demoAgency>>;
  let closeRun: CommandOutput<'invoices.closeRun'>;
  let issued: CommandOutput<'invoices.issueBatch'>;
  let creditNoteNumber: string;

  beforeAll(async () => {
    ctx = await openTempContext({ clock: fixedClock('2026-11-02T12:00:00.000Z') });
    setup = await demoAgency(ctx);
    const started = ok(await ctx.dispatch('invoices.closeStart', { period: '2026-10' }));
    await ctx.jobs.wait(started.jobId);
    closeRun = ok(await ctx.dispatch('invoices.closeRun', { runId: started.id }));
    // a discount on one draft, so the lines CSV has every row type
    const drafts = ok(await ctx.dispatch('invoices.list', { period: '2026-10', status: 'draft' })).items;
    const harbor = drafts.find((d) => d.clientName.startsWith('Harbor'))!;
    ok(await ctx.dispatch('invoices.addDiscount', { invoiceId: harbor.id, description: 'Loyalty, 5%', kind: 'percent', value: '5' }));
    issued = ok(await ctx.dispatch('invoices.issueBatch', { period: '2026-10', issueDate: '2026-11-01' }));
    const [paid, credited, voided] = issued.issued;
    ok(await ctx.dispatch('invoices.markPaid', { id: paid!.id, date: '2026-11-02', method: 'bank_transfer', reference: 'SEPA "991", ref; x' }));
    const cn = ok(await ctx.dispatch('invoices.createCreditNote', { invoiceId: credited!.id, reason: 'Duplicate seats', mode: 'full' }));
    creditNoteNumber = ok(await ctx.dispatch('invoices.issue', { id: cn.id, issueDate: '2026-11-02' })).number!;
    ok(await ctx.dispatch('invoices.void', { id: voided!.id, reason: 'Wrong client' }));
  }, 180_000);
  afterAll(async () => {
    await ctx.dispose();
  });

  it('the close drafted every client and the batch issued them all', () => {
    expect(closeRun).toMatchObject({ status: 'done', created: setup.clients.length, failures: [] });
    expect(issued.failed).toEqual([]);
    expect(issued.issued).toHaveLength(setup.clients.length);
  });

  it('writes every PDF, both CSVs and a zip holding exactly those files; each PDF passes qpdf --check', async () => {
    const outDir = path.join(temp.make('mb-export-'), 'October 2026');
    const { jobId } = ok(await ctx.dispatch('exports.start', { period: '2026-10', outDir, csv: true, zip: true }));
    await ctx.jobs.wait(jobId);
    const result = ok(await ctx.dispatch('exports.result', { jobId }));
    const docs = await ctx.services.invoices.invoices.documentsForPeriod('2026-10', { includeDrafts: false });
    expect(docs.map((d) => d.snapshot.number)).toContain(creditNoteNumber);

    expect(result.documents).toBe(docs.length);
    expect(result.zip).toBe('2026-10 invoices.zip');
    const pdfs = result.files.filter((f) => f.name.endsWith('.pdf'));
    expect(pdfs).toHaveLength(docs.length);
    expect(result.files.map((f) => f.name).slice(-2)).toEqual(['invoices.csv', 'invoice-lines.csv']);
    expect(fs.readdirSync(outDir).sort()).toEqual([...result.files.map((f) => f.name), result.zip!].sort());
    for (const f of result.files) expect(fs.statSync(path.join(outDir, f.name)).size, f.name).toBe(f.bytes);

    for (const [i, f] of pdfs.entries()) {
      const check = spawnSync('qpdf', ['--check', path.join(outDir, f.name)], { encoding: 'utf8' });
      expect(check.status, `${f.name}: ${check.stdout}${check.stderr}`).toBe(0);
      // the PDF is the document it is named after
      const text = execFileSync('pdftotext', [path.join(outDir, f.name), '-'], { encoding: 'utf8' });
      expect(text, f.name).toContain(docs[i]!.snapshot.number!);
    }

    const listing = execFileSync('unzip', ['-Z1', path.join(outDir, result.zip!)], { encoding: 'utf8' }).trim().split('\n');
    expect(listing.sort()).toEqual(result.files.map((f) => f.name).sort());
    const unzipped = temp.make('mb-unzip-');
    execFileSync('unzip', ['-q', path.join(outDir, result.zip!), '-d', unzipped]);
    for (const f of result.files) expect(fs.readFileSync(path.join(unzipped, f.name)).equals(fs.readFileSync(path.join(outDir, f.name))), f.name).toBe(true);

    // CSV totals are the frozen snapshot totals, text for text
    const rows = csvRows(path.join(outDir, 'invoices.csv'));
    expect(rows.map((r) => r.number)).toEqual(docs.map((d) => d.snapshot.number));
    for (const [i, d] of docs.entries()) {
      const r = rows[i]!;
      const t = d.snapshot.totals;
      expect([r.subtotal, r.discount_total, r.net, r.tax_total, r.total, r.paid_from_balance, r.amount_due], r.number).toEqual([t.subtotal, t.discountTotal, t.net, t.taxTotal, t.total, t.paidFromBalance, t.amountDue]);
      expect([r.status, r.currency, r.client_name, r.issue_date, r.period], r.number).toEqual([d.summary.status, d.snapshot.currency, d.snapshot.client.name, d.snapshot.issueDate, '2026-10']);
    }
    expect(rows.find((r) => r.status === 'paid')).toMatchObject({ paid_on: '2026-11-02', payment_method: 'bank_transfer', payment_reference: 'SEPA "991", ref; x', balance_due: expect.stringMatching(/^0/) });
    expect(rows.find((r) => r.status === 'void')).toMatchObject({ void_reason: 'Wrong client' });
    const credit = rows.find((r) => r.kind === 'credit_note')!;
    expect(credit).toMatchObject({ number: creditNoteNumber, credit_of_number: issued.issued[1]!.number, credit_reason: 'Duplicate seats' });
    expect(credit.total!.startsWith('-')).toBe(true);
    expect(rows.find((r) => r.number === issued.issued[1]!.number)!.credited).toBe(credit.total!.slice(1));

    // JPY whole yen, KWD to the fils, exactly the snapshot's
    const jpy = rows.find((r) => r.client_id === String(setup.jpy.id))!;
    const kwd = rows.find((r) => r.client_id === String(setup.kwd.id) && r.kind === 'invoice')!;
    expect(jpy.total).toMatch(/^\d+$/);
    expect(jpy.tax_total).toMatch(/^[1-9]\d*$/);
    expect(kwd.total).toMatch(/^\d+\.\d{3}$/);

    // each document's rows in invoice-lines.csv add up to its total; every row type occurs
    const lines = csvRows(path.join(outDir, 'invoice-lines.csv'));
    for (const d of docs) {
      const mine = lines.filter((l) => l.document_id === String(d.summary.id));
      expect(mine.filter((l) => l.row_type === 'line')).toHaveLength(d.snapshot.lines.length);
      expect(sum(mine.map((l) => l.amount!)).equals(dec(d.snapshot.totals.total)), `${d.snapshot.number}`).toBe(true);
    }
    expect(new Set(lines.map((l) => l.row_type))).toEqual(new Set(['line', 'discount', 'tax']));

    // the zip downloads through the contract byte for byte; a name outside the result does not
    const zip = ok(await ctx.dispatch('exports.download', { jobId, name: result.zip! }));
    expect(Buffer.from(zip.dataBase64, 'base64').equals(fs.readFileSync(path.join(outDir, result.zip!)))).toBe(true);
    expect(await ctx.dispatch('exports.download', { jobId, name: '../October 2026/invoices.csv' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('decimal comma, BOM and drafts: the same amounts with a comma, ; between fields', async () => {
    const { jobId } = ok(await ctx.dispatch('exports.start', { period: '2026-10', pdf: false, csv: true, decimalComma: true, bom: true }));
    await ctx.jobs.wait(jobId);
    const result = ok(await ctx.dispatch('exports.result', { jobId }));
    expect(result.outDir).toBe(fs.realpathSync(path.join(ctx.dataDir, 'exports', '2026-10')));
    expect(result.files.map((f) => f.name)).toEqual(['invoices.csv', 'invoice-lines.csv']);
    const file = path.join(result.outDir, 'invoices.csv');
    expect(fs.readFileSync(file).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const docs = await ctx.services.invoices.invoices.documentsForPeriod('2026-10', { includeDrafts: false });
    expect(csvRows(file, ';').map((r) => r.total)).toEqual(docs.map((d) => d.snapshot.totals.total.replace('.', ',')));
  });

  it('refuses a folder path that is a file, with a message naming it', async () => {
    const file = path.join(temp.make('mb-export-'), 'taken.txt');
    fs.writeFileSync(file, 'x');
    expect(await ctx.dispatch('exports.start', { period: '2026-10', outDir: file })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'outDir', message: `${file} is a file, not a folder. Choose another folder for the export.` },
    });
    expect(await ctx.dispatch('exports.result', { jobId: 'export-unknown' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('meterbook close, issue, export', SLOW, () => {
  let dataDir: string;
  let clientCount: number;

  beforeAll(async () => {
    dataDir = temp.make();
    const ctx = await openTempContext({ dataDir, clock: fixedClock('2026-11-02T12:00:00.000Z') });
    clientCount = (await demoAgency(ctx)).clients.length;
    await ctx.close();
  }, 180_000);

  it('close drafts every client, and says so; a second close refreshes them', async () => {
    const run = await runMeterbook(['--data-dir', dataDir, 'close', '--period', '2026-10'], { timeoutMs: 120_000 });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe(`Closed 2026-10: ${clientCount} drafts created, 0 updated, 0 skipped (already issued), 0 failed.\n`);
    const again = await runMeterbook(['--data-dir', dataDir, 'close', '--period', '2026-10'], { timeoutMs: 120_000 });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toBe(`Closed 2026-10: 0 drafts created, ${clientCount} updated, 0 skipped (already issued), 0 failed.\n`);
  });

  it('issue prints each number and client; a bad date names --date; a re-run has nothing left', async () => {
    const bad = await runMeterbook(['--data-dir', dataDir, 'issue', '--period', '2026-10', '--date', '2026-11-31']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^meterbook issue: .*2026-11-31.*\(field: date\)\n$/);

    const run = await runMeterbook(['--data-dir', dataDir, 'issue', '--period', '2026-10', '--date', '2026-11-01'], { timeoutMs: 120_000 });
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(clientCount + 1);
    for (const l of lines.slice(0, -1)) expect(l).toMatch(/^INV-\S+ {2,}\S/);
    expect(new Set(lines.slice(0, -1).map((l) => l.split(' ')[0])).size).toBe(clientCount);
    expect(lines.at(-1)).toBe(`Issued ${clientCount} of ${clientCount} drafts for 2026-10.`);

    const again = await runMeterbook(['--data-dir', dataDir, 'issue', '--period', '2026-10']);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe('No drafts to issue for 2026-10. Close the period first: meterbook close --period 2026-10\n');
    const closed = await runMeterbook(['--data-dir', dataDir, 'close', '--period', '2026-10'], { timeoutMs: 120_000 });
    expect(closed.stdout).toBe(`Closed 2026-10: 0 drafts created, 0 updated, ${clientCount} skipped (already issued), 0 failed.\n`);
  });

  it('export prints every path it wrote; the folder is relative to where you run it', async () => {
    const cwd = temp.make('mb-cwd-');
    const run = await runMeterbook(['--data-dir', dataDir, 'export', '--period', '2026-10', '--out', path.relative(process.cwd(), path.join(cwd, 'out')), '--csv', '--zip', '--decimal-comma', '--bom'], { timeoutMs: 120_000 });
    expect(run.code, run.stderr).toBe(0);
    const paths = run.stdout.trimEnd().split('\n');
    expect(paths).toHaveLength(clientCount + 3);
    for (const p of paths) {
      expect(path.dirname(p)).toBe(path.join(cwd, 'out'));
      expect(fs.statSync(p).size).toBeGreaterThan(0);
    }
    expect(paths.at(-1)).toBe(path.join(cwd, 'out', '2026-10 invoices.zip'));
    expect(run.stderr).toMatch(new RegExp(`Exported ${clientCount} documents of 2026-10 \\(${clientCount + 3} files\\) to `));
    expect(csvRows(path.join(cwd, 'out', 'invoices.csv'), ';')).toHaveLength(clientCount);
  });

  it('export refuses a file as the folder (exit 1) and a missing period (exit 2)', async () => {
    const file = path.join(temp.make('mb-cwd-'), 'file.txt');
    fs.writeFileSync(file, 'x');
    const run = await runMeterbook(['--data-dir', dataDir, 'export', '--period', '2026-10', '--out', file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`meterbook export: ${file} is a file, not a folder. Choose another folder for the export. (field: out)\n`);
    const usage = await runMeterbook(['--data-dir', dataDir, 'export', '--out', file]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/--period is required/);
  });
});
