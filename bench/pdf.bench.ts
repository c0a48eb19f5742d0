// Invoice PDFs: one-page invoices (logo, discount, VAT, prepaid balance; 50 different clients and amounts)
// rendered by renderInvoicePdf, vs the cheapest PDF pdf-lib can make: PDFDocument.create + addPage + one
// drawText (standard Helvetica, nothing embedded) + save. Also a 60-line invoice (several pages).
import fs from 'node:fs';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { renderInvoicePdf, type RenderOptions } from '../electron/invoices/pdf/render-invoice';
import { longInvoice, usdInvoice } from '../electron/invoices/pdf/test-snapshots';
import type { InvoiceSnapshot } from '../shared/domain/invoice';
import { fmt, type BenchRow } from './table';

const AIM = 100;

function snapshots(count: number): InvoiceSnapshot[] {
  const firstNames = ['Zoë', 'Łukasz', 'Ana', 'Søren', 'Chloé', 'Mateus', 'Priya', 'Jürgen', 'Ines', 'Omar'];
  return Array.from({ length: count }, (_, i) =>
    usdInvoice({
      number: `INV-2026-${String(i + 1).padStart(5, '0')}`,
      client: { name: `${firstNames[i % firstNames.length]} ${['Dental', 'Realty', 'Logistics', 'Clinic', 'Studio'][i % 5]} ${i + 1}`, contactName: firstNames[(i + 3) % firstNames.length]! },
      lines: [
        { kind: 'base_fee', description: 'Growth plan, monthly fee', quantity: '1', unit: 'month', unitPrice: '490.00' },
        { kind: 'usage', description: 'Voice agent interactions', quantity: String(1000 + i * 37), unit: 'interaction', unitPrice: '0.35', note: 'Billed above the 3,000 included' },
        { kind: 'usage', description: 'Chat messages', quantity: String(15000 + i * 131), unit: 'message', unitPrice: '0.0125' },
        { kind: 'usage', description: 'AI tokens', quantity: String(1_000_000 + i * 7919), unit: 'token', unitPrice: '0.000004' },
        { kind: 'overage', description: 'Call minutes, graduated tiers', quantity: String(9000 + i), unit: 'minute', unitPrice: null, amount: `${1200 + i}.80` },
      ],
    }),
  );
}

/** Documents per second over `n` runs of `render` (after a warm-up of `warm`), sequential. */
async function rate(n: number, warm: number, render: (i: number) => Promise<Uint8Array>): Promise<{ perSec: number; bytes: number }> {
  for (let i = 0; i < warm; i++) await render(i);
  let bytes = 0;
  const t = process.hrtime.bigint();
  for (let i = 0; i < n; i++) bytes += (await render(i)).length;
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  return { perSec: n / (ms / 1000), bytes: bytes / n };
}

export async function pdfBench({ docs }: { docs: number }): Promise<BenchRow[]> {
  const logo: RenderOptions['logo'] = { bytes: new Uint8Array(fs.readFileSync(new URL('../electron/invoices/pdf/fixtures/logo.png', import.meta.url))), mime: 'image/png' };
  const snaps = snapshots(50);
  const long = longInvoice(60);

  const bare = await rate(docs, 50, async (i) => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    doc.addPage().drawText(`Invoice INV-2026-${String(i).padStart(5, '0')}  $1,234.50`, { x: 50, y: 700, size: 12, font });
    return doc.save();
  });
  const one = await rate(docs, 50, (i) => renderInvoicePdf(snaps[i % snaps.length]!, { logo, watermark: null }));
  const many = await rate(Math.max(20, Math.round(docs / 5)), 10, () => renderInvoicePdf(long, { logo, watermark: null }));

  return [
    {
      figure: 'one-page invoice PDFs/s (logo, VAT)',
      value: fmt(one.perSec),
      baseline: `${fmt(bare.perSec)} bare pdf-lib page`,
      ratio: (one.perSec / bare.perSec).toFixed(2),
      aim: `>= ${AIM}/s (issue)`,
      ok: one.perSec >= AIM,
    },
    {
      figure: '60-line invoice PDFs/s (4 pages)',
      value: fmt(many.perSec, 1),
      baseline: `${fmt(bare.perSec)} bare pdf-lib page`,
      ratio: (many.perSec / bare.perSec).toFixed(3),
      aim: 'report',
      ok: null,
    },
    {
      figure: 'one-page invoice size (KiB)',
      value: fmt(one.bytes / 1024, 1),
      baseline: `${fmt(bare.bytes / 1024, 1)} bare pdf-lib page`,
      ratio: (one.bytes / bare.bytes).toFixed(1),
      aim: 'fonts subset: < 60 KiB',
      ok: one.bytes / 1024 < 60,
    },
  ];
}
