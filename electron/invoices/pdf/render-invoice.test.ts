import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument, PDFName } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import type { InvoiceSnapshot } from '../../../shared/domain/invoice';
import { formatMoney, formatPercent, formatPeriod } from '../../../shared/invoicing/format';
import { flat, pdfFile, plainSpaces, removePdfFiles } from './pdf-tools';
import { renderInvoicePdf, type RenderOptions } from './render-invoice';
import { buildSnapshot, creditNote, draftInvoice, jpyInvoice, kwdInvoice, longInvoice, longLines, usdInvoice } from './test-snapshots';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const png = { bytes: new Uint8Array(fs.readFileSync(path.join(fixtures, 'logo.png'))), mime: 'image/png' as const };
const jpg = { bytes: new Uint8Array(fs.readFileSync(path.join(fixtures, 'logo.jpg'))), mime: 'image/jpeg' as const };

const plain: RenderOptions = { logo: null, watermark: null };

async function render(snapshot: InvoiceSnapshot, options: Partial<RenderOptions> = {}) {
  const file = pdfFile(await renderInvoicePdf(snapshot, { ...plain, ...options }));
  expect(file.check()).toContain('No syntax or stream encoding errors found');
  return file;
}

/** Every amount a reader checks, as formatMoney prints it (no-break spaces as pdftotext shows them). */
function expectedAmounts(s: InvoiceSnapshot): string[] {
  const m = (a: string) => plainSpaces(formatMoney(a, s.currency, s.locale));
  return [...s.lines.map((l) => m(l.amount)), ...s.taxes.map((t) => m(t.amount)), m(s.totals.subtotal), m(s.totals.total), m(s.totals.amountDue)];
}

afterAll(removePdfFiles);

describe('renderInvoicePdf', () => {
  it('renders a one-page USD invoice with a PNG logo, a discount, VAT and the prepaid balance', async () => {
    const snap = usdInvoice();
    const pdf = await render(snap, { logo: png });
    expect(pdf.pages()).toBe(1);
    const text = plainSpaces(pdf.text());
    for (const s of ['INVOICE', 'INV-2026-00042', 'Zoë Łódź Studio Sp. z o.o.', 'Northwind Voice Agency Ltd', 'Bill to'.toUpperCase(), 'Tax ID PL5260250995', 'Page 1 of 1'])
      expect(text).toContain(s);
    for (const amount of expectedAmounts(snap)) expect(text).toContain(amount);
    // hard literals, so a formatter bug cannot hide behind itself
    expect(text).toMatch(/Subtotal\s+\$3,473\.43/);
    expect(text).toMatch(/Loyalty discount \(10%\)\s+-\$347\.34/);
    expect(text).toMatch(/VAT 20%\s+\$625\.22/);
    expect(text).toMatch(/Total\s+\$3,751\.31/);
    expect(text).toMatch(/Paid from prepaid balance\s+-\$250\.00/);
    expect(text).toMatch(/Amount due\s+\$3,501\.31/);
    expect(text).toMatch(/Chat messages\s+18,250 messages\s+\$0\.0125\s+\$228\.13/);
    expect(text).toContain('$0.000004');
    expect(text).toContain(plainSpaces(formatPeriod('2026-10-01', '2026-11-01', 'en-US')));
    expect(text).toMatch(/Oct 1\s–\s31, 2026/);
    expect(text).toContain('Nov 15, 2026');
    expect(flat(pdf.text({ raw: true }))).toContain('Please quote the invoice number as the payment reference.');
    expect(pdf.images().map((r) => r[0])).toEqual(['image', 'smask']);
  });

  it('sets the document metadata from the snapshot', async () => {
    const snap = usdInvoice();
    const bytes = await renderInvoicePdf(snap, plain);
    const info = pdfFile(bytes).info();
    expect(info).toMatchObject({
      Title: 'Invoice INV-2026-00042',
      Author: 'Northwind Voice Agency Ltd',
      Subject: `Zoë Łódź Studio Sp. z o.o., ${formatPeriod('2026-10-01', '2026-11-01', 'en-US')}`,
      Keywords: 'invoice, INV-2026-00042, Zoë Łódź Studio Sp. z o.o., 2026-10, USD',
      Creator: 'Meterbook',
      Producer: 'Meterbook',
      'Page size': '595.28 x 841.89 pts (A4)',
    });
    expect(info.CreationDate).toMatch(/Nov\s+1 00:00:00 2026/);
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(String(doc.catalog.get(PDFName.of('Lang')))).toBe('(en-US)');
  });

  it('prints yen without decimals and a JPEG logo', async () => {
    const snap = jpyInvoice();
    const pdf = await render(snap, { logo: jpg });
    const text = plainSpaces(pdf.text());
    for (const amount of expectedAmounts(snap)) expect(text).toContain(amount);
    expect(text).toMatch(/Starter plan, monthly fee\s+1 month\s+¥1,230\s+¥1,230/);
    expect(text).toMatch(/SMS sent\s+333 messages\s+¥1\.5\s+¥500/);
    expect(text).toMatch(/Consumption tax 10%\s+¥4,395/);
    expect(text).not.toMatch(/¥[\d,]+\.\d\d/);
    expect(pdf.images()).toEqual([['image', '360', '120', 'rgb', 'jpeg']]);
  });

  it('prints dinars with three decimals', async () => {
    const snap = kwdInvoice();
    const text = plainSpaces((await render(snap)).text());
    for (const amount of expectedAmounts(snap)) expect(text).toContain(amount);
    expect(text).toMatch(/Chat sessions\s+1 session\s+KWD 1\.235\s+KWD 1\.235/);
    expect(text).toMatch(/Amount due\s+KWD 19\.985/);
  });

  it('formats with the snapshot locale: euros in German, rupees in Indian grouping', async () => {
    const eur = buildSnapshot({ currency: 'EUR', locale: 'de-DE', taxes: [{ name: 'USt.', rate: '19' }] });
    const eurText = plainSpaces((await render(eur)).text());
    for (const amount of expectedAmounts(eur)) expect(eurText).toContain(amount);
    expect(eurText).toContain('€');
    expect(eurText).toContain(`USt. ${plainSpaces(formatPercent('19', 'de-DE'))}`);
    expect(eurText).toContain('01.11.2026');

    const inr = buildSnapshot({ currency: 'INR', locale: 'en-IN', lines: [{ description: 'Voice minutes', quantity: '123456', unit: 'minute', unitPrice: '1' }], taxes: [{ name: 'GST', rate: '18' }] });
    const inrText = plainSpaces((await render(inr)).text());
    expect(inrText).toContain('₹1,23,456.00');
    expect(inrText).toMatch(/GST 18%\s+₹22,222\.08/);
  });

  it('runs a 60-line invoice onto several pages, the table header on each', async () => {
    const snap = longInvoice(60);
    const pdf = await render(snap, { logo: png });
    const pages = pdf.pages();
    expect(pages).toBeGreaterThanOrEqual(3);
    for (let p = 1; p <= pages; p++) {
      const text = pdf.text({ page: p });
      expect(text).toMatch(/Description\s+Quantity\s+Unit price\s+Amount/);
      expect(text).toContain(`Page ${p} of ${pages}`);
      if (p > 1) expect(text).toContain('Invoice INV-2026-00042 (continued)');
    }
    const all = plainSpaces(pdf.text());
    for (let i = 1; i <= 60; i++) expect(all).toContain(`Assistant ${i}:`);
    for (const amount of expectedAmounts(snap)) expect(all).toContain(amount);
    expect(pdf.text({ page: pages })).toMatch(/Amount due\s+\$10,487\.27/);
    expect(pdf.text({ page: 2 })).toContain(`Page 2 of ${pages}`);
  });

  it('wraps long descriptions and splits a row taller than a page', async () => {
    const long = 'Outbound reminder calls for the dental clinics of the Łódź voivodeship, '.repeat(4).trim();
    const note = Array.from({ length: 120 }, (_, i) => `Call batch ${i + 1} retried after a carrier timeout.`).join(' ');
    const snap = buildSnapshot({
      lines: [
        { description: long, quantity: '12', unit: 'call', unitPrice: '0.35' },
        { description: 'Incident credit report', quantity: '1', unit: 'report', unitPrice: '5.00', note },
      ],
    });
    const pdf = await render(snap);
    const text = flat(pdf.text({ raw: true }));
    expect(text).toContain(long);
    expect(text).toContain('Call batch 1 retried');
    expect(text).toContain('Call batch 120 retried after a carrier timeout.');
    expect(pdf.pages()).toBeGreaterThanOrEqual(2);
    // wrapped in its column, the numbers beside the first line
    const layout = plainSpaces(pdf.text());
    expect(layout).toMatch(/Outbound reminder calls for the dental\s+12 calls\s+\$0\.35\s+\$4\.20/);
    expect(layout.split('\n').filter((l) => /clinics|voivodeship/.test(l)).length).toBeGreaterThanOrEqual(3);
  });

  it('shows the invoice a credit note corrects, and why', async () => {
    const snap = creditNote();
    const pdf = await render(snap);
    const text = flat(pdf.text({ raw: true }));
    expect(text).toContain('CREDIT NOTE');
    expect(text).toContain('CN-2026-00003');
    expect(text).toContain('Credit note for invoice INV-2026-00041 of Nov 1, 2026');
    expect(text).toContain('Reason: Interactions double-counted after the provider re-sent its October usage export.');
    const layout = plainSpaces(pdf.text());
    for (const amount of expectedAmounts(snap)) expect(layout).toContain(amount);
    expect(layout).toMatch(/Total credit\s+-\$2,629\.96/);
    expect(layout).not.toContain('Amount due');
    expect(pdf.info().Title).toBe('Credit note CN-2026-00003');
  });

  it('shows how a credit note was settled: against the invoice, the rest to the prepaid balance', async () => {
    const snap = { ...creditNote(), settlement: { appliedToInvoice: '1000.00', creditedToBalance: '1629.96' } };
    const layout = plainSpaces((await render(snap)).text());
    expect(layout).toMatch(/Applied to INV-2026-00041\s+\$1,000\.00/);
    expect(layout).toMatch(/Credited to prepaid balance\s+\$1,629\.96/);
  });

  it('prints the reverse-charge mention instead of taxes', async () => {
    const mention = 'Reverse charge: VAT to be accounted for by the recipient (Article 196, Directive 2006/112/EC).';
    const snap = usdInvoice({ taxes: [], reverseChargeMention: mention });
    const text = flat((await render(snap)).text());
    expect(text).toContain(mention);
    expect(text).not.toContain('VAT 20%');
  });

  it('marks a draft: DRAFT as its number and a watermark on every page', async () => {
    const pdf = await render(draftInvoice({ lines: longLines(40) }), { watermark: 'DRAFT', logo: png });
    expect(pdf.text()).toMatch(/Invoice no\.\s+DRAFT/);
    const pages = pdf.pages();
    expect(pages).toBeGreaterThan(1);
    // the watermark is the only text on its own line in reading order
    for (let p = 1; p <= pages; p++) expect(pdf.text({ page: p, raw: true }).split('\n')).toContain('DRAFT');
    expect(pdf.info().Title).toBe('Draft invoice');
    expect(pdf.text()).not.toContain('Issue date');
  });

  it('renders the same snapshot to the same bytes, whatever was rendered before', async () => {
    const snap = usdInvoice();
    const a = await renderInvoicePdf(snap, { logo: png, watermark: null });
    await renderInvoicePdf(longInvoice(30), { logo: jpg, watermark: 'DRAFT' });
    await renderInvoicePdf(buildSnapshot({ client: { name: 'Ærøskøbing Ω Å ñ ß' } }), plain);
    const b = await renderInvoicePdf(structuredClone(snap), { logo: { ...png, bytes: png.bytes.slice() }, watermark: null });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const draft1 = await renderInvoicePdf(draftInvoice(), { logo: null, watermark: 'DRAFT' });
    const draft2 = await renderInvoicePdf(draftInvoice(), { logo: null, watermark: 'DRAFT' });
    expect(Buffer.from(draft1).equals(Buffer.from(draft2))).toBe(true);
    expect(Buffer.from(a).equals(Buffer.from(await renderInvoicePdf(usdInvoice({ notes: 'Other note' }), { logo: png, watermark: null })))).toBe(false);
  });

  it('keeps going when a name has characters the font lacks', async () => {
    const snap = jpyInvoice({ locale: 'ja-JP', client: { name: '株式会社カイト Kaito Robotics' } });
    const text = plainSpaces((await render(snap)).text());
    expect(text).toContain('Kaito Robotics');
    // ja-JP writes the full-width yen sign (U+FFE5); the PDF prints its compatibility form ¥
    expect(formatMoney('1230', 'JPY', 'ja-JP')).toBe('￥1,230');
    expect(text).toContain('¥1,230');
  });
});
