// Runs in main. Invoice documents: the PDF of an invoice or credit note, rendered on demand from its snapshot
// (issued documents: the frozen one, so the same PDF comes out years later) with its logo from the asset store.
import type { FileDownload, InvoiceSnapshot } from '../../../shared/domain/invoice';
import { renderInvoicePdf } from '../../invoices/pdf/render-invoice';
import type { AppContextDeps } from '../app-deps';
import { AppError } from '../errors';
import type { InvoicesService } from './invoices-service';

export class DocumentsService {
  constructor(
    private readonly deps: AppContextDeps,
    private readonly invoices: InvoicesService,
  ) {}

  /** The PDF bytes of one document, drafts watermarked "DRAFT". */
  async pdfBytes(id: number): Promise<{ bytes: Uint8Array; fileName: string }> {
    const detail = await this.invoices.get(id);
    const bytes = await this.render(detail.snapshot, detail.status === 'draft');
    return { bytes, fileName: documentFileName(detail.snapshot, detail.clientName, id) };
  }

  async pdfDownload(id: number): Promise<FileDownload> {
    const { bytes, fileName } = await this.pdfBytes(id);
    return { fileName, mime: 'application/pdf', dataBase64: Buffer.from(bytes).toString('base64') };
  }

  /** Renders a snapshot; the logo comes from the content-addressed asset store. */
  async render(snapshot: InvoiceSnapshot, draft: boolean): Promise<Uint8Array> {
    let logo: { bytes: Uint8Array; mime: 'image/png' | 'image/jpeg' } | null = null;
    if (snapshot.branding.logo) {
      const row = await this.deps.ledger.db.selectFrom('assets').select(['bytes']).where('sha256', '=', snapshot.branding.logo.sha256).executeTakeFirst();
      if (!row) throw new AppError('conflict', `The logo of this document (${snapshot.branding.logo.sha256.slice(0, 12)}…) is missing from the data folder.`);
      logo = { bytes: new Uint8Array(row.bytes), mime: snapshot.branding.logo.mime };
    }
    return renderInvoicePdf(snapshot, { logo, watermark: draft ? 'DRAFT' : null });
  }
}

/** "INV-2026-00001 Acme Corp.pdf"; drafts: "Draft 12 Acme Corp.pdf". Characters a file system refuses are replaced. */
export function documentFileName(snapshot: InvoiceSnapshot, clientName: string, id: number): string {
  const head = snapshot.number ?? `Draft ${snapshot.kind === 'credit_note' ? 'credit note ' : ''}${id}`;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what file names may not hold
  const safe = `${head} ${clientName}`.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').replace(/\s+/g, ' ').trim().slice(0, 150).replace(/[. ]+$/, '');
  return `${safe}.pdf`;
}
