// The export job over a real data folder and job registry. The documents come from a stand-in for the invoice
// service (the period's documents are plain data); the full path through the ledger is test/integration/exports.test.ts.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { unzipSync } from 'fflate';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../shared/contract/events';
import type { ExportInput, InvoiceSnapshot, InvoiceSummary } from '../../../shared/domain/invoice';
import { ExportInput as ExportInputSchema } from '../../../shared/domain/invoice';
import { openTempContext, tempDir, type TempContext } from '../../../test/helpers/temp-context';
import type { DocumentsService } from './documents-service';
import { ExportsService, fitFileName, zipFileName } from './exports-service';
import type { InvoicesService, PeriodDocument } from './invoices-service';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const party = (name: string) => ({ name, contactName: null, email: null, phone: null, addressLines: [], taxId: null });

function periodDoc(id: number, clientName: string, over: { number?: string | null; status?: InvoiceSummary['status']; currency?: string; total?: string } = {}): PeriodDocument {
  const number = over.number === undefined ? `INV-2026-${String(id).padStart(5, '0')}` : over.number;
  const total = over.total ?? '100.00';
  const snapshot: InvoiceSnapshot = {
    schemaVersion: 1,
    kind: 'invoice',
    number,
    currency: over.currency ?? 'USD',
    locale: 'en-US',
    issueDate: number === null ? null : '2026-11-01',
    dueDate: number === null ? null : '2026-11-15',
    paymentTermsDays: 14,
    period: { label: '2026-10', start: '2026-10-01', end: '2026-11-01' },
    agency: party('Agency'),
    client: party(clientName),
    branding: { accentColor: '#1f6feb', logo: null },
    planName: null,
    lines: [{ source: 'manual', kind: 'manual', description: 'Work', metricKey: null, quantity: '1', unit: 'unit', unitPrice: total, amount: total, note: null }],
    discounts: [],
    taxes: [],
    reverseChargeMention: null,
    totals: { subtotal: total, discountTotal: '0', net: total, taxTotal: '0', total, paidFromBalance: '0', amountDue: total },
    notes: null,
    paymentInstructions: null,
    creditOf: null,
    creditReason: null,
  };
  const status = over.status ?? (number === null ? 'draft' : 'issued');
  const summary: InvoiceSummary = {
    id,
    kind: 'invoice',
    status,
    number,
    clientId: id,
    clientName,
    periodLabel: '2026-10',
    currency: snapshot.currency,
    issueDate: snapshot.issueDate,
    dueDate: snapshot.dueDate,
    total,
    paidFromBalance: '0',
    amountDue: total,
    credited: '0',
    balanceDue: status === 'paid' ? '0' : total,
    overdue: false,
    paidOn: status === 'paid' ? '2026-11-10' : null,
    creditOfId: null,
    updatedAt: '2026-11-01T00:00:00.000Z',
  };
  return { summary, snapshot };
}

async function tinyPdf(text: string): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([300, 200]);
  page.drawText(text.replace(/[^\x20-\x7e]/g, '?'), { x: 20, y: 100, size: 10, font: await pdf.embedFont(StandardFonts.Helvetica) });
  return pdf.save();
}

interface Harness {
  ctx: TempContext;
  exports: ExportsService;
  /** called before each render; may throw or wait */
  beforeRender: (snapshot: InvoiceSnapshot) => Promise<void>;
  rendered: Array<{ number: string | null; draft: boolean }>;
}

async function harness(docs: PeriodDocument[]): Promise<Harness> {
  const ctx = await openTempContext();
  cleanups.push(() => ctx.dispose());
  const h: Harness = { ctx, exports: undefined as unknown as ExportsService, beforeRender: async () => undefined, rendered: [] };
  const invoices = {
    documentsForPeriod: async (_period: string, options: { includeDrafts: boolean }) => docs.filter((d) => options.includeDrafts || d.summary.status !== 'draft'),
    get: async (id: number) => ({ payment: { date: '2026-11-10', method: 'bank_transfer', reference: `wire ${id}` }, voidReason: null }),
  } as unknown as InvoicesService;
  const documents = {
    render: async (snapshot: InvoiceSnapshot, draft: boolean) => {
      await h.beforeRender(snapshot);
      h.rendered.push({ number: snapshot.number, draft });
      return tinyPdf(`${snapshot.number ?? 'DRAFT'} ${snapshot.client.name}`);
    },
  } as unknown as DocumentsService;
  h.exports = new ExportsService(ctx.deps, invoices, documents);
  return h;
}

async function runExport(h: Harness, input: ExportInput) {
  const { jobId } = await h.exports.start(ExportInputSchema.parse(input));
  await h.ctx.jobs.wait(jobId);
  return jobId;
}

const leftovers = (dir: string) => fs.readdirSync(dir).filter((n) => n.endsWith('.partial'));

describe('ExportsService', () => {
  it('writes the PDFs, both CSVs and a zip of exactly those files into <data>/exports/<period>', async () => {
    const docs = [periodDoc(1, 'Acme Dental'), periodDoc(2, 'Zürich "Zahn" AG, Nord', { status: 'paid', currency: 'KWD', total: '1.235' }), periodDoc(3, 'Draft Co', { number: null })];
    const h = await harness(docs);
    const events: EventPayload<'job.progress'>[] = [];
    h.ctx.bus.subscribe((name, payload) => name === 'job.progress' && events.push(payload as EventPayload<'job.progress'>));

    const jobId = await runExport(h, { period: '2026-10', csv: true, zip: true });
    const result = await h.exports.result(jobId);
    const outDir = fs.realpathSync(path.join(h.ctx.dataDir, 'exports', '2026-10'));
    expect(result).toEqual({
      outDir,
      files: [
        { name: 'INV-2026-00001 Acme Dental.pdf', bytes: expect.any(Number) },
        { name: 'INV-2026-00002 Zürich _Zahn_ AG, Nord.pdf', bytes: expect.any(Number) },
        { name: 'invoices.csv', bytes: expect.any(Number) },
        { name: 'invoice-lines.csv', bytes: expect.any(Number) },
      ],
      zip: '2026-10 invoices.zip',
      documents: 2,
    });
    expect(h.rendered).toEqual([
      { number: 'INV-2026-00001', draft: false },
      { number: 'INV-2026-00002', draft: false },
    ]);
    for (const f of result.files) expect(fs.statSync(path.join(outDir, f.name)).size).toBe(f.bytes);
    for (const f of result.files.filter((f) => f.name.endsWith('.pdf'))) execFileSync('qpdf', ['--check', path.join(outDir, f.name)]);
    expect(leftovers(outDir)).toEqual([]);

    // the zip holds exactly the files, byte for byte, with their UTF-8 names
    const entries = unzipSync(fs.readFileSync(path.join(outDir, result.zip!)));
    expect(Object.keys(entries).sort()).toEqual(result.files.map((f) => f.name).sort());
    for (const f of result.files) expect(Buffer.from(entries[f.name]!).equals(fs.readFileSync(path.join(outDir, f.name)))).toBe(true);
    const listing = execFileSync('unzip', ['-Z1', path.join(outDir, result.zip!)], { encoding: 'utf8' }).trim().split('\n');
    expect(listing.sort()).toEqual(result.files.map((f) => f.name).sort());

    const rows = parse(fs.readFileSync(path.join(outDir, 'invoices.csv')), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.number, r.client_name, r.total, r.payment_reference])).toEqual([
      ['INV-2026-00001', 'Acme Dental', '100.00', ''],
      ['INV-2026-00002', 'Zürich "Zahn" AG, Nord', '1.235', 'wire 2'],
    ]);

    const mine = events.filter((e) => e.jobId === jobId);
    expect(mine.every((e) => e.kind === 'export')).toBe(true);
    expect(mine.at(-1)).toMatchObject({ done: true, current: 2, total: 2, counters: { documents: 2, files: 4 } });
    expect(mine.at(-1)!.error).toBeUndefined();

    const csv = await h.exports.download(jobId, 'invoices.csv');
    expect(csv).toMatchObject({ fileName: 'invoices.csv', mime: 'text/csv; charset=utf-8' });
    expect(Buffer.from(csv.dataBase64, 'base64').equals(fs.readFileSync(path.join(outDir, 'invoices.csv')))).toBe(true);
    expect((await h.exports.download(jobId, zipFileName('2026-10'))).mime).toBe('application/zip');
  });

  it('includes drafts (rendered as drafts) when asked, into a folder of your choice with decimal commas and a BOM', async () => {
    const h = await harness([periodDoc(1, 'Acme', { total: '1234.50' }), periodDoc(9, 'Draft Co', { number: null })]);
    const outDir = path.join(tempDir('mb-export-out-'), 'nested', 'folder');
    cleanups.push(() => fs.rmSync(path.dirname(path.dirname(outDir)), { recursive: true, force: true }));
    const jobId = await runExport(h, { period: '2026-10', outDir, csv: true, decimalComma: true, bom: true, includeDrafts: true });
    const result = await h.exports.result(jobId);
    expect(result.files.map((f) => f.name)).toEqual(['INV-2026-00001 Acme.pdf', 'Draft 9 Draft Co.pdf', 'invoices.csv', 'invoice-lines.csv']);
    expect(result.zip).toBeNull();
    expect(h.rendered.at(-1)).toEqual({ number: null, draft: true });
    const text = fs.readFileSync(path.join(outDir, 'invoices.csv'), 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = parse(text, { columns: true, delimiter: ';', bom: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.status, r.total])).toEqual([
      ['issued', '1234,50'],
      ['draft', '100,00'],
    ]);
  });

  it('refuses a path that is a file, a relative path, and a folder it cannot create', async () => {
    const h = await harness([periodDoc(1, 'Acme')]);
    const file = path.join(h.ctx.dataDir, 'not-a-folder');
    fs.writeFileSync(file, 'x');
    const input = (outDir: string) => ExportInputSchema.parse({ period: '2026-10', outDir });
    await expect(h.exports.start(input(file))).rejects.toMatchObject({ code: 'invalid_input', field: 'outDir', message: `${file} is a file, not a folder. Choose another folder for the export.` });
    await expect(h.exports.start(input('exports/here'))).rejects.toMatchObject({ code: 'invalid_input', field: 'outDir', message: expect.stringMatching(/full path/) });
    await expect(h.exports.start(input(path.join(file, 'below')))).rejects.toMatchObject({ code: 'invalid_input', field: 'outDir', message: expect.stringMatching(/part of the path is a file/) });
    await expect(h.exports.start(ExportInputSchema.parse({ period: '2026-10', pdf: false }))).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('result and download: not_found for unknown jobs and names, conflict while running; no way out of the folder', async () => {
    const h = await harness([periodDoc(1, 'Acme')]);
    await expect(h.exports.result('export-nope')).rejects.toMatchObject({ code: 'not_found' });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    h.beforeRender = () => gate;
    const { jobId } = await h.exports.start(ExportInputSchema.parse({ period: '2026-10' }));
    await expect(h.exports.result(jobId)).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/still running/) });
    await expect(h.exports.start(ExportInputSchema.parse({ period: '2026-10' }))).rejects.toMatchObject({ code: 'conflict', field: 'outDir' });
    release();
    await h.ctx.jobs.wait(jobId);
    fs.writeFileSync(path.join(h.ctx.dataDir, 'exports', 'secret.txt'), 'no');
    for (const name of ['../secret.txt', '../../meterbook.sqlite', 'invoices.csv', '/etc/passwd', 'INV-2026-00001 ACME.PDF']) {
      await expect(h.exports.download(jobId, name), name).rejects.toMatchObject({ code: 'not_found', field: 'name' });
    }
    const pdf = await h.exports.download(jobId, 'INV-2026-00001 Acme.pdf');
    expect(pdf.mime).toBe('application/pdf');
    expect(Buffer.from(pdf.dataBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    fs.rmSync(path.join((await h.exports.result(jobId)).outDir, 'INV-2026-00001 Acme.pdf'));
    await expect(h.exports.download(jobId, 'INV-2026-00001 Acme.pdf')).rejects.toMatchObject({ code: 'not_found', message: expect.stringMatching(/no longer/) });
  });

  it('cancelled through the signal: stops between documents, leaves only complete files, reports it', async () => {
    const docs = Array.from({ length: 10 }, (_, i) => periodDoc(i + 1, `Client ${i + 1}`));
    const h = await harness(docs);
    let jobId = '';
    h.beforeRender = async (s) => {
      if (s.number === 'INV-2026-00004') h.ctx.jobs.cancel(jobId);
    };
    jobId = (await h.exports.start(ExportInputSchema.parse({ period: '2026-10', csv: true, zip: true }))).jobId;
    await h.ctx.jobs.wait(jobId);
    await expect(h.exports.result(jobId)).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/cancelled after 4 files/) });
    const outDir = path.join(h.ctx.dataDir, 'exports', '2026-10');
    expect(fs.readdirSync(outDir).sort()).toEqual(['INV-2026-00001 Client 1.pdf', 'INV-2026-00002 Client 2.pdf', 'INV-2026-00003 Client 3.pdf', 'INV-2026-00004 Client 4.pdf']);
    for (const name of fs.readdirSync(outDir)) execFileSync('qpdf', ['--check', path.join(outDir, name)]);
  });

  it('a failure mid-export never leaves a half file under a final name', async () => {
    const h = await harness([periodDoc(1, 'Acme'), periodDoc(2, 'Broken')]);
    h.beforeRender = async (s) => {
      if (s.client.name === 'Broken') throw new Error('The logo of this document is missing from the data folder.');
    };
    const jobId = await runExport(h, { period: '2026-10', csv: true });
    await expect(h.exports.result(jobId)).rejects.toMatchObject({ code: 'conflict', message: 'The export of 2026-10 stopped: The logo of this document is missing from the data folder.' });
    const outDir = path.join(h.ctx.dataDir, 'exports', '2026-10');
    expect(fs.readdirSync(outDir)).toEqual(['INV-2026-00001 Acme.pdf']);
  });

  it('keeps long non-Latin names within file-system limits, and two documents never share a file', async () => {
    const long = '東京ホームクリニック'.repeat(12);
    const h = await harness([periodDoc(1, long, { number: 'SAME' }), periodDoc(2, long, { number: 'SAME' })]);
    const jobId = await runExport(h, { period: '2026-10', zip: true });
    const names = (await h.exports.result(jobId)).files.map((f) => f.name);
    expect(names).toHaveLength(2);
    expect(new Set(names).size).toBe(2);
    for (const n of names) expect(Buffer.byteLength(n)).toBeLessThanOrEqual(210);
    expect(names[1]).toMatch(/ \(2\)\.pdf$/);
    expect(fitFileName(`${'é'.repeat(300)}.pdf`)).toMatch(/^é+\.pdf$/);
    expect(Buffer.byteLength(fitFileName(`${'é'.repeat(300)}.pdf`))).toBeLessThanOrEqual(200);
  });

  it('an empty period still writes the CSV headers and an empty-of-PDFs zip', async () => {
    const h = await harness([]);
    const jobId = await runExport(h, { period: '2026-10', csv: true, zip: true });
    const result = await h.exports.result(jobId);
    expect(result.documents).toBe(0);
    expect(result.files.map((f) => f.name)).toEqual(['invoices.csv', 'invoice-lines.csv']);
    expect(Object.keys(unzipSync(fs.readFileSync(path.join(result.outDir, result.zip!))))).toEqual(['invoices.csv', 'invoice-lines.csv']);
  });
});
